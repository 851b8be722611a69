import {
  paginateGetCurrentMetricData,
  type CurrentMetricName,
  type Dimensions,
  type Grouping as SdkGrouping,
} from '@aws-sdk/client-connect';
import type { Channel } from '../../src/connect/channels';
import type { RealtimeQuery } from '../../src/connect/query';
import { REALTIME_METRICS, realtimeValueInSeconds, type RealtimeMetricName } from '../../src/connect/realtimeMetrics';
import {
  formatViolation,
  realtimeAdvice,
  REALTIME_LIMITS,
  validateRealtimeRequest,
  violationsIntroducedBy,
  type Grouping,
} from '../../src/connect/realtimeRules';
import {
  dedupeGrouping,
  mergeRule,
  mergeValues,
  SPLIT_GROUPING,
  type MergeRule,
  type SplitKind,
} from '../../src/connect/splitMerge';
import { REALTIME_UNIT_TO_GRAFANA } from '../../src/connect/units';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import { frame, type Column, type DataFrameJSON, type FrameMeta, type Notice } from '../frames';
import { followPages } from '../aws/pages';
import { agentStatusNames, queueNames, routingProfileNames } from './names';
import { resolveFilterRefs } from './resolveRefs';
import { staleNotice } from './stale';
import { staleReasonText } from './metricData';
import { memoiseAnswer, type AnswerSource } from './realtimeAnswers';
import { mergerFor } from './realtimeMerge';
import { QueryError } from './validate';

/**
 * realtime queries: GetCurrentMetricData, planned into calls of at most 100 queues (or routing profiles), every page
 * followed, cached for a few seconds and shared by identical calls in flight, units normalised (OLDEST_CONTACT_AGE
 * always in seconds), names resolved, as one table frame (or one-point time series).
 */

/** One GetCurrentMetricData call of a plan (before paging). */
export interface PlannedCall {
  filters: {
    Queues?: string[];
    RoutingProfiles?: string[];
    Channels?: Channel[];
    RoutingStepExpressions?: string[];
    AgentStatuses?: string[];
    Subtypes?: string[];
  };
  groupings: Grouping[];
  metrics: RealtimeMetricName[];
  /**
   * Set on calls that add this grouping to count a metric exactly across split calls (splitMerge.ts,
   * dedupeGrouping): their rows are taken once per queue or routing profile and added up per row of the query.
   */
  dedupeBy?: Grouping;
}

export interface RealtimePlan {
  calls: PlannedCall[];
  /** What the calls fetch: the query's metrics, then the sort metric if the query does not show it. */
  metrics: RealtimeMetricName[];
  /**
   * How the calls' rows combine: concatenated (one call, or rows that each belong to one call) or merged by row key,
   * each metric by its rule (src/connect/splitMerge.ts), in the order of `metrics`.
   */
  combine: 'concat' | 'merge';
  rules?: MergeRule[];
}

const chunks = <T>(values: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) {
    out.push(values.slice(i, i + size));
  }
  return out;
};

