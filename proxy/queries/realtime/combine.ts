import type { Dimensions } from '@aws-sdk/client-connect';
import type { Grouping } from '../../../src/connect/realtimeRules';
import { combineValues } from '../../../src/connect/splitCombine';
import type { RealtimeRow } from './fetch';
import type { RealtimePlan } from './plan';

/**
 * Combining the rows of a query split over several calls (more than 100 queues or routing profiles), each metric by
 * its rule (src/connect/splitCombine.ts). Not to be confused with union calls (unionCalls.ts), which share one call
 * between panels.
 */

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
      indexes.forEach((index, j) => (row.values[index] = combineValues(rules[index], row.values[index], r.values[j])));
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
