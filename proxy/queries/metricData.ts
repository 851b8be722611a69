import { paginateGetMetricData, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import { followPages } from '../aws/pages';
import type { Loaded } from '../upstream/cache';
import { idsReadBy } from '../../src/connect/mathReferences';
import { staleReasonText } from './common';

/**
 * GetMetricData with CloudWatch's limits handled: at most 500 queries per call (a query travels with the queries
 * its expression uses), every NextToken followed, and each call cached until the next minute's data can exist.
 */
export const MAX_QUERIES_PER_CALL = 500;

export interface SeriesData {
  id: string;
  label?: string;
  timestamps: number[];
  values: number[];
  statusCode?: string;
}

export interface MetricDataResult {
  series: Map<string, SeriesData>;
  messages: string[];
  calls: number;
  /**
   * Set when some batch was answered from an older cached answer because CloudWatch failed, throttled or was slow:
   * the age of the oldest such answer (ms) and why.
   */
  stale?: { ageMs: number; reasons: string[] };
}

/** Bytes a call's answer takes in the cache: two numbers a point plus the labels. */
function resultBytes(r: MetricDataResult): number {
  let bytes = 256;
  r.series.forEach((s) => (bytes += 128 + 2 * (s.label?.length ?? 0) + 16 * s.values.length));
  return bytes;
}

/**
 * Splits queries into calls of at most 500, keeping each expression in the call of the queries it uses (and
 * those of its dependencies). A group larger than 500 cannot be sent and is refused.
 */
export function batchQueries(queries: MetricDataQuery[]): MetricDataQuery[][] {
  const ids = new Map(queries.map((q, i) => [q.Id!, i]));
  // union-find over queries linked by expression references
  const parent = queries.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const metricIds = queries.filter((q) => q.MetricStat).map((q) => q.Id!);
  queries.forEach((q, i) => {
    if (q.Expression) {
      for (const ref of idsReadBy(q.Expression, metricIds)) {
        const j = ids.get(ref);
        if (j !== undefined) {
          parent[find(i)] = find(j);
        }
      }
    }
  });
  const groups = new Map<number, MetricDataQuery[]>();
  queries.forEach((q, i) => {
    const root = find(i);
    const g = groups.get(root) ?? [];
    g.push(q);
    groups.set(root, g);
  });
  const batches: MetricDataQuery[][] = [];
  let current: MetricDataQuery[] = [];
  for (const group of groups.values()) {
    if (group.length > MAX_QUERIES_PER_CALL) {
      throw new Error(
        `${group.length} CloudWatch queries are linked by expressions; one GetMetricData call takes at most ${MAX_QUERIES_PER_CALL}`
      );
    }
    if (current.length + group.length > MAX_QUERIES_PER_CALL) {
      batches.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) {
    batches.push(current);
  }
  return batches;
}

/** How long a call's answer stays valid: to the next minute's data for ranges reaching now, longer for the past. */
export function cloudWatchTtlMs(endMs: number, nowMs: number): number {
  if (endMs < nowMs - 15 * 60_000) {
    return 10 * 60_000;
  }
  const nextMinute = Math.ceil((nowMs + 1) / 60_000) * 60_000;
  return Math.max(5_000, nextMinute - nowMs + 5_000);
}

async function oneCall(
  ctx: ProxyContext,
  aws: AwsContext,
  region: string,
  startMs: number,
  endMs: number,
  batch: MetricDataQuery[]
): Promise<MetricDataResult> {
  const pages = await followPages(
    ctx,
    aws,
    { service: 'cloudwatch', operation: 'GetMetricData', region },
    paginateGetMetricData(
      { client: aws.cloudwatch(region) },
      { MetricDataQueries: batch, StartTime: new Date(startMs), EndTime: new Date(endMs), ScanBy: 'TimestampAscending' }
    )
  );
  // CloudWatch bills GetMetricData per metric requested: every MetricStat query, again on every page.
  ctx.metrics.cloudwatchMetricsRequested.inc({ region }, batch.filter((q) => q.MetricStat).length * pages.length);
  const series = new Map<string, SeriesData>();
  const messages: string[] = [];
  for (const page of pages) {
    for (const m of page.Messages ?? []) {
      messages.push(m.Value ?? m.Code ?? 'message');
    }
    for (const r of page.MetricDataResults ?? []) {
      const s = series.get(r.Id!) ?? { id: r.Id!, label: r.Label, timestamps: [], values: [] };
      (r.Timestamps ?? []).forEach((t) => s.timestamps.push(t.getTime()));
      s.values.push(...(r.Values ?? []));
      // the last page's status is the series' final word (PartialData only when data is missing for good)
      s.statusCode = r.StatusCode;
      for (const m of r.Messages ?? []) {
        messages.push(`${r.Id}: ${m.Value ?? m.Code}`);
      }
      series.set(r.Id!, s);
    }
  }
  return { series, messages, calls: pages.length };
}

/** Runs queries for one region and range: batched, paged, cached (per batch) and coalesced. */
export async function getMetricData(
  ctx: ProxyContext,
  aws: AwsContext,
  region: string,
  startMs: number,
  endMs: number,
  queries: MetricDataQuery[]
): Promise<MetricDataResult> {
  const out: MetricDataResult = { series: new Map(), messages: [], calls: 0 };
  if (queries.length === 0) {
    return out;
  }
  const nowMs = Date.now();
  const loaded = await Promise.all(
    batchQueries(queries).map((batch) => {
      const batchKey = JSON.stringify(batch);
      return ctx.caches.cloudwatch.load(
        JSON.stringify(['gmd', aws.credentialsKey, region, startMs, endMs, batchKey]),
        {
          ttlMs: cloudWatchTtlMs(endMs, nowMs),
          staleMs: ctx.config.staleMaxAgeMs,
          slowMs: ctx.config.staleIfSlowMs,
          // The same batch over a range of the same length: the previous minute's answer is the fallback.
          fallbackGroup: JSON.stringify(['gmd', aws.credentialsKey, region, endMs - startMs, batchKey]),
          size: (r) => resultBytes(r as MetricDataResult),
        },
        () => oneCall(ctx, aws, region, startMs, endMs, batch)
      ) as Promise<Loaded<MetricDataResult>>;
    })
  );
  for (const { value: r, stale, ageMs, reason } of loaded) {
    r.series.forEach((s, id) => out.series.set(id, s));
    out.messages.push(...r.messages);
    out.calls += r.calls;
    if (stale) {
      const text = staleReasonText(reason);
      out.stale = {
        ageMs: Math.max(ageMs ?? 0, out.stale?.ageMs ?? 0),
        reasons: [...new Set([...(out.stale?.reasons ?? []), text])],
      };
    }
  }
  return out;
}