/** Splits queue and routing-profile sets above Connect's 100 per call, after checking every rule. */
export function planRealtime(q: RealtimeQuery): RealtimePlan {
  const f = q.filters;
  const violations = validateRealtimeRequest(
    {
      filters: f,
      groupings: q.groupings,
      metrics: q.metrics,
      sort: q.sort ? [q.sort] : undefined,
    },
    { splitsLargeSets: true }
  );
  if (violations.length > 0) {
    throw new QueryError(violations.map((v) => formatViolation(v)).join('; '));
  }
  // The call fetches the sort metric too (to sort by it): it must fit the filters and groupings like the others.
  if (q.sort && !q.metrics.includes(q.sort.metric)) {
    const shape = { filters: f, groupings: q.groupings, metrics: q.metrics };
    const added = violationsIntroducedBy(
      shape,
      { ...shape, metrics: [...q.metrics, q.sort.metric] },
      { splitsLargeSets: true }
    );
    if (added.length > 0) {
      throw new QueryError(
        `sort.metric: sorting by ${q.sort.metric} fetches it as well, and ${added.map((v) => `${v.field}: ${v.text}`).join('; ')}; sort by one of the query's metrics`
      );
    }
  }
  const queues = f.queues ?? [];
  const profiles = f.routingProfiles ?? [];
  const byQueues = queues.length > 0;
  const set = byQueues ? queues : profiles;
  const split: SplitKind = byQueues ? 'queues' : 'routingProfiles';
  const splitOn = SPLIT_GROUPING[split];
  const limit = byQueues ? REALTIME_LIMITS.queues : REALTIME_LIMITS.routingProfiles;
  const parts = chunks(set, limit);
  const base = {
    Channels: f.channels && f.channels.length > 0 ? f.channels : undefined,
    RoutingStepExpressions: f.routingStepExpressions?.length ? f.routingStepExpressions : undefined,
    AgentStatuses: f.agentStatuses?.length ? f.agentStatuses : undefined,
    Subtypes: f.subtypes?.length ? f.subtypes : undefined,
  };
  const metrics = q.sort && !q.metrics.includes(q.sort.metric) ? [...q.metrics, q.sort.metric] : q.metrics;
  const calls = parts.map((part) => ({
    filters: { ...base, ...(byQueues ? { Queues: part } : { RoutingProfiles: part }) },
    groupings: q.groupings,
    metrics,
  }));
  if (calls.length > 1 && !q.groupings.includes(splitOn)) {
    const decisions = metrics.map((m) => ({ metric: m, ...mergeRule(m, split, q.groupings) }));
    // Refused metrics that one more grouping counts exactly (agents per routing profile over a queue split, contacts
    // per queue over a routing-profile split) get calls of their own.
    const dedupeBy = dedupeGrouping(
      decisions.find((d) => d.rule === 'refuse')?.metric ?? metrics[0],
      split,
      q.groupings
    );
    const recovered = dedupeBy
      ? decisions.filter((d) => d.rule === 'refuse' && dedupeGrouping(d.metric, split, q.groupings) === dedupeBy)
      : [];
    const recoveredCalls = recovered.length
      ? parts.map((part) => ({
          filters: { ...base, ...(byQueues ? { Queues: part } : { RoutingProfiles: part }) },
          groupings: [...q.groupings, dedupeBy!],
          metrics: recovered.map((d) => d.metric),
          dedupeBy,
        }))
      : [];
    const recoveredOk =
      recoveredCalls.length > 0 &&
      validateRealtimeRequest({
        filters: { ...f, ...(byQueues ? { queues: parts[0] } : { routingProfiles: parts[0] }) },
        groupings: recoveredCalls[0].groupings,
        metrics: recoveredCalls[0].metrics,
      }).length === 0;
    const refused = decisions.filter((d) => d.rule === 'refuse' && !(recoveredOk && recovered.includes(d)));
    if (refused.length > 0) {
      const why = refused.map((d) => `${d.metric} (${d.reason})`).join('; ');
      const other = split === 'queues' ? 'ROUTING_PROFILE' : 'QUEUE';
      throw new QueryError(
        `filters.${byQueues ? 'queues' : 'routingProfiles'}: more than ${limit} ${byQueues ? 'queues' : 'routing profiles'} take several GetCurrentMetricData calls, and these metrics cannot be combined across them: ${why}; group by ${splitOn} or ${other}, or remove them`
      );
    }
    if (recoveredOk) {
      const rest = metrics.filter((m) => !recovered.some((d) => d.metric === m));
      const restCalls = rest.length ? calls.map((c) => ({ ...c, metrics: rest })) : [];
      return {
        calls: [...restCalls, ...recoveredCalls],
        metrics,
        combine: 'merge',
        rules: decisions.map((d) => (recovered.includes(d) ? 'sum' : d.rule)),
      };
    }
    return { calls, metrics, combine: 'merge', rules: decisions.map((d) => d.rule) };
  }
  return { calls, metrics, combine: 'concat' };
}

