import type { DimensionFilter, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { findMetric } from '../../src/connect/cloudwatchCatalog';
import {
  emptyDimension,
  MAX_DIMENSIONS,
  MISSING_METRIC,
  MISSING_NAMESPACE,
  periodBelowPublishing,
  publishingPeriod,
  statisticProblem,
  TOO_MANY_DIMENSIONS,
} from '../../src/connect/cloudwatchRules';
import { writtenIds } from '../../src/connect/mathReferences';
import { isPacketLossRate, packetLossRateAsRatio } from '../../src/connect/packetLossRate';
import { queryId, type CloudWatchQuery } from '../../src/connect/proxyApi';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import { frame, type DataFrameJSON, type Notice } from '../frames';
import { emptyMetricNotice } from './emptyAnswers';
import { getMetricData, type MetricDataResult, type SeriesData } from './metricData';
import { autoPeriod, checkPeriod } from './period';
import { asProxyError, QueryError, type ProxyError } from '../errors';
import { alignToMinutes, staleNotice, type TimeRange } from './common';
import { eachResult, type QueryRunner } from './runner';

/**
 * cloudwatch queries: dimension values expanded (several values and "*"), period chosen, ids given, all queries of a
 * request sent together in GetMetricData calls of up to 500, and one time-series frame per series with its
 * dimensions as labels.
 */

/** Most series one query may expand to (each is a GetMetricData query). */
export const MAX_SERIES_PER_QUERY = 500;

export interface PlannedSeries {
  /** GetMetricData id. */
  id: string;
  dimensions: Record<string, string>;
}

export interface PlannedQuery {
  query: CloudWatchQuery;
  id: string;
  region: string;
  period: number;
  statistic: string;
  series: PlannedSeries[];
  /**
   * For an expression that reads queries with several series: for each of its series, the series id to put in place
   * of each such query id (series paired by equal dimensions).
   */
  repetitions?: Array<Record<string, string>>;
  /** Said with the answer (a period raised to the publishing frequency). */
  notices?: Notice[];
}

export function checkStatistic(stat: string | undefined): string {
  const problem = statisticProblem(stat);
  if (problem) {
    throw new QueryError(`statistic: ${problem}`);
  }
  return stat || 'Average';
}

function cartesian(dims: Record<string, string[]>): Array<Record<string, string>> {
  return Object.entries(dims).reduce<Array<Record<string, string>>>(
    (acc, [name, values]) => acc.flatMap((combo) => values.map((v) => ({ ...combo, [name]: v }))),
    [{}]
  );
}

/** Dimension combinations of a query: explicit values multiplied out; "*" expanded from ListMetrics (cached). */
async function expandDimensions(
  ctx: ProxyContext,
  aws: AwsContext,
  region: string,
  q: CloudWatchQuery
): Promise<Array<Record<string, string>>> {
  const dims = q.dimensions ?? {};
  for (const [name, values] of Object.entries(dims)) {
    if (values.length === 0) {
      throw new QueryError(`dimensions.${emptyDimension(name)}`);
    }
  }
  const wildcard = Object.entries(dims).some(([, values]) => values.includes('*'));
  if (Object.keys(dims).length > MAX_DIMENSIONS) {
    throw new QueryError(`dimensions: ${TOO_MANY_DIMENSIONS}`);
  }
  if (!wildcard) {
    return cartesian(dims);
  }
  const filters: DimensionFilter[] = Object.entries(dims).map(([Name, values]) =>
    values.length === 1 && values[0] !== '*' ? { Name, Value: values[0] } : { Name }
  );
  const key = JSON.stringify(['dimension-sets', aws.credentialsKey, region, q.namespace, q.metricName, filters]);
  const listed = (await ctx.caches.resources.getOrLoad(key, { ttlMs: ctx.config.resourceCacheTtlMs }, async () => {
    const metrics = await ctx.resources.listMetrics(aws, region, {
      Namespace: q.namespace,
      MetricName: q.metricName,
      Dimensions: filters.slice(0, 10),
    });
    return metrics.map((m) => Object.fromEntries((m.Dimensions ?? []).map((d) => [d.Name!, d.Value!])));
  })) as Array<Record<string, string>>;
  const names = Object.keys(dims).sort();
  return listed
    .filter((combo) => {
      const keys = Object.keys(combo).sort();
      // CloudWatch matches dimension sets exactly: a metric with more or fewer dimensions is another metric.
      return (
        keys.length === names.length &&
        keys.every((k, i) => k === names[i]) &&
        names.every((n) => dims[n].includes('*') || dims[n].includes(combo[n]))
      );
    })
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/**
 * The query's period: the user's, or auto from the range and the panel's width; never finer than AWS publishes a
 * catalogue metric (fact: publishing-frequency), which is said in a notice when the user's period is raised.
 */
function periodOf(q: CloudWatchQuery, range: TimeRange, nowMs: number): { period: number; notices: Notice[] } {
  const every = q.expression ? undefined : publishingPeriod(q.namespace, q.metricName);
  if (q.period !== undefined && q.period !== 'auto' && q.period !== '') {
    const asked = checkPeriod(Number(q.period));
    const why = q.expression ? undefined : periodBelowPublishing(q.namespace, q.metricName, asked);
    return why
      ? { period: every!, notices: [{ severity: 'info', text: `period: ${why}.` }] }
      : { period: asked, notices: [] };
  }
  const period = autoPeriod(
    (range.toMs - range.fromMs) / 1000,
    range.maxDataPoints,
    (nowMs - range.fromMs) / 1000,
    every ?? 60
  );
  return { period, notices: [] };
}

async function planQuery(
  ctx: ProxyContext,
  aws: AwsContext,
  q: CloudWatchQuery,
  range: TimeRange
): Promise<PlannedQuery> {
  const id = queryId(q);
  const region = q.region ?? aws.defaultRegion;
  const { period, notices } = periodOf(q, range, ctx.dataClock());
  if (q.expression && q.expression.trim() !== '') {
    return { query: q, id, region, period, statistic: '', series: [{ id, dimensions: {} }], notices };
  }
  if (!q.namespace || !q.metricName) {
    throw new QueryError(!q.namespace ? `namespace: ${MISSING_NAMESPACE}` : `metricName: ${MISSING_METRIC}`);
  }
  const statistic = checkStatistic(q.statistic);
  const combos = await expandDimensions(ctx, aws, region, q);
  if (combos.length > MAX_SERIES_PER_QUERY) {
    throw new QueryError(
      `dimensions: these values match ${combos.length} series; one query may show at most ${MAX_SERIES_PER_QUERY}`
    );
  }
  const series = combos.map((dimensions, k) => ({ id: combos.length === 1 ? id : `${id}_${k}`, dimensions }));
  return { query: q, id, region, period, statistic, series, notices };
}

/** "${QueueName} ${STAT}" -> "Billing Maximum". */
export function renderLabel(
  template: string,
  q: CloudWatchQuery,
  statistic: string,
  period: number,
  dimensions: Record<string, string>
): string {
  return template.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    switch (name) {
      case 'METRIC':
        return q.metricName ?? '';
      case 'NAMESPACE':
        return q.namespace ?? '';
      case 'STAT':
        return statistic;
      case 'PERIOD':
        return String(period);
      default:
        return dimensions[name] ?? whole;
    }
  });
}

