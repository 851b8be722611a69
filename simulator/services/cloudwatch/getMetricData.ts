import { findMetric } from '../../../src/connect/cloudwatchCatalog';
import { cloudWatchErrors } from '../../protocol/awsError';
import type { MetricSource } from '../../model/metricSource';
import type { SimRequest, SimResponse, SimulatorContext } from '../../protocol/types';
import { evaluateExpression, referencedIds } from './expression';
import { renderLabel } from './labels';
import { oldestBucketWithData, resolutionSupportsPeriod, roundStartTime } from './period';
import { readGetMetricDataRequest, type GetMetricDataRequest, type MetricStatQuery, type Query } from './request';
import { emptySeries, lowerBound, upperBound, type Series } from './series';
import { aggregate } from './statistics';
import { decodeToken, encodeToken, fingerprint, isNonNegativeInteger } from './tokens';

/**
 * GetMetricData: every query's series is computed in full (cheap: the model is in memory), then the page the
 * NextToken asks for is cut out of them. Computing in full keeps paging simple and makes pages concatenate to
 * exactly the unpaginated result.
 */

export interface ComputeContext {
  region: string;
  metrics: MetricSource;
  /**
   * "Now" for the request: the retention rules and the end of published data. A NextToken carries the instant of
   * the first page so that later pages see the same data even though the simulated clock moved on.
   */
  nowSeconds: number;
}

/** The series of one MetricStat query: raw points bucketed into periods, within the period/retention rules. */
export function metricStatSeries(
  q: MetricStatQuery,
  req: Pick<GetMetricDataRequest, 'startTime' | 'endTime'>,
  ctx: ComputeContext
): Series {
  const resolution = ctx.metrics.resolution(q.metric);
  if (!resolutionSupportsPeriod(q.period, resolution)) {
    return emptySeries();
  }
  // A Unit filter that does not match the unit the metric is published with selects nothing, as in CloudWatch.
  if (q.unit !== undefined) {
    const known = findMetric(q.metric.namespace, q.metric.metricName);
    if (known && known.unit !== q.unit) {
      return emptySeries();
    }
  }
  const now = ctx.nowSeconds;
  const start = Math.max(roundStartTime(req.startTime, q.period, now), oldestBucketWithData(q.period, now));
  const firstBucket = Math.ceil(start / q.period) * q.period;
  // A bucket whose start is before EndTime is returned whole; raw data ends where it was published at `now`.
  const lastBucketEnd = Math.ceil(req.endTime / q.period) * q.period;
  const published = Math.floor(now / resolution) * resolution;
  const fetchEnd = Math.min(lastBucketEnd, published);
  if (fetchEnd <= firstBucket) {
    return emptySeries();
  }
  const points = ctx.metrics.series(ctx.region, q.metric, firstBucket, fetchEnd);
  return aggregate(points, q.period, firstBucket, req.endTime, q.statistic);
}

/**
 * The series of queries, computed when first asked for and kept: a page computes only the queries it returns (and
 * what their expressions reference), so a 500-query request cut into pages of 100,800 points does not compute every
 * query on every page.
 */
export function lazySeries(req: GetMetricDataRequest, ctx: ComputeContext): (id: string) => Series {
  const byId = new Map<string, Query>(req.queries.map((q) => [q.id, q]));
  const memo = new Map<string, Series>();
  const get = (id: string): Series => {
    let s = memo.get(id);
    if (s) {
      return s;
    }
    const q = byId.get(id);
    // Expressions were checked for unknown ids and cycles when the request was read, so recursion ends.
    s = !q ? emptySeries() : q.kind === 'metric' ? metricStatSeries(q, req, ctx) : evaluateExpression(q.ast, get);
    memo.set(id, s);
    return s;
  };
  return get;
}

/** The series of every query that is returned or referenced by a returned expression, by Id. */
export function computeAllSeries(req: GetMetricDataRequest, ctx: ComputeContext): Map<string, Series> {
  const get = lazySeries(req, ctx);
  const needed = new Set(req.queries.filter((q) => q.returnData).map((q) => q.id));
  return new Map([...needed].map((id) => [id, get(id)]));
}

// ------------------------------------------------------------------------------------------------ pagination

/** Where a page starts: the first query not finished (index into `queries`) and the last timestamp already sent for it. */
export interface Cursor {
  q: number;
  t: number | null;
}

export interface WireResult {
  Id: string;
  Label: string;
  Timestamps: number[];
  Values: number[];
  StatusCode: 'Complete' | 'PartialData';
}

/**
 * One page of results: up to `maxDatapoints` points over all returned queries, in query order, each query's points
 * ordered per ScanBy. Queries finished on earlier pages come back empty and Complete; the query that was cut and
 * those not reached yet (if they have data) are PartialData; `next` is where the following page starts.
 */