export interface RealtimeRow {
  dims: Dimensions;
  /** Seconds for time metrics (OLDEST_CONTACT_AGE normalised), null when Connect could not compute it. */
  values: Array<number | null>;
}

export interface CallResult {
  rows: RealtimeRow[];
  /** DataSnapshotTime of the first page, ms. */
  snapshotMs: number;
  pages: number;
  /** Served from an expired answer because the refresh failed or was slow: why (a message). */
  staleReason?: string;
  /** The cached answer of the call's shape this came from (for the answer memo, realtimeAnswers.ts). */
  source?: AnswerSource;
}

/** Between the first call of a shape and its departure: time for the other panels of a refresh to join (ms). */
export const MERGE_WINDOW_MS = 5;

/** Bytes of a call's answer in the cache: a row's dimensions and values (estimateBytes would stringify it all). */
const answerBytes = (rows: RealtimeRow[], metrics: number) => 256 + rows.length * (200 + 16 * metrics);

/** One page set of GetCurrentMetricData for a planned call with the given metrics. */
async function callConnect(
  ctx: ProxyContext,
  aws: AwsContext,
  region: string,
  instanceId: string,
  call: PlannedCall,
  metrics: RealtimeMetricName[]
): Promise<CallResult> {
  const pages = await followPages(
    ctx,
    aws,
    { service: 'connect', operation: 'GetCurrentMetricData', region, instanceId },
    paginateGetCurrentMetricData(
      { client: aws.connect(region), pageSize: 100 },
      {
        InstanceId: instanceId,
        Filters: call.filters,
        Groupings: call.groupings as SdkGrouping[],
        CurrentMetrics: metrics.map((Name) => ({
          Name: Name as CurrentMetricName,
          Unit: REALTIME_METRICS[Name].unit,
        })),
      }
    )
  );
  const rows = pages.flatMap((page) =>
    (page.MetricResults ?? []).map((r) => {
      const byName = new Map((r.Collections ?? []).map((c) => [c.Metric?.Name, c.Value]));
      return {
        dims: r.Dimensions ?? {},
        values: metrics.map((m) => {
          const v = byName.get(m);
          return v === undefined || v === null ? null : realtimeValueInSeconds(m, v, call.groupings.length);
        }),
      };
    })
  );
  return { rows, snapshotMs: pages[0]?.DataSnapshotTime?.getTime() ?? Date.now(), pages: pages.length };
}

/** Whether Connect takes these metrics in one call with this call's filters and groupings. */
function accepts(call: PlannedCall, metrics: RealtimeMetricName[]): boolean {
  const f = call.filters;
  return (
    validateRealtimeRequest({
      filters: {
        queues: f.Queues,
        routingProfiles: f.RoutingProfiles,
        channels: f.Channels,
        routingStepExpressions: f.RoutingStepExpressions,
        agentStatuses: f.AgentStatuses,
        subtypes: f.Subtypes,
      },
      groupings: call.groupings,
      metrics,
    }).length === 0
  );
}

/**
 * One planned call, every page: merged with compatible calls (same credentials, region, instance, filters and
 * groupings) into one GetCurrentMetricData call with the union of their metrics (realtimeMerge.ts), cached for
 * realtimeCacheTtlMs, and served stale (marked) when a refresh fails or is slow. The rows come back with the
 * call's own metrics, in its order.
 */
