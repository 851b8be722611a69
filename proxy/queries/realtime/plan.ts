import type { Channel } from '../../../src/connect/channels';
import type { RealtimeQuery } from '../../../src/connect/proxyApi';
import type { RealtimeMetricName } from '../../../src/connect/realtimeMetrics';
import {
  formatViolation,
  REALTIME_LIMITS,
  validateRealtimeRequest,
  violationsIntroducedBy,
  type Grouping,
} from '../../../src/connect/realtimeRules';
import {
  combineRule,
  dedupeGrouping,
  SPLIT_GROUPING,
  type CombineRule,
  type SplitKind,
} from '../../../src/connect/splitCombine';
import { QueryError } from '../../errors';

/**
 * The plan of a real-time query: every rule of GetCurrentMetricData checked, then its calls: queue (or routing
 * profile) sets above Connect's 100 split, and the metrics that one more grouping counts exactly over a split in
 * calls of their own (call families, `dedupeBy`).
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
   * Set on calls that add this grouping to count a metric exactly across split calls (splitCombine.ts,
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
   * each metric by its rule (src/connect/splitCombine.ts), in the order of `metrics`.
   */
  combine: 'concat' | 'merge';
  rules?: CombineRule[];
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
    const request = { filters: f, groupings: q.groupings, metrics: q.metrics };
    const added = violationsIntroducedBy(
      request,
      { ...request, metrics: [...q.metrics, q.sort.metric] },
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
    const decisions = metrics.map((m) => ({ metric: m, ...combineRule(m, split, q.groupings) }));
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
