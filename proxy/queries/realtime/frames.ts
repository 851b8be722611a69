import type { Dimensions } from '@aws-sdk/client-connect';
import type { RealtimeQuery } from '../../../src/connect/proxyApi';
import { REALTIME_METRICS, type RealtimeMetricName } from '../../../src/connect/realtimeMetrics';
import { realtimeAdvice, type Grouping } from '../../../src/connect/realtimeRules';
import { REALTIME_UNIT_TO_GRAFANA } from '../../../src/connect/units';
import { frame, type Column, type DataFrameJSON, type FrameMeta, type Notice } from '../../frames';
import { staleNotice } from '../common';
import { combineRows } from './combine';
import type { CallResult, RealtimeRow } from './fetch';
import type { RealtimePlan } from './plan';

/** The frames of a real-time query: a table (a row per grouping key) or one-point time series. */

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