async function fetchCall(
  ctx: ProxyContext,
  aws: AwsContext,
  region: string,
  instanceId: string,
  call: PlannedCall
): Promise<CallResult> {
  const shape = JSON.stringify(['gcmd', aws.credentialsKey, region, instanceId, call.filters, call.groupings]);
  const merger = mergerFor<CallResult>(ctx.caches.realtime, {
    windowMs: MERGE_WINDOW_MS,
    // Metrics of panels refreshed within this span stay in the shape's union.
    rememberMs: Math.max(60_000, 4 * ctx.config.realtimeCacheTtlMs),
  });
  const loaded = await merger.get(
    shape,
    call.metrics,
    {
      ttlMs: ctx.config.realtimeCacheTtlMs,
      staleMs: ctx.config.staleMaxAgeMs,
      slowMs: ctx.config.staleIfSlowMs,
      accepts: (metrics) => accepts(call, metrics),
      size: (a) => answerBytes(a.result.rows, a.metrics.length),
    },
    (metrics) => callConnect(ctx, aws, region, instanceId, call, metrics)
  );
  const { metrics, result } = loaded.value;
  const index = call.metrics.map((m) => metrics.indexOf(m));
  return {
    rows: result.rows.map((r) => ({ dims: r.dims, values: index.map((i) => r.values[i]) })),
    snapshotMs: result.snapshotMs,
    pages: result.pages,
    ...(loaded.stale ? { staleReason: staleReasonText(loaded.reason) } : {}),
    source: { shape, value: loaded.value },
  };
}

function dimsKey(d: Dimensions): string {
  return JSON.stringify([
    d.Queue?.Id,
    d.Channel,
    d.RoutingProfile?.Id,
    d.RoutingStepExpression,
    d.AgentStatus?.Id,
    d.Subtype,
    d.ValidationTestType,
  ]);
}

/**
 * The rows of a query from its calls' rows (`results[i]` are the rows of `plan.calls[i]`, in that call's metric
 * order). Calls with `dedupeBy` are grouped by one more dimension: each queue or routing profile counts once (every
 * call that has it reports all of it) and they are added up per row of the query.
 */
export function combineRows(plan: RealtimePlan, results: RealtimeRow[][]): RealtimeRow[] {
  if (plan.combine === 'concat' || !plan.rules) {
    return results.flat();
  }
  const rules = plan.rules;
  const merged = new Map<string, RealtimeRow>();
  const rowOf = (dims: Dimensions): RealtimeRow => {
    const key = dimsKey(dims);
    let row = merged.get(key);
    if (!row) {
      row = { dims, values: plan.metrics.map(() => null) };
      merged.set(key, row);
    }
    return row;
  };
  // (query row, owner, metric) -> the owner's value, taken once
  const owned = new Map<string, { row: RealtimeRow; index: number; value: number }>();
  plan.calls.forEach((call, c) => {
    const indexes = call.metrics.map((m) => plan.metrics.indexOf(m));
    for (const r of results[c] ?? []) {
      if (call.dedupeBy) {
        const owner = call.dedupeBy === 'ROUTING_PROFILE' ? r.dims.RoutingProfile?.Id : r.dims.Queue?.Id;
        const dims = withoutGrouping(r.dims, call.dedupeBy);
        const row = rowOf(dims);
        indexes.forEach((index, j) => {
          const v = r.values[j];
          if (v === null) {
            return;
          }
          const key = `${dimsKey(dims)}|${owner}|${index}`;
          const seen = owned.get(key);
          owned.set(key, { row, index, value: seen ? Math.max(seen.value, v) : v });
        });
        continue;
      }
      const row = rowOf(r.dims);
      indexes.forEach((index, j) => (row.values[index] = mergeValues(rules[index], row.values[index], r.values[j])));
    }
  });
  for (const { row, index, value } of owned.values()) {
    row.values[index] = (row.values[index] ?? 0) + value;
  }
  return [...merged.values()];
}

/** A row's dimensions without the grouping a call added for counting. */
function withoutGrouping(d: Dimensions, g: Grouping): Dimensions {
  const { RoutingProfile, Queue, ...rest } = d;
  return g === 'ROUTING_PROFILE'
    ? { ...rest, ...(Queue ? { Queue } : {}) }
    : { ...rest, ...(RoutingProfile ? { RoutingProfile } : {}) };
}