function defaultLabel(p: PlannedQuery, s: PlannedSeries): string {
  if (p.query.expression) {
    // A repeated expression's series carry the dimensions of the series it read: `${VoiceConnectorId}` works.
    return p.query.label ? renderLabel(p.query.label, p.query, p.statistic, p.period, s.dimensions) : p.id;
  }
  const varying = Object.keys(p.query.dimensions ?? {}).filter(
    (d) => p.series.length > 1 && new Set(p.series.map((x) => x.dimensions[d])).size > 1
  );
  if (p.query.label) {
    return renderLabel(p.query.label, p.query, p.statistic, p.period, s.dimensions);
  }
  return varying.length > 0 ? varying.map((d) => s.dimensions[d]).join(' ') : (p.query.metricName ?? p.id);
}

/** The ids of a reference cycle through `id` (a -> b -> a), if its expression reaches itself. */
function expressionCycle(id: string, byId: Map<string, PlannedQuery>): string[] | undefined {
  const walk = (at: string, path: string[]): string[] | undefined => {
    const expr = byId.get(at)?.query.expression;
    if (!expr) {
      return undefined;
    }
    for (const ref of writtenIds(expr)) {
      if (ref === id) {
        return [...path, ref];
      }
      if (!path.includes(ref)) {
        const found = walk(ref, [...path, ref]);
        if (found) {
          return found;
        }
      }
    }
    return undefined;
  };
  return walk(id, [id]);
}

