import { publishedUnitOf } from '../../model/cloudwatch/published';
import { cloudWatchErrors } from '../../protocol/awsError';
import type { MetricIdentity, MetricSource, RawSeries } from '../../model/metricSource';
import type { SimRequest, SimResponse, SimulatorContext } from '../../protocol/types';
import { evaluateExpression, type Value } from './evaluate';
import { ExpressionError } from './expression';
import { oldestBucketWithData, resolutionSupportsPeriod, roundStartTime } from './period';
import { readGetMetricDataRequest, type GetMetricDataRequest, type MetricStatQuery, type Query } from './request';
import { pageOfResults, type Cursor } from './resultPages';
import { resultRows, type ResultRow } from './resultRows';
import { emptySeries, type Series } from './series';
import { aggregate } from './statistics';
import { decodeToken, encodeToken, fingerprint, isNonNegativeInteger } from './tokens';

/**
 * GetMetricData: the results are laid out from the request alone (resultRows.ts), then the page the NextToken asks
 * for is cut out of them (resultPages.ts), computing only the queries that page needs.
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

/** What selects a metric's data: the metric, the period and an optional Unit filter. */
export type MetricSelection = Pick<MetricStatQuery, 'metric' | 'period' | 'unit'>;

/** The unit a metric is published with, when the simulator knows it (GetMetricStatistics reports it). */
export function publishedUnit(metric: MetricIdentity): string | undefined {
  return publishedUnitOf(metric.namespace, metric.metricName);
}

/** The first bucket with data at `period` for a request starting at `startTime` (rounding and retention rules). */
export function firstBucket(period: number, startTime: number, nowSeconds: number): number {
  const start = Math.max(roundStartTime(startTime, period, nowSeconds), oldestBucketWithData(period, nowSeconds));
  return Math.ceil(start / period) * period;
}

/**
 * The starts of every bucket of the request at `period` that has begun by "now": the timestamps a series could
 * have, which FILL fills (CloudWatch's "period and range of the time series").
 */
export function bucketGrid(
  period: number,
  req: Pick<GetMetricDataRequest, 'startTime' | 'endTime'>,
  nowSeconds: number
): number[] {
  const grid: number[] = [];
  const end = Math.min(req.endTime, nowSeconds);
  for (let t = firstBucket(period, req.startTime, nowSeconds); t < end; t += period) {
    grid.push(t);
  }
  return grid;
}

/**
 * The raw points behind a metric's buckets in [startTime, endTime), within the period/retention rules, and the
 * first bucket; undefined when the selection can have no data.
 */
export function metricWindow(
  q: MetricSelection,
  req: Pick<GetMetricDataRequest, 'startTime' | 'endTime'>,
  ctx: ComputeContext
): { points: RawSeries; from: number } | undefined {
  const resolution = ctx.metrics.resolution(q.metric);
  if (!resolutionSupportsPeriod(q.period, resolution)) {
    return undefined;
  }
  // A Unit filter that does not match the unit the metric is published with selects nothing, as in CloudWatch.
  if (q.unit !== undefined) {
    const known = publishedUnit(q.metric);
    if (known !== undefined && known !== q.unit) {
      return undefined;
    }
  }
  const now = ctx.nowSeconds;
  const from = firstBucket(q.period, req.startTime, now);
  // A bucket whose start is before EndTime is returned whole; raw data ends where it was published at `now`.
  const lastBucketEnd = Math.ceil(req.endTime / q.period) * q.period;
  const published = Math.floor(now / resolution) * resolution;
  const fetchEnd = Math.min(lastBucketEnd, published);
  if (fetchEnd <= from) {
    return undefined;
  }
  return { points: ctx.metrics.series(ctx.region, q.metric, from, fetchEnd), from };
}