const GROUPING_COLUMNS: Record<Grouping, string> = {
  QUEUE: 'Queue',
  CHANNEL: 'Channel',
  ROUTING_PROFILE: 'Routing profile',
  ROUTING_STEP_EXPRESSION: 'Routing step',
  AGENT_STATUS: 'Agent status',
  SUBTYPE: 'Subtype',
  VALIDATION_TEST_TYPE: 'Validation test type',
};

export interface Names {
  queues: Map<string, string>;
  routingProfiles: Map<string, string>;
  agentStatuses: Map<string, string>;
}

function groupingValue(g: Grouping, d: Dimensions, names: Names): string | null {
  switch (g) {
    case 'QUEUE':
      return d.Queue?.Id ? (names.queues.get(d.Queue.Id) ?? d.Queue.Id) : null;
    case 'CHANNEL':
      return d.Channel ?? null;
    case 'ROUTING_PROFILE':
      return d.RoutingProfile?.Id ? (names.routingProfiles.get(d.RoutingProfile.Id) ?? d.RoutingProfile.Id) : null;
    case 'ROUTING_STEP_EXPRESSION':
      return d.RoutingStepExpression ?? null;
    case 'AGENT_STATUS':
      return d.AgentStatus?.Id ? (names.agentStatuses.get(d.AgentStatus.Id) ?? d.AgentStatus.Id) : null;
    case 'SUBTYPE':
      return d.Subtype ?? null;
    case 'VALIDATION_TEST_TYPE':
      return d.ValidationTestType ?? null;
  }
}

const metricField = (m: RealtimeMetricName) => ({
  name: m,
  type: 'number' as const,
  config: {
    displayName: REALTIME_METRICS[m].reportName,
    unit: REALTIME_UNIT_TO_GRAFANA[REALTIME_METRICS[m].unit],
    description: REALTIME_METRICS[m].description,
    ...(REALTIME_METRICS[m].unit === 'COUNT' ? { decimals: 0 } : {}),
  },
});

/** Like Promise.all, but waits for every promise before throwing the first failure. */
async function allSettled<T extends readonly unknown[]>(
  promises: T
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    throw failed.reason;
  }
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}

/**
 * The frames of a real-time query. With `memoKey` (answerKey() of the query as received), a fresh answer is kept
 * in the answer memo for the next identical query while its cached calls stay fresh (realtimeAnswers.ts).
 */
export async function runRealtime(
  ctx: ProxyContext,
  aws: AwsContext,
  asked: RealtimeQuery,
  memoKey?: string
): Promise<DataFrameJSON[]> {
  const region = asked.region ?? aws.defaultRegion;
  // The rules first (no upstream call for a query that cannot run), then names to ids, then the calls.
  planRealtime(asked);
  const q = await resolveFilterRefs(ctx, aws, region, asked);
  const plan = planRealtime(q);
  const none = Promise.resolve(new Map<string, string>());
  // Settled, not Promise.all: a failed name list must not leave a merged call behind that lands after the answer.
  const [results, queues, routingProfiles, agentStatuses] = await allSettled([
    Promise.all(plan.calls.map((call) => fetchCall(ctx, aws, region, q.instanceId, call))),
    q.groupings.includes('QUEUE') ? queueNames(ctx, aws, region, q.instanceId) : none,
    q.groupings.includes('ROUTING_PROFILE') ? routingProfileNames(ctx, aws, region, q.instanceId) : none,
    q.groupings.includes('AGENT_STATUS') ? agentStatusNames(ctx, aws, region, q.instanceId) : none,
  ] as const);
  const frames = realtimeFrames(q, plan, results, { queues, routingProfiles, agentStatuses });
  if (memoKey !== undefined && results.every((r) => !r.staleReason && r.source)) {
    memoiseAnswer(
      ctx.caches.realtime,
      memoKey,
      ctx.config.realtimeCacheTtlMs,
      frames,
      results.map((r) => r.source!)
    );
  }
  return frames;
}

