import { CHANNELS } from '../../../src/connect/channels';
import { connectErrors } from '../../protocol/awsError';
import type { OperationSpec } from '../../protocol/types';
import { CHANNEL_INDEX, SUBTYPES } from '../../model/codes';
import { computeRealtime, type RealtimeRow, type ResolvedRequest } from '../../model/realtime';
import type { InstanceWorld } from '../../scenario/world';
import { CURRENT_METRIC_UNITS, type CurrentGrouping, type CurrentMetricName } from './currentMetricNames';
import { currentMetricProblem } from './currentMetricRules';
import { asObject, findInstance, idOf, optionalNumber, optionalString, stringList } from './resolve';
import { decodeToken, encodeToken, fingerprint } from './tokens';

const DEFAULT_PAGE = 100;

interface WireCurrentMetric {
  Name?: string;
  Unit?: string;
  MetricId?: string;
}

/** GetCurrentMetricData: POST /metrics/current/{InstanceId}. */
export const getCurrentMetricData: OperationSpec = {
  service: 'connect',
  name: 'GetCurrentMetricData',
  http: { method: 'POST', path: '/metrics/current/:InstanceId' },
  handler: (req, sim) => {
    const instance = findInstance(sim, req, req.params.InstanceId);
    const body = asObject(req.body, 'body', true)!;
    const filters = asObject(body.Filters, 'Filters', true)!;
    const wire = {
      queues: stringList(filters.Queues, 'Filters.Queues'),
      routingProfiles: stringList(filters.RoutingProfiles, 'Filters.RoutingProfiles'),
      channels: stringList(filters.Channels, 'Filters.Channels'),
      routingStepExpressions: stringList(filters.RoutingStepExpressions, 'Filters.RoutingStepExpressions'),
      agentStatuses: stringList(filters.AgentStatuses, 'Filters.AgentStatuses'),
      subtypes: stringList(filters.Subtypes, 'Filters.Subtypes'),
      validationTestTypes: stringList(filters.ValidationTestTypes, 'Filters.ValidationTestTypes'),
    };
    const groupings = stringList(body.Groupings, 'Groupings') ?? [];
    if (!Array.isArray(body.CurrentMetrics)) {
      throw connectErrors.invalidParameter('CurrentMetrics is required and must be a list');
    }
    const metrics = (body.CurrentMetrics as WireCurrentMetric[]).map((m, i) => {
      if (!m || typeof m !== 'object') {
        throw connectErrors.invalidParameter(`CurrentMetrics.${i + 1} must be an object`);
      }
      if (m.MetricId !== undefined) {
        throw connectErrors.invalidParameter(
          `CurrentMetrics.${i + 1}.MetricId: custom metrics are not modelled by the simulator; use Name`
        );
      }
      return m;
    });
    const metricNames = metrics.map((m) => (typeof m.Name === 'string' ? m.Name : String(m.Name)));
    if (body.SortCriteria !== undefined && !Array.isArray(body.SortCriteria)) {
      throw connectErrors.invalidParameter('SortCriteria must be a list');
    }
    const sort = ((body.SortCriteria as Array<{ SortByMetric?: string; SortOrder?: string }> | undefined) ?? []).map(
      (s) => ({
        metric: s?.SortByMetric,
        order: s?.SortOrder,
      })
    );
    const maxResults = optionalNumber(body.MaxResults, 'MaxResults');
    const nextToken = optionalString(body.NextToken, 'NextToken');

    const problem = currentMetricProblem({
      queues: wire.queues ?? [],
      routingProfiles: wire.routingProfiles ?? [],
      channels: wire.channels ?? [],
      routingStepExpressions: wire.routingStepExpressions ?? [],
      agentStatuses: wire.agentStatuses ?? [],
      subtypes: wire.subtypes ?? [],
      validationTestTypes: wire.validationTestTypes ?? [],
      groupings,
      metrics: metrics.map((m, i) => ({ name: metricNames[i], unit: m.Unit })),
      sort,
      maxResults,
    });
    if (problem) {
      throw problem;
    }

    const print = fingerprint([
      instance.id,
      filters,
      groupings,
      body.CurrentMetrics,
      body.SortCriteria ?? null,
      maxResults ?? null,
    ]);
    const nowMs = sim.clock.nowMs();
    const token = nextToken ? decodeToken(nextToken, print, nowMs) : undefined;
    const t = token ? token.t : nowMs / 1000;

    const sortMetric = (sort[0]?.metric ?? 'AGENTS_ONLINE') as CurrentMetricName;
    const descending = (sort[0]?.order ?? 'DESCENDING') === 'DESCENDING';
    const requested = metricNames as CurrentMetricName[];
    const computeNames = requested.includes(sortMetric) ? requested : [...requested, sortMetric];

    const resolved = resolveRequest(instance, wire, groupings as CurrentGrouping[], computeNames);
    const rows = computeRealtime(sim.model.snapshot(instance, t), resolved);
    const sortIndex = computeNames.indexOf(sortMetric);
    sortRows(rows, sortIndex, descending);

    const offset = token?.o ?? 0;
    const pageSize = maxResults ?? DEFAULT_PAGE;
    const page = rows.slice(offset, offset + pageSize);
    const more = offset + pageSize < rows.length;
    return {
      body: {
        MetricResults: page.map((row) => ({
          Dimensions: dimensionsOf(instance, row),
          Collections: requested.map((name, i) => ({
            Metric: { Name: name, Unit: CURRENT_METRIC_UNITS[name] },
            Value: wireValue(name, row.values[i], groupings.length),
          })),
        })),
        DataSnapshotTime: t,
        ApproximateTotalCount: rows.length,
        ...(more ? { NextToken: encodeToken({ o: offset + pageSize, f: print, c: token?.c ?? nowMs, t }) } : {}),
      },
    };
  },
};