export interface CloudWatchRun {
  /** refId -> frames, or the error of that query. */
  results: Map<string, { frames?: DataFrameJSON[]; error?: ProxyError }>;
  calls: number;
}

export interface CloudWatchPlan {
  /** Queries that cannot run, with their error. */
  results: CloudWatchRun['results'];
  planned: PlannedQuery[];
  /** The GetMetricData queries of each region (batched into calls of at most 500 by getMetricData). */
  regions: Map<string, MetricDataQuery[]>;
}

/**
 * Every cloudwatch query of a request planned together: expanded, periods chosen, expressions checked, and the
 * GetMetricData queries grouped by region, so that N of them take ceil(N/500) calls per region and range whatever
 * their periods (GetMetricData takes a period per query). Queries that cannot be planned get their own error.
 */
export async function planCloudWatch(
  ctx: ProxyContext,
  aws: AwsContext,
  queries: CloudWatchQuery[],
  range: TimeRange
): Promise<CloudWatchPlan> {
  const results: CloudWatchRun['results'] = new Map();
  const planned: PlannedQuery[] = [];
  await Promise.all(
    queries.map(async (q) => {
      try {
        planned.push(await planQuery(ctx, aws, q, range));
      } catch (err) {
        results.set(q.refId, { error: asProxyError(err) });
      }
    })
  );
  planned.sort((a, b) => queries.indexOf(a.query) - queries.indexOf(b.query));
  const byId = new Map(planned.map((p) => [p.id, p]));

  // Expressions: every id they read must be a query of this request; one that reads a query with several series
  // is repeated for each of them.
  for (const p of planned) {
    if (!p.query.expression) {
      continue;
    }
    const refs = writtenIds(p.query.expression).filter((r) => !/^(e|pi)$/.test(r));
    const unknown = refs.filter((r) => !byId.has(r));
    const failed = refs.filter((r) => byId.has(r) && results.has(byId.get(r)!.query.refId));
    const multi = refs.filter((r) => (byId.get(r)?.series.length ?? 0) > 1);
    const cycle = expressionCycle(p.id, byId);
    if (cycle) {
      results.set(p.query.refId, {
        error: new QueryError(
          `expression: reads itself (${cycle.join(' -> ')}); an expression can read other queries only`
        ),
      });
    } else if (unknown.length > 0) {
      results.set(p.query.refId, {
        error: new QueryError(
          `expression: ${unknown.map((u) => `"${u}"`).join(', ')} ${unknown.length === 1 ? 'is not the id of a query' : 'are not ids of queries'} in this panel (ids: ${[...byId.keys()].join(', ') || 'none'})`
        ),
      });
    } else if (failed.length > 0) {
      results.set(p.query.refId, { error: new QueryError(`expression: the query ${failed[0]} it reads has an error`) });
    } else if (multi.length > 0) {
      // Repeated for each series of the queries it reads; with several such queries, their series pair up by equal
      // dimensions (lost / sent of the same voice connector), and all of them must have the same set.
      const key = (d: Record<string, string>) =>
        JSON.stringify(Object.entries(d).sort(([a], [b]) => a.localeCompare(b)));
      const [first, ...others] = multi.map((r) => byId.get(r)!);
      const unpaired: string[] = [];
      const repetitions = first.series.map((s) => {
        const ids: Record<string, string> = { [first.id]: s.id };
        for (const o of others) {
          const match = o.series.find((x) => key(x.dimensions) === key(s.dimensions));
          if (match) {
            ids[o.id] = match.id;
          } else {
            unpaired.push(`${o.id} has no series for ${Object.values(s.dimensions).join(', ')}`);
          }
        }
        return ids;
      });
      if (unpaired.length > 0 || others.some((o) => o.series.length !== first.series.length)) {
        results.set(p.query.refId, {
          error: new QueryError(
            `expression: reads ${multi.join(' and ')}, whose series do not pair up by dimensions (${unpaired[0] ?? 'different numbers of series'}); give them the same dimension values`
          ),
        });
        continue;
      }
      p.repetitions = repetitions;
      p.series = first.series.map((s, k) => ({ id: `${p.id}_${k}`, dimensions: s.dimensions }));
    }
  }

  const regions = new Map<string, MetricDataQuery[]>();
  for (const p of planned) {
    if (results.has(p.query.refId)) {
      continue;
    }
    const list = regions.get(p.region) ?? [];
    regions.set(p.region, list);
    const returnData = !p.query.hide;
    if (p.query.expression) {
      p.series.forEach((s, k) => {
        const expression = Object.entries(p.repetitions?.[k] ?? {}).reduce(
          (e, [queryIdRef, seriesId]) => e.replace(new RegExp(`\\b${queryIdRef}\\b`, 'g'), seriesId),
          p.query.expression!
        );
        list.push({ Id: s.id, Expression: expression, ReturnData: returnData });
      });
      continue;
    }
    for (const s of p.series) {
      list.push({
        Id: s.id,
        MetricStat: {
          Metric: {
            Namespace: p.query.namespace,
            MetricName: p.query.metricName,
            Dimensions: Object.entries(s.dimensions).map(([Name, Value]) => ({ Name, Value })),
          },
          Period: p.period,
          Stat: p.statistic,
        },
        ReturnData: returnData,
      });
    }
  }

  return { results, planned, regions };
}