/**
 * The frames of a real-time query from its calls' answers (pure: also what the frame micro-benchmark measures).
 * meta.custom: snapshotTime and dataAgeMs (ms), upstreamCalls, pages, and stale: true with a warning notice when
 * an answer is an old one served because Connect failed, throttled or was slow.
 */
export function realtimeFrames(
  q: RealtimeQuery,
  plan: RealtimePlan,
  results: CallResult[],
  names: Names,
  nowMs = Date.now()
): DataFrameJSON[] {
  const rows = combineRows(
    plan,
    results.map((r) => r.rows)
  );
  const label = (row: RealtimeRow) => q.groupings.map((g) => groupingValue(g, row.dims, names) ?? '').join(' / ');
  sortRows(rows, q.sort ? plan.metrics.indexOf(q.sort.metric) : -1, q.sort?.order, label);

  const snapshotMs = Math.min(...results.map((r) => r.snapshotMs));
  const dataAgeMs = Math.max(0, nowMs - snapshotMs);
  const staleReasons = [...new Set(results.flatMap((r) => (r.staleReason ? [r.staleReason] : [])))];
  const notices: Notice[] = [
    ...(staleReasons.length > 0 ? [staleNotice(dataAgeMs, staleReasons)] : []),
    ...realtimeAdvice({ filters: q.filters, groupings: q.groupings }).map((a): Notice => ({
      severity: 'info',
      text: `${a.field}: ${a.text}`,
    })),
  ];
  const meta: FrameMeta = {
    custom: {
      snapshotTime: snapshotMs,
      dataAgeMs,
      upstreamCalls: plan.calls.length,
      pages: results.reduce((n, r) => n + r.pages, 0),
      ...(staleReasons.length > 0 ? { stale: true } : {}),
    },
    ...(notices.length > 0 ? { notices } : {}),
  };

  if ((q.format ?? 'table') === 'timeseries') {
    return rows.map((row) => {
      const labels: Record<string, string> = {};
      q.groupings.forEach(
        (g) => (labels[GROUPING_COLUMNS[g].toLowerCase().replace(/ /g, '_')] = groupingValue(g, row.dims, names) ?? '')
      );
      return frame(
        q.refId,
        label(row) || 'All',
        [
          { field: { name: 'Time', type: 'time' }, values: [snapshotMs] },
          ...q.metrics.map((m, i) => ({ field: { ...metricField(m), labels }, values: [row.values[i]] })),
        ],
        meta
      );
    });
  }

  const columns: Column[] = [];
  for (const g of q.groupings) {
    columns.push({
      field: { name: GROUPING_COLUMNS[g], type: 'string' },
      values: rows.map((r) => groupingValue(g, r.dims, names)),
    });
    if (g === 'QUEUE') {
      columns.push({ field: { name: 'Queue ID', type: 'string' }, values: rows.map((r) => r.dims.Queue?.Id ?? null) });
    }
    if (g === 'ROUTING_PROFILE') {
      columns.push({
        field: { name: 'Routing profile ID', type: 'string' },
        values: rows.map((r) => r.dims.RoutingProfile?.Id ?? null),
      });
    }
  }
  q.metrics.forEach((m, i) => columns.push({ field: metricField(m), values: rows.map((r) => r.values[i]) }));
  return [frame(q.refId, undefined, columns, { preferredVisualisationType: 'table', ...meta })];
}

/** By a metric (nulls last), or by the grouping labels, which keeps wall screens in a stable order. */
function sortRows(
  rows: RealtimeRow[],
  metricIndex: number,
  order: string | undefined,
  label: (row: RealtimeRow) => string
): void {
  if (metricIndex >= 0) {
    const dir = order === 'ASCENDING' ? 1 : -1;
    rows.sort((a, b) => {
      const va = a.values[metricIndex];
      const vb = b.values[metricIndex];
      return va === vb ? label(a).localeCompare(label(b)) : va === null ? 1 : vb === null ? -1 : dir * (va - vb);
    });
    return;
  }
  rows.sort((a, b) => label(a).localeCompare(label(b)));
}
