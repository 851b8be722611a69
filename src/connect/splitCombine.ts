import { REALTIME_METRICS, type RealtimeMetricName } from './realtimeMetrics';
import type { Grouping } from './realtimeRules';

/**
 * How the answers of one real-time query combine when it takes several GetCurrentMetricData calls (facts register,
 * "Merge semantics of split calls"). Connect takes at most 100 queues or 100 routing profiles per call, so a larger
 * set is split into calls over disjoint subsets. Whether a metric adds up across those calls depends on what it
 * counts and on what the calls split:
 * - a contact waits in exactly one queue, so calls over disjoint queues count disjoint contacts;
 * - an agent has exactly one routing profile, so calls over disjoint routing profiles count disjoint agents (and
 *   their slots);
 * - the other way round the sets overlap: an agent serves the queues of several calls, a queue is served by the
 *   routing profiles of several calls. Per queue row (or per routing-profile row) every call that has the row
 *   reports the row's own value, which must be taken once, not added up; without such a row the overlap cannot be
 *   undone and the query is refused with the reason.
 */

/** What a split call set is split over. */
export type SplitKind = 'queues' | 'routingProfiles';

/**
 * - `disjoint`: the query is grouped by what the calls split, so no row appears in two calls;
 * - `sum`: the calls count disjoint things, the row's value is their sum;
 * - `max`: the row's value is the largest of the calls' (an oldest age over the union of their sets);
 * - `same`: every call that has the row reports the row's own value; it is taken once (if the calls' snapshots
 *   differ by a moment, the larger is kept);
 * - `refuse`: no combination gives the right number.
 */
export type CombineRule = 'disjoint' | 'sum' | 'max' | 'same' | 'refuse';

export interface CombineDecision {
  rule: CombineRule;
  /** Why, in words (for `refuse`, the sentence the user sees). */
  reason: string;
}

/** The grouping whose rows each name one member of the split set. */
export const SPLIT_GROUPING: Record<SplitKind, Grouping> = {
  queues: 'QUEUE',
  routingProfiles: 'ROUTING_PROFILE',
};

/** What a metric counts: contacts belong to a queue, agents and their slots to a routing profile. */
function ownerOf(metric: RealtimeMetricName): 'queue' | 'agent' {
  return REALTIME_METRICS[metric].kind === 'contacts' ? 'queue' : 'agent';
}

export function combineRule(
  metric: RealtimeMetricName,
  split: SplitKind,
  groupings: readonly string[]
): CombineDecision {
  if (groupings.includes(SPLIT_GROUPING[split])) {
    return { rule: 'disjoint', reason: `grouped by ${SPLIT_GROUPING[split]}, each row belongs to one call` };
  }
  const owner = ownerOf(metric);
  if (metric === 'OLDEST_CONTACT_AGE') {
    return { rule: 'max', reason: 'the oldest contact of the whole set is the oldest of the calls' };
  }
  if (metric === 'ESTIMATED_WAIT_TIME') {
    return { rule: 'refuse', reason: 'estimated waits of separate queue sets cannot be combined' };
  }
  if (split === 'queues') {
    if (owner === 'queue') {
      return { rule: 'sum', reason: 'a contact waits in one queue, so the calls count different contacts' };
    }
    if (groupings.includes('ROUTING_PROFILE')) {
      return {
        rule: 'same',
        reason: "each call that has a routing profile's row counts all of that profile's agents",
      };
    }
    return {
      rule: 'refuse',
      reason: 'an agent serves queues of several calls and would be counted once per call',
    };
  }
  if (owner === 'agent') {
    return { rule: 'sum', reason: 'an agent has one routing profile, so the calls count different agents' };
  }
  if (groupings.includes('QUEUE')) {
    return { rule: 'same', reason: "each call that has a queue's row reports the queue's own contacts" };
  }
  return {
    rule: 'refuse',
    reason: 'a queue is served by routing profiles of several calls and its contacts would be counted once per call',
  };
}

/** Combines one row's value from two calls by a rule (null: Connect could not compute it in that call). */
export function combineValues(rule: CombineRule, a: number | null, b: number | null): number | null {
  if (a === null) {
    return b;
  }
  if (b === null) {
    return a;
  }
  switch (rule) {
    case 'sum':
      return a + b;
    case 'max':
    case 'same':
    case 'disjoint':
      return Math.max(a, b);
    case 'refuse':
      throw new Error('combineValues: a refused metric cannot be merged');
  }
}

/**
 * How a refused metric can still be counted exactly: each call also grouped by what owns it across the split
 * (a routing profile for agents over a queue split, a queue for contacts over a routing-profile split), every owner
 * taken once (every call that has an owner's row reports all of it) and the owners added up. Connect takes at most two
 * groupings, so there must be room for one more. Undefined when no such grouping helps (the oldest age and the
 * estimated wait are never refused for this reason, or the query already has two groupings).
 */
export function dedupeGrouping(
  metric: RealtimeMetricName,
  split: SplitKind,
  groupings: readonly string[]
): Grouping | undefined {
  if (
    groupings.length >= 2 ||
    combineRule(metric, split, groupings).rule !== 'refuse' ||
    metric === 'ESTIMATED_WAIT_TIME'
  ) {
    return undefined;
  }
  return ownerOf(metric) === 'agent' ? 'ROUTING_PROFILE' : 'QUEUE';
}