/** Every cloudwatch query of a request, together. Queries that cannot be planned get their own error. */
export async function runCloudWatch(
  ctx: ProxyContext,
  aws: AwsContext,
  queries: CloudWatchQuery[],
  range: TimeRange
): Promise<CloudWatchRun> {
  const { results, planned, regions } = await planCloudWatch(ctx, aws, queries, range);
  const { startMs, endMs } = alignToMinutes(range);
  let calls = 0;
  await Promise.all(
    [...regions.entries()].map(async ([region, list]) => {
      const inRegion = planned.filter((p) => p.region === region && !results.has(p.query.refId));
      try {
        const data = await getMetricData(ctx, aws, region, startMs, endMs, list);
        calls += data.calls;
        await Promise.all(
          inRegion.map(async (p) => {
            if (p.query.hide) {
              results.set(p.query.refId, { frames: [] });
              return;
            }
            const frames = framesOf(p, data.series, data.messages, data.stale);
            results.set(p.query.refId, { frames: data.stale ? frames : await explainEmpty(ctx, aws, p, frames) });
          })
        );
      } catch (err) {
        for (const p of inRegion) {
          results.set(p.query.refId, { error: asProxyError(err) });
        }
      }
    })
  );
  return { results, calls };
}

/**
 * Frames without a single data point get a notice when ListMetrics says why (no such namespace, metric or dimension
 * value: emptyAnswers.ts), instead of a silent "No data"; a query expanded to no series at all gets an empty frame to
 * carry it. A failing diagnosis never fails the query.
 */
