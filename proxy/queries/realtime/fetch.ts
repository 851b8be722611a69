import {
  paginateGetCurrentMetricData,
  type CurrentMetricName,
  type Dimensions,
  type Grouping as SdkGrouping,
} from '@aws-sdk/client-connect';
import {
  REALTIME_METRICS,
  realtimeValueInSeconds,
  type RealtimeMetricName,
} from '../../../src/connect/realtimeMetrics';
import { validateRealtimeRequest } from '../../../src/connect/realtimeRules';
import type { AwsContext } from '../../aws/context';
import { followPages } from '../../aws/pages';
import type { ProxyContext } from '../../context';
import { staleReasonText } from '../common';
import type { AnswerSource } from './answerMemo';
import type { PlannedCall } from './plan';

/**
 * Fetching a planned call: every page of GetCurrentMetricData, through the union calls of its shape (one call for
 * every panel asking that shape, cached for REALTIME_CACHE_TTL_MS, stale when a refresh fails or is slow), units
 * normalised (OLDEST_CONTACT_AGE always in seconds), the rows back in the call's own metrics.
 */

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
  /** The cached answer of the call's shape this came from (for the answer memo, answerMemo.ts). */
  source?: AnswerSource;
}

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
 * One planned call, every page: joined with compatible calls (same credentials, region, instance, filters and
 * groupings) into one GetCurrentMetricData call with the union of their metrics (unionCalls.ts), cached for
 * realtimeCacheTtlMs, and served stale (marked) when a refresh fails or is slow. The rows come back with the
 * call's own metrics, in its order.
 */
export async function fetchCall(
  ctx: ProxyContext,
  aws: AwsContext,
  region: string,
  instanceId: string,
  call: PlannedCall
): Promise<CallResult> {
  const unionKey = JSON.stringify(['gcmd', aws.credentialsKey, region, instanceId, call.filters, call.groupings]);
  const loaded = await ctx.realtime.calls.get(
    unionKey,
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
    source: { unionKey, value: loaded.value },
  };
}
