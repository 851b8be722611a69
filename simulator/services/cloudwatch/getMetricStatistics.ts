import { hashString } from '../../model/random';
import type { SimRequest, SimResponse, SimulatorContext } from '../../protocol/types';
import { metricWindow, publishedUnit, type ComputeContext } from './getMetricData';
import { readGetMetricStatisticsRequest, type GetMetricStatisticsRequest } from './statisticsRequest';
import { aggregate } from './statistics';

/**
 * GetMetricStatistics: one metric, one period, several statistics per data point, from the same raw data and the
 * same period, retention and StartTime rounding rules as GetMetricData. Output in the AWS JSON shape
 * (Timestamp in epoch seconds; the awsQuery codec writes ISO 8601).
 *
 * CloudWatch does not order Datapoints ("the data points are not returned in chronological order"), and clients
 * must sort them; the simulator returns them in a scrambled but fixed order so that a client that forgets to
 * sort fails here as it would against AWS.
 */

export interface WireDatapoint {
  Timestamp: number;
  SampleCount?: number;
  Average?: number;
  Sum?: number;
  Minimum?: number;
  Maximum?: number;
  Unit: string;
  ExtendedStatistics?: Record<string, number>;
}

/** The data points of a validated request (ascending; the handler scrambles them). */
export function statisticsDatapoints(req: GetMetricStatisticsRequest, ctx: ComputeContext): WireDatapoint[] {
  const window = metricWindow(req, req, ctx);
  if (!window) {
    return [];
  }
  const bucketsOf = (stat: Parameters<typeof aggregate>[4]) =>
    aggregate(window.points, req.period, window.from, req.endTime, stat);
  // Every bucket with data has a sample count; the other statistics are looked up by timestamp.
  const counts = bucketsOf({ kind: 'basic', name: 'SampleCount' });
  const unit = req.unit ?? publishedUnit(req.metric) ?? 'None';
  const points: WireDatapoint[] = counts.timestamps.map((t) => ({ Timestamp: t, Unit: unit }));
  const index = new Map(counts.timestamps.map((t, i) => [t, i]));
  for (const name of req.statistics) {
    const series = name === 'SampleCount' ? counts : bucketsOf({ kind: 'basic', name });
    series.timestamps.forEach((t, i) => {
      points[index.get(t)!][name] = series.values[i];
    });
  }
  for (const stat of req.extendedStatistics) {
    // A percentile is absent from buckets whose samples are not known (statistic sets), as in CloudWatch.
    const series = bucketsOf(stat);
    series.timestamps.forEach((t, i) => {
      (points[index.get(t)!].ExtendedStatistics ??= {})[stat.name] = series.values[i];
    });
  }
  return points;
}

/** A fixed permutation of the data points, the same for the same timestamps. */
export function scramble(points: WireDatapoint[]): WireDatapoint[] {
  const key = (p: WireDatapoint) => hashString(String(p.Timestamp));
  return [...points].sort((a, b) => key(a) - key(b) || a.Timestamp - b.Timestamp);
}

export function getMetricStatistics(
  req: Pick<SimRequest, 'body' | 'region'>,
  sim: Pick<SimulatorContext, 'clock' | 'metrics'>
): SimResponse {
  const request = readGetMetricStatisticsRequest(req.body);
  const points = statisticsDatapoints(request, {
    region: req.region,
    metrics: sim.metrics,
    nowSeconds: sim.clock.nowSeconds(),
  });
  return { body: { Label: request.metric.metricName, Datapoints: scramble(points) } };
}
