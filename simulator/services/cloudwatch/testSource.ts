import { Clock } from '../../clock';
import {
  seriesFromPoints,
  type Dimension,
  type MetricIdentity,
  type MetricSource,
  type RawDatapoint,
  type RawSeries,
} from '../../model/metricSource';
import { lowerBound } from './series';

/**
 * A small in-memory MetricSource for the CloudWatch service tests: metrics are added with their raw points, and
 * series() answers exactly what the contract says (startSeconds <= t < endSeconds, ascending), nothing more. It
 * counts series() calls so tests can check that unused queries are not fetched.
 */

const key = (region: string, m: MetricIdentity): string =>
  [
    region,
    m.namespace,
    m.metricName,
    ...[...m.dimensions].sort((a, b) => a.Name.localeCompare(b.Name)).map((d) => `${d.Name}=${d.Value}`),
  ].join('|');

interface Entry {
  identity: MetricIdentity;
  points: RawDatapoint[];
  times: number[];
  resolution: number;
}

export class FakeMetricSource implements MetricSource {
  seriesCalls = 0;
  private readonly entries = new Map<string, Entry>();
  private readonly order: Array<{ region: string; key: string }> = [];

  add(identity: MetricIdentity, points: RawDatapoint[], options: { region?: string; resolution?: number } = {}): this {
    const region = options.region ?? 'us-east-1';
    const k = key(region, identity);
    const sorted = [...points].sort((a, b) => a.t - b.t);
    if (!this.entries.has(k)) {
      this.order.push({ region, key: k });
    }
    this.entries.set(k, {
      identity,
      points: sorted,
      times: sorted.map((p) => p.t),
      resolution: options.resolution ?? 60,
    });
    return this;
  }

  list(region: string, activeSinceSeconds: number): MetricIdentity[] {
    return this.order
      .filter((o) => o.region === region)
      .map((o) => this.entries.get(o.key)!)
      .filter((e) => e.points.length > 0 && e.points[e.points.length - 1].t >= activeSinceSeconds)
      .map((e) => e.identity);
  }

  series(region: string, metric: MetricIdentity, startSeconds: number, endSeconds: number): RawSeries {
    this.seriesCalls++;
    const e = this.entries.get(key(region, metric));
    return seriesFromPoints(
      e ? e.points.slice(lowerBound(e.times, startSeconds), lowerBound(e.times, endSeconds)) : []
    );
  }

  resolution(metric: MetricIdentity): number {
    for (const e of this.entries.values()) {
      if (e.identity.namespace === metric.namespace && e.identity.metricName === metric.metricName) {
        return e.resolution;
      }
    }
    return 60;
  }
}

export const dim = (Name: string, Value: string): Dimension => ({ Name, Value });

/** A one-sample point. */
export const point = (t: number, v: number): RawDatapoint => ({ t, sampleCount: 1, sum: v, min: v, max: v });

/** `count` one-sample points every `step` seconds from `from`, value f(i). */
export function points(from: number, count: number, f: (i: number) => number, step = 60): RawDatapoint[] {
  return Array.from({ length: count }, (_, i) => point(from + i * step, f(i)));
}

export function frozenClock(nowSeconds: number): Clock {
  const clock = new Clock(() => 0);
  clock.freeze(nowSeconds * 1000);
  return clock;
}