export function pageOfResults(
  req: Pick<GetMetricDataRequest, 'queries' | 'scanBy' | 'maxDatapoints'>,
  series: Map<string, Series> | ((id: string) => Series),
  cursor: Cursor | undefined
): { results: Array<Omit<WireResult, 'Label'>>; next?: Cursor } {
  const seriesOf = typeof series === 'function' ? series : (id: string) => series.get(id) ?? emptySeries();
  const ascending = req.scanBy === 'TimestampAscending';
  let budget = req.maxDatapoints;
  let next: Cursor | undefined;
  const results: Array<Omit<WireResult, 'Label'>> = [];
  req.queries.forEach((q, k) => {
    if (!q.returnData) {
      return;
    }
    let timestamps: number[] = [];
    let values: number[] = [];
    let complete = true;
    if (budget <= 0 && (!cursor || k >= cursor.q)) {
      // The page is full: this query is not computed now; the next page starts with it if nothing was cut before.
      next ??= { q: k, t: cursor && k === cursor.q ? cursor.t : null };
      results.push({ Id: q.id, Timestamps: timestamps, Values: values, StatusCode: 'PartialData' });
      return;
    }
    if (!cursor || k >= cursor.q) {
      const s = seriesOf(q.id);
      const ts = s.timestamps;
      const vs = s.values;
      const resumeAt = cursor && k === cursor.q ? cursor.t : null;
      // [lo, hi) = the points not sent yet, in ascending index space.
      const lo = ascending && resumeAt !== null ? upperBound(ts, resumeAt) : 0;
      const hi = !ascending && resumeAt !== null ? lowerBound(ts, resumeAt) : ts.length;
      const available = hi - lo;
      const take = Math.min(available, budget);
      budget -= take;
      // Native slice/reverse: these copies are the bulk of a large response.
      if (ascending) {
        timestamps = ts.slice(lo, lo + take);
        values = vs.slice(lo, lo + take);
      } else {
        timestamps = ts.slice(hi - take, hi).reverse();
        values = vs.slice(hi - take, hi).reverse();
      }
      if (take < available) {
        complete = false;
        next ??= { q: k, t: take > 0 ? timestamps[take - 1] : resumeAt };
      }
    }
    results.push({
      Id: q.id,
      Timestamps: timestamps,
      Values: values,
      StatusCode: complete ? 'Complete' : 'PartialData',
    });
  });
  return next ? { results, next } : { results };
}

// ------------------------------------------------------------------------------------------------ tokens

interface GetMetricDataToken extends Cursor {
  /** "now" of the first page, epoch seconds. */
  n: number;
}

const isGetMetricDataToken = (v: Record<string, unknown>): v is Record<string, unknown> & GetMetricDataToken =>
  isNonNegativeInteger(v.q) &&
  (v.t === null || (typeof v.t === 'number' && Number.isFinite(v.t))) &&
  typeof v.n === 'number' &&
  Number.isFinite(v.n);

/** What a NextToken is bound to: the region and everything that shapes the data (not MaxDatapoints, a page size). */
export function requestFingerprint(region: string, req: GetMetricDataRequest): string {
  const queries = req.queries.map((q) =>
    q.kind === 'metric'
      ? [q.id, q.label ?? null, q.returnData, q.metric, q.period, q.stat, q.unit ?? null]
      : [q.id, q.label ?? null, q.returnData, q.expression]
  );
  return fingerprint(['GetMetricData', region, queries, req.startTime, req.endTime, req.scanBy]);
}

// ------------------------------------------------------------------------------------------------ handler

/** The GetMetricData operation: body in the SDK's shape, bare output shape back. */
export function getMetricData(
  req: Pick<SimRequest, 'body' | 'region'>,
  sim: Pick<SimulatorContext, 'clock' | 'metrics'>
): SimResponse {
  const request = readGetMetricDataRequest(req.body);
  const print = requestFingerprint(req.region, request);
  const token =
    request.nextToken === undefined ? undefined : decodeToken(request.nextToken, print, isGetMetricDataToken);
  if (token && token.q >= request.queries.length) {
    // Cannot happen with a token we issued for this fingerprint; refuse it like any other foreign token.
    throw cloudWatchErrors.invalidNextToken('The NextToken is not valid: it was not issued by this service.');
  }
  const nowSeconds = token ? token.n : sim.clock.nowSeconds();
  const series = lazySeries(request, { region: req.region, metrics: sim.metrics, nowSeconds });
  const page = pageOfResults(request, series, token && { q: token.q, t: token.t });

  const byId = new Map(request.queries.map((q) => [q.id, q]));
  const MetricDataResults: WireResult[] = page.results.map((r) => {
    const q = byId.get(r.Id)!;
    const label = renderLabel(
      q.label,
      q.kind === 'metric'
        ? { id: q.id, region: req.region, metric: q.metric, period: q.period, stat: q.stat }
        : { id: q.id, region: req.region }
    );
    return { Id: r.Id, Label: label, Timestamps: r.Timestamps, Values: r.Values, StatusCode: r.StatusCode };
  });
  return {
    body: {
      MetricDataResults,
      Messages: [],
      ...(page.next ? { NextToken: encodeToken({ q: page.next.q, t: page.next.t, n: nowSeconds }, print) } : {}),
    },
  };
}
