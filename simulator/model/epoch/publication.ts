import { groupBy } from '../table';
import type { AgentTimeline, AssignmentTable, QueueIntervalTable } from '../epoch';
import type { SegmentTable } from './agentStates';
import type { OfferTable } from './routing';

/**
 * Turns the simulation's growable, append-ordered tables into the shapes the metric services read: compact
 * columns grouped by agent (timelines, offers) and the queue intervals indexed by minute. Done once per epoch,
 * after the loop, so that the loop only ever appends.
 */

/** Per-agent timelines as views into one set of columns sorted by agent (segments stay in time order). */
export function agentTimelines(table: SegmentTable, agents: number): AgentTimeline[] {
  const { offsets, order } = groupBy(table.cols.agent, table.length, agents);
  const src = table.cols;
  const n = table.length;
  const t = new Float64Array(n);
  const state = new Uint8Array(n);
  const status = new Uint8Array(n);
  const channel = new Uint8Array(n);
  const slots = new Uint8Array(n);
  const live = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const i = order[j];
    t[j] = src.t[i];
    state[j] = src.state[i];
    status[j] = src.status[i];
    channel[j] = src.channel[i];
    slots[j] = src.slots[i];
    live[j] = src.live[i];
  }
  return Array.from({ length: agents }, (_, a) => {
    const lo = offsets[a];
    const hi = offsets[a + 1];
    return {
      t: t.subarray(lo, hi),
      state: state.subarray(lo, hi),
      status: status.subarray(lo, hi),
      channel: channel.subarray(lo, hi),
      slots: slots.subarray(lo, hi),
      live: live.subarray(lo, hi),
    };
  });
}

/** Offers grouped by agent, in time order. */
export function assignmentTable(table: OfferTable, agents: number): AssignmentTable {
  const { offsets, order } = groupBy(table.cols.agent, table.length, agents);
  const src = table.cols;
  const n = table.length;
  const out: AssignmentTable = {
    offsets,
    contact: new Int32Array(n),
    offer: new Float64Array(n),
    ringEnd: new Float64Array(n),
    missed: new Uint8Array(n),
  };
  for (let j = 0; j < n; j++) {
    const i = order[j];
    out.contact[j] = src.contact[i];
    out.offer[j] = src.offer[i];
    out.ringEnd[j] = src.ringEnd[i];
    out.missed[j] = src.missed[i];
  }
  return out;
}

/** For each minute of [simStart, simEnd), the queue intervals overlapping it. */
export function indexByMinute(iv: QueueIntervalTable, simStart: number, simEnd: number): Int32Array[] {
  const minutes = Math.ceil((simEnd - simStart) / 60);
  const buckets: number[][] = Array.from({ length: minutes }, () => []);
  for (let k = 0; k < iv.count; k++) {
    const first = Math.max(0, Math.floor((iv.start[k] - simStart) / 60));
    const last = Math.min(minutes - 1, Math.floor((Math.min(iv.end[k], simEnd) - simStart - 1e-9) / 60));
    for (let m = first; m <= last; m++) {
      buckets[m].push(k);
    }
  }
  return buckets.map((b) => Int32Array.from(b));
}