function wireValue(name: CurrentMetricName, seconds: number | null, groupingCount: number): number | null {
  if (seconds === null) {
    return null;
  }
  if (CURRENT_METRIC_UNITS[name] === 'SECONDS') {
    // Whole seconds; but without groupings OLDEST_CONTACT_AGE "says SECONDS but the Value is returned in
    // MILLISECONDS" (API reference, seed 002): whole milliseconds then.
    return name === 'OLDEST_CONTACT_AGE' && groupingCount === 0 ? Math.floor(seconds * 1000) : Math.floor(seconds);
  }
  return seconds;
}

/** Nulls last; ties keep the order rows were produced in (filter order) - Array.prototype.sort is stable. */
function sortRows(rows: RealtimeRow[], index: number, descending: boolean): void {
  rows.sort((a, b) => {
    const va = a.values[index];
    const vb = b.values[index];
    if (va === vb) {
      return 0;
    }
    if (va === null) {
      return 1;
    }
    if (vb === null) {
      return -1;
    }
    return descending ? vb - va : va - vb;
  });
}

/** The request's filters as lists of strings (absent lists undefined). */
export interface WireFilters {
  queues?: string[];
  routingProfiles?: string[];
  channels?: string[];
  routingStepExpressions?: string[];
  agentStatuses?: string[];
  subtypes?: string[];
  validationTestTypes?: string[];
}

export function resolveRequest(
  instance: InstanceWorld,
  wire: WireFilters,
  groupings: CurrentGrouping[],
  metrics: CurrentMetricName[]
): ResolvedRequest {
  const agentQueueById = new Map(instance.agentQueues.map((q) => [q.id, q.agentIndex]));
  let queues: number[] | null = null;
  const agentQueues: number[] = [];
  if (wire.queues && wire.queues.length > 0) {
    queues = [];
    for (const value of wire.queues) {
      const id = idOf(value);
      const q = instance.queueById.get(id);
      if (q) {
        queues.push(q.index);
      } else if (agentQueueById.has(id)) {
        agentQueues.push(agentQueueById.get(id)!);
      }
      // Unknown ids match nothing, as in Connect: the request is valid, the rows are absent.
    }
  }
  let routingProfiles: number[] | null = null;
  if (!queues && wire.routingProfiles && wire.routingProfiles.length > 0) {
    routingProfiles = wire.routingProfiles
      .map((v) => instance.routingProfileById.get(idOf(v))?.index)
      .filter((i): i is number => i !== undefined);
  }
  const channels =
    wire.channels && wire.channels.length > 0
      ? wire.channels.map((c) => CHANNEL_INDEX[c as keyof typeof CHANNEL_INDEX])
      : CHANNELS.map((_, i) => i);
  const statusIndex = (v: string) => instance.statuses.findIndex((s) => s.id === idOf(v) || s.arn === v);
  return {
    queues,
    agentQueues,
    routingProfiles,
    channels,
    routingStepExpressions: wire.routingStepExpressions?.length ? wire.routingStepExpressions : null,
    agentStatuses: wire.agentStatuses?.length ? wire.agentStatuses.map(statusIndex).filter((i) => i >= 0) : null,
    subtypes: wire.subtypes?.length
      ? wire.subtypes.map((s) => (SUBTYPES as readonly string[]).indexOf(s)).filter((i) => i >= 0)
      : null,
    validationTestTypes: wire.validationTestTypes?.length ? wire.validationTestTypes : null,
    groupings,
    metrics,
  };
}

function dimensionsOf(instance: InstanceWorld, row: RealtimeRow): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  const k = row.key;
  if (k.queue !== undefined) {
    const q = instance.queues[k.queue];
    d.Queue = { Id: q.id, Arn: q.arn };
  }
  if (k.agentQueue !== undefined) {
    const q = instance.agentQueues.find((x) => x.agentIndex === k.agentQueue)!;
    d.Queue = { Id: q.id, Arn: q.arn };
  }
  if (k.channel !== undefined) {
    d.Channel = CHANNELS[k.channel];
  }
  if (k.routingProfile !== undefined) {
    const rp = instance.routingProfiles[k.routingProfile];
    d.RoutingProfile = { Id: rp.id, Arn: rp.arn };
  }
  if (k.routingStepExpression !== undefined) {
    d.RoutingStepExpression = k.routingStepExpression;
  }
  if (k.agentStatus !== undefined) {
    const s = instance.statuses[k.agentStatus];
    d.AgentStatus = { Id: s.id, Arn: s.arn };
  }
  if (k.subtype !== undefined) {
    d.Subtype = SUBTYPES[k.subtype];
  }
  return d;
}
