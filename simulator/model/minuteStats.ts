import { OCCURRENCE_KINDS, Occurrence, Outcome } from './codes';
import type { Epoch } from './epoch';

/**
 * What CloudWatch receives from an epoch, minute by minute over [dayStart, dayEnd): gauges sampled every
 * 10 seconds (six samples a minute, at :00, :10, ... :50 - the same instants the real-time view can be asked
 * about), the longest wait per queue per minute, and counters.
 */
export const TICK_SECONDS = 10;
export const TICKS_PER_MINUTE = 6;
export const MINUTES_PER_DAY = 1440;

export interface MinuteStats {
  /** QueueSize samples: [queue][minute * 6 + tick] (a queue holds far fewer than 32,767 contacts). */
  queueSize: Int16Array[];
  /** LongestQueueWaitTime, seconds: [queue][minute]. */
  longestWait: Float64Array[];
  /** Concurrent contacts per channel: [channel][minute * 6 + tick]. */
  concurrent: Int32Array[];
  /** Instance-wide counters: [kind][minute]. */
  counts: Int32Array[];
  /** Per-queue counters for QUEUE_FULL and CALLBACK_NOT_DIALABLE: [kind][queue][minute]. */
  queueCounts: Map<number, Int32Array[]>;
}

const cache = new WeakMap<Epoch, MinuteStats>();

export function minuteStats(epoch: Epoch): MinuteStats {
  let stats = cache.get(epoch);
  if (!stats) {
    stats = compute(epoch);
    cache.set(epoch, stats);
  }
  return stats;
}

/** Adds +1 to every tick t (dayStart + 10k) with start <= t < end, through a difference array. */
function addSpan(diff: Int16Array | Int32Array, dayStart: number, start: number, end: number): void {
  const ticks = diff.length - 1;
  const first = Math.max(0, Math.ceil((start - dayStart) / TICK_SECONDS));
  const last = Math.min(ticks, Math.ceil((end - dayStart) / TICK_SECONDS));
  if (first < last) {
    diff[first]++;
    diff[last]--;
  }
}

/** Turns a difference array into the running counts, in place (the last slot is dropped). */
function integrate<T extends Int16Array | Int32Array>(diff: T): T {
  let running = 0;
  for (let i = 0; i < diff.length - 1; i++) {
    running += diff[i];
    diff[i] = running;
  }
  return diff.subarray(0, diff.length - 1) as T;
}

function compute(epoch: Epoch): MinuteStats {
  const { contacts, intervals, dayStart, dayEnd } = epoch;
  const nQueues = epoch.instance.queues.length;
  const ticks = MINUTES_PER_DAY * TICKS_PER_MINUTE;

  const queueDiff = Array.from({ length: nQueues }, () => new Int16Array(ticks + 1));
  const longestWait = Array.from({ length: nQueues }, () => new Float64Array(MINUTES_PER_DAY));
  for (let k = 0; k < intervals.count; k++) {
    const s = intervals.start[k];
    const e = intervals.end[k];
    // A missed contact that goes straight to the next agent is back in the queue for no time at all: it is
    // never seen waiting, so it does not count.
    if (e <= dayStart || s >= dayEnd || e <= s) {
      continue;
    }
    const id = intervals.contact[k];
    const q = contacts.queue[id];
    addSpan(queueDiff[q], dayStart, s, e);
    // The longest wait seen during each minute the contact spent in the queue: its age at the end of its stay
    // in that minute (it keeps counting from its first enqueue, even after a missed offer).
    const enq = contacts.enqueue[id];
    const m0 = Math.max(0, Math.floor((s - dayStart) / 60));
    const m1 = Math.min(MINUTES_PER_DAY - 1, Math.floor((Math.min(e, dayEnd) - dayStart - 1e-9) / 60));
    for (let m = m0; m <= m1; m++) {
      const until = Math.min(e, dayStart + (m + 1) * 60);
      const age = until - enq;
      if (age > longestWait[q][m]) {
        longestWait[q][m] = age;
      }
    }
  }

  const channelDiff = Array.from({ length: 4 }, () => new Int32Array(ticks + 1));
  for (let i = 0; i < contacts.count; i++) {
    const o = contacts.outcome[i];
    if (o === Outcome.REJECTED_QUOTA || o === Outcome.REJECTED_RATE) {
      continue;
    }
    addSpan(channelDiff[contacts.channel[i]], dayStart, contacts.arrive[i], contacts.end[i]);
  }

  const counts = Array.from({ length: OCCURRENCE_KINDS }, () => new Int32Array(MINUTES_PER_DAY));
  const perQueueKinds = [Occurrence.QUEUE_FULL, Occurrence.CALLBACK_NOT_DIALABLE];
  const queueCounts = new Map<number, Int32Array[]>(
    perQueueKinds.map((k) => [k, Array.from({ length: nQueues }, () => new Int32Array(MINUTES_PER_DAY))])
  );
  const occ = epoch.occurrences;
  for (let k = 0; k < occ.count; k++) {
    const t = occ.t[k];
    if (t < dayStart || t >= dayEnd) {
      continue;
    }
    const m = Math.floor((t - dayStart) / 60);
    counts[occ.kind[k]][m]++;
    const perQueue = queueCounts.get(occ.kind[k]);
    if (perQueue) {
      perQueue[occ.queue[k]][m]++;
    }
  }

  return {
    queueSize: queueDiff.map(integrate),
    longestWait,
    concurrent: channelDiff.map(integrate),
    counts,
    queueCounts,
  };
}