/** The series of one MetricStat query: raw points bucketed into periods, within the period/retention rules. */
export function metricStatSeries(
  q: MetricSelection & Pick<MetricStatQuery, 'statistic'>,
  req: Pick<GetMetricDataRequest, 'startTime' | 'endTime'>,
  ctx: ComputeContext
): Series {
  const window = metricWindow(q, req, ctx);
  return window ? aggregate(window.points, q.period, window.from, req.endTime, q.statistic) : emptySeries();
}

/**
 * The values of queries, computed when first asked for and kept: a page computes only the results it returns (and
 * what their expressions reference), so a 500-query request cut into pages of 100,800 points does not compute every
 * query on every page.
 */
export function lazyValues(req: GetMetricDataRequest, ctx: ComputeContext): (id: string) => Value {
  const byId = new Map<string, Query>(req.queries.map((q) => [q.id, q]));
  const memo = new Map<string, Value>();
  const grid = (period: number) => bucketGrid(period, req, ctx.nowSeconds);
  const get = (id: string): Value => {
    let v = memo.get(id);
    if (v !== undefined) {
      return v;
    }
    const q = byId.get(id);
    // Expressions were checked for unknown ids, cycles and types when the request was read, so recursion ends.
    v = !q
      ? emptySeries()
      : q.kind === 'metric'
        ? metricStatSeries(q, req, ctx)
        : evaluateExpression(q.ast, q.nodeTypes, { lookup: get, grid });
    memo.set(id, v);
    return v;
  };
  return get;
}

/** The series of one result row: a metric's, an expression's, or one series of an expression's array. */
export function rowSeries(row: ResultRow, values: (id: string) => Value): Series {
  const v = values(row.query.id);
  if (row.element !== undefined) {
    return (v as Series[])[row.element] ?? emptySeries();
  }
  // An expression that evaluates to a number has no timestamps, so it gives no data.
  return typeof v === 'number' || Array.isArray(v) ? emptySeries() : v;
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

export interface WireResult {
  Id: string;
  Label: string;
  Timestamps: number[];
  Values: number[];
  StatusCode: 'Complete' | 'PartialData';
}

/** The GetMetricData operation: body in the SDK's shape, bare output shape back. */
export function getMetricData(
  req: Pick<SimRequest, 'body' | 'region'>,
  sim: Pick<SimulatorContext, 'clock' | 'metrics'>
): SimResponse {
  const request = readGetMetricDataRequest(req.body);
  const rows = resultRows(request, req.region);
  const print = requestFingerprint(req.region, request);
  const token =
    request.nextToken === undefined ? undefined : decodeToken(request.nextToken, print, isGetMetricDataToken);
  if (token && token.q >= rows.length) {
    // Cannot happen with a token we issued for this fingerprint; refuse it like any other foreign token.
    throw cloudWatchErrors.invalidNextToken('The NextToken is not valid: it was not issued by this service.');
  }
  const nowSeconds = token ? token.n : sim.clock.nowSeconds();
  const values = lazyValues(request, { region: req.region, metrics: sim.metrics, nowSeconds });
  let page: ReturnType<typeof pageOfResults>;
  try {
    page = pageOfResults(request, rows.length, (k) => rowSeries(rows[k], values), token && { q: token.q, t: token.t });
  } catch (err) {
    // The checker refuses what cannot be evaluated; should evaluation still fail, it is the request's error.
    if (err instanceof ExpressionError) {
      throw cloudWatchErrors.validation(`Error in expression: ${err.message}`);
    }
    throw err;
  }
  const MetricDataResults: WireResult[] = page.results.map((r, k) => ({
    Id: rows[k].query.id,
    Label: rows[k].label,
    Timestamps: r.Timestamps,
    Values: r.Values,
    StatusCode: r.StatusCode,
  }));
  return {
    body: {
      MetricDataResults,
      Messages: [],
      ...(page.next ? { NextToken: encodeToken({ q: page.next.q, t: page.next.t, n: nowSeconds }, print) } : {}),
    },
  };
}