async function explainEmpty(
  ctx: ProxyContext,
  aws: AwsContext,
  p: PlannedQuery,
  frames: DataFrameJSON[]
): Promise<DataFrameJSON[]> {
  if (p.query.expression || frames.some((f) => (f.data.values[0]?.length ?? 0) > 0)) {
    return frames;
  }
  const notice = await emptyMetricNotice(ctx, aws, p.region, p.query).catch(() => undefined);
  if (!notice) {
    return frames;
  }
  if (frames.length === 0) {
    return [
      frame(
        p.query.refId,
        p.query.metricName,
        [
          { field: { name: 'Time', type: 'time' }, values: [] },
          { field: { name: 'Value', type: 'number' }, values: [] },
        ],
        { notices: [...(p.notices ?? []), notice], custom: { period: p.period } }
      ),
    ];
  }
  return frames.map((f) => ({
    ...f,
    schema: { ...f.schema, meta: { ...f.schema.meta, notices: [...(f.schema.meta?.notices ?? []), notice] } },
  }));
}

/**
 * One time-series frame per series of a planned query. meta.custom: period, id, and when the answer is an old one
 * served because CloudWatch failed or was slow, stale: true and dataAgeMs (since it was fetched) with a notice.
 */
export function framesOf(
  p: PlannedQuery,
  series: Map<string, SeriesData>,
  messages: string[],
  stale?: MetricDataResult['stale']
): DataFrameJSON[] {
  const info = findMetric(p.query.namespace ?? '', p.query.metricName ?? '');
  const notices: Notice[] = [
    ...(p.notices ?? []),
    ...messages
      .filter((m) => p.series.some((s) => m.startsWith(`${s.id}:`)) || !m.includes(':'))
      .map((text): Notice => ({ severity: 'warning', text })),
  ];
  const lossRate = !p.query.expression && isPacketLossRate(p.query.namespace, p.query.metricName);
  const staleMeta = stale ? { stale: true, dataAgeMs: stale.ageMs } : {};
  if (stale) {
    notices.unshift(staleNotice(stale.ageMs, stale.reasons));
  }
  const executed = p.query.expression
    ? p.query.expression
    : `${p.query.namespace} ${p.query.metricName} ${p.statistic} ${p.period}s`;
  return p.series.map((s) => {
    const data = series.get(s.id);
    const label = defaultLabel(p, s);
    const frameNotices = [...notices];
    // fact: packet-loss-rate-scale: read as 0..1 unless a value above 1 proves the 0..100 scale.
    const scaled = lossRate ? packetLossRateAsRatio(data?.values ?? [], p.statistic) : undefined;
    if (scaled?.rescaled) {
      frameNotices.push({
        severity: 'info',
        text: 'ToInstancePacketLossRate has values above 1, so this instance publishes it from 0 to 100: divided by 100 to show a share.',
      });
    }
    if (data?.statusCode === 'PartialData') {
      frameNotices.push({ severity: 'warning', text: 'CloudWatch returned partial data for this series.' });
    } else if (data && data.statusCode && data.statusCode !== 'Complete') {
      frameNotices.push({ severity: 'error', text: `CloudWatch status ${data.statusCode} for this series.` });
    }
    return frame(
      p.query.refId,
      label,
      [
        {
          field: { name: 'Time', type: 'time', config: { custom: { period: p.period } } },
          values: data?.timestamps ?? [],
        },
        {
          field: {
            name: 'Value',
            type: 'number',
            labels: s.dimensions,
            config: {
              displayNameFromDS: label,
              ...(info ? { unit: info.grafanaUnit, description: info.description } : {}),
            },
          },
          values: scaled ? scaled.values : (data?.values ?? []),
        },
      ],
      {
        executedQueryString: executed,
        ...(frameNotices.length ? { notices: frameNotices } : {}),
        custom: { period: p.period, id: s.id, ...staleMeta },
      }
    );
  });
}

/** The runner of cloudwatch queries: all of a request's together, in shared GetMetricData calls. */
export const cloudwatchRunner: QueryRunner<CloudWatchQuery> = async (ctx, aws, queries, range) =>
  eachResult((await runCloudWatch(ctx, aws, queries, range)).results);
