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
  REALTIME_LIMITS,
  validateRealtimeRequest,
  type Grouping,
} from '../../src/connect/realtimeRules';
import { REALTIME_UNIT_TO_GRAFANA } from '../../src/connect/units';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import { frame, type Column, type DataFrameJSON } from '../frames';
import { followPages } from '../aws/pages';
import { agentStatusNames, queueNames, routingProfileNames } from './names';
import { resolveFilterRefs } from './resolveRefs';
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
}

export interface RealtimePlan {
  calls: PlannedCall[];
  /** What the calls fetch: the query's metrics, then the sort metric if the query does not show it. */
  metrics: RealtimeMetricName[];
  /** How the calls' rows combine: concatenated (disjoint) or merged by key (sums and maxima). */
  combine: 'concat' | 'merge';
}

/** Metrics that can be combined across calls over disjoint queues: contacts add up, the oldest is the maximum. */
const MERGEABLE: Partial<Record<RealtimeMetricName, 'sum' | 'max'>> = {
  CONTACTS_IN_QUEUE: 'sum',
  CONTACTS_SCHEDULED: 'sum',
  OLDEST_CONTACT_AGE: 'max',
};

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
  const queues = f.queues ?? [];
  const profiles = f.routingProfiles ?? [];
  const byQueues = queues.length > 0;
  const set = byQueues ? queues : profiles;
  const splitOn: Grouping = byQueues ? 'QUEUE' : 'ROUTING_PROFILE';
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
    const notMergeable = metrics.filter((m) => !MERGEABLE[m]);
    if (notMergeable.length > 0) {
      throw new QueryError(
        `filters.${byQueues ? 'queues' : 'routingProfiles'}: more than ${limit} ${byQueues ? 'queues' : 'routing profiles'} take several GetCurrentMetricData calls, and ${notMergeable.join(', ')} cannot be added up across them (an agent can serve queues of several calls); group by ${splitOn}, or ask for ${Object.keys(MERGEABLE).join(', ')} only`
      );
    }
    return { calls, metrics, combine: 'merge' };
  }
  return { calls, metrics, combine: 'concat' };
}

export interface RealtimeRow {
  dims: Dimensions;
  /** Seconds for time metrics (OLDEST_CONTACT_AGE normalised), null when Connect could not compute it. */
  values: Array<number | null>;
}

interface CallResult {
  rows: RealtimeRow[];
  /** DataSnapshotTime of the first page, ms. */
  snapshotMs: number;
  pages: number;
}

/** One planned call, every page, cached for realtimeCacheTtlMs and coalesced with identical calls in flight. */
function fetchCall(
  ctx: ProxyContext,
  aws: AwsContext,
  region: string,
  instanceId: string,
  call: PlannedCall
): Promise<CallResult> {
  const key = JSON.stringify(['gcmd', aws.credentialsKey, region, instanceId, call]);
  return ctx.caches.realtime.getOrLoad(key, ctx.config.realtimeCacheTtlMs, async () => {
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
          CurrentMetrics: call.metrics.map((Name) => ({
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
          values: call.metrics.map((m) => {
            const v = byName.get(m);
            return v === undefined || v === null ? null : realtimeValueInSeconds(m, v, call.groupings.length);
          }),
        };
      })
    );
    return { rows, snapshotMs: pages[0]?.DataSnapshotTime?.getTime() ?? Date.now(), pages: pages.length };
  }) as Promise<CallResult>;
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

export function combineRows(
  plan: RealtimePlan,
  metrics: RealtimeMetricName[],
  results: RealtimeRow[][]
): RealtimeRow[] {
  if (plan.combine === 'concat') {
    return results.flat();
  }
  const merged = new Map<string, RealtimeRow>();
  for (const row of results.flat()) {
    const key = dimsKey(row.dims);
    const into = merged.get(key);
    if (!into) {
      merged.set(key, { dims: row.dims, values: [...row.values] });
      continue;
    }
    metrics.forEach((m, i) => {
      const a = into.values[i];
      const b = row.values[i];
      into.values[i] = a === null ? b : b === null ? a : MERGEABLE[m] === 'max' ? Math.max(a, b) : a + b;
    });
  }
  return [...merged.values()];
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

interface Names {
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

export async function runRealtime(
  ctx: ProxyContext,
  aws: AwsContext,
  asked: RealtimeQuery
): Promise<DataFrameJSON[]> {
  const region = asked.region ?? aws.defaultRegion;
  // The rules first (no upstream call for a query that cannot run), then names to ids, then the calls.
  planRealtime(asked);
  const q = await resolveFilterRefs(ctx, aws, region, asked);
  const plan = planRealtime(q);
  const none = Promise.resolve(new Map<string, string>());
  const [results, queues, routingProfiles, agentStatuses] = await Promise.all([
    Promise.all(plan.calls.map((call) => fetchCall(ctx, aws, region, q.instanceId, call))),
    q.groupings.includes('QUEUE') ? queueNames(ctx, aws, region, q.instanceId) : none,
    q.groupings.includes('ROUTING_PROFILE') ? routingProfileNames(ctx, aws, region, q.instanceId) : none,
    q.groupings.includes('AGENT_STATUS') ? agentStatusNames(ctx, aws, region, q.instanceId) : none,
  ]);
  const names: Names = { queues, routingProfiles, agentStatuses };
  const rows = combineRows(
    plan,
    plan.metrics,
    results.map((r) => r.rows)
  );
  const label = (row: RealtimeRow) => q.groupings.map((g) => groupingValue(g, row.dims, names) ?? '').join(' / ');
  sortRows(rows, q.sort ? plan.metrics.indexOf(q.sort.metric) : -1, q.sort?.order, label);

  const snapshotMs = Math.min(...results.map((r) => r.snapshotMs));
  const meta = {
    custom: {
      snapshotTime: snapshotMs,
      dataAgeMs: Math.max(0, Date.now() - snapshotMs),
      upstreamCalls: plan.calls.length,
      pages: results.reduce((n, r) => n + r.pages, 0),
    },
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
