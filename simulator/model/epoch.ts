import { CHANNELS } from '../../src/connect/channels';
import { localDay, arrivalRate, dayStart, isWeekend } from './curves';
import { AgentState, CHANNEL_INDEX, Occurrence, Outcome, SUBTYPE_MIX } from './codes';
import { EventQueue } from './eventQueue';
import { groupBy, Table } from './table';
import { hashString, mix, Rng } from './random';
import type { InstanceWorld, World } from '../scenario/world';

/**
 * One simulated day of one instance: a discrete-event simulation of every contact and agent, from an empty
 * contact center an hour before the day starts (the warm-up) to the end of the day. Arrivals and every
 * per-contact draw come from generators keyed by what they describe, so two epochs that overlap (a day's
 * warm-up and the previous day's last hour) see the very same contacts and quickly converge to the same state.
 */

export const WARMUP_SECONDS = 3600;
const SCHEDULED_CALLBACK_MIN = 900;
const SCHEDULED_CALLBACK_MAX = 2700;
const MISS_RING_SECONDS = 20; // Connect: a contact not accepted within 20 s is missed

// event types
const ARRIVE = 1;
const ENQUEUE = 2;
const ABANDON = 3;
const OFFER_END = 4;
const HANDLE_END = 5;
const ACW_END = 6;
const SHIFT_START = 7;
const SHIFT_END = 8;
const BREAK_START = 9;
const BREAK_END = 10;
const ERROR_END = 11;
const CALLBACK_DUE = 12;

export interface ContactTable {
  count: number;
  queue: Int32Array;
  channel: Uint8Array;
  subtype: Uint8Array;
  /** Arrival at the instance (for callbacks: when the customer asked for one). */
  arrive: Float64Array;
  /** First time the contact entered the queue (NaN if never). OLDEST_CONTACT_AGE counts from here. */
  enqueue: Float64Array;
  /** Connected to an agent (NaN if never). */
  connect: Float64Array;
  /** Left the system: end of handling, abandon or rejection (Infinity if still there at the end of the epoch). */
  end: Float64Array;
  /** End of after-contact work (NaN if never handled). */
  acwEnd: Float64Array;
  agent: Int32Array;
  outcome: Uint8Array;
  isCallback: Uint8Array;
  /** How many times an agent let it ring out. */
  misses: Uint8Array;
}

/** Periods a contact spent waiting in a queue (a missed offer puts it back, so a contact can have several). */
export interface QueueIntervalTable {
  count: number;
  contact: Int32Array;
  start: Float64Array;
  end: Float64Array;
}

export interface AgentTimeline {
  /** Segment start times; a segment lasts until the next one starts. */
  t: Float64Array;
  state: Uint8Array;
  /** Index into instance.statuses (Available 0, Offline 1, custom statuses 2..). */
  status: Uint8Array;
  /** Channel index of the agent's contacts, or 255 when none. */
  channel: Uint8Array;
  /** Contacts on the agent (ringing, connected or in after-contact work). */
  slots: Uint8Array;
  /** Contacts ringing or connected (not in after-contact work). */
  live: Uint8Array;
}

/**
 * Offers of contacts to agents, grouped by agent: the offers of agent a are rows offsets[a] .. offsets[a + 1],
 * in time order.
 */
export interface AssignmentTable {
  offsets: Int32Array;
  contact: Int32Array;
  offer: Float64Array;
  /** When the ring ended: accepted (connected) or missed. */
  ringEnd: Float64Array;
  missed: Uint8Array;
}

export interface Epoch {
  instance: InstanceWorld;
  day: number;
  /** Warm-up start: the simulation begins here, from empty. */
  simStart: number;
  /** The day this epoch answers for: [dayStart, dayEnd). */
  dayStart: number;
  dayEnd: number;
  contacts: ContactTable;
  intervals: QueueIntervalTable;
  /** For each minute of the epoch, the queue intervals overlapping it. */
  intervalsByMinute: Int32Array[];
  scheduled: { count: number; queue: Int32Array; start: Float64Array; end: Float64Array };
  agents: AgentTimeline[];
  assignments: AssignmentTable;
  occurrences: { count: number; t: Float64Array; kind: Uint8Array; queue: Int32Array };
  /** Simulation cost, for the benchmark. */
  stats: { events: number; contacts: number; buildMs: number };
}

export function simulateEpoch(world: World, instance: InstanceWorld, day: number): Epoch {
  const began = performance.now();
  const locale = instance.locale;
  const start = dayStart(locale, day);
  const simStart = start - WARMUP_SECONDS;
  const simEnd = start + 86400;
  const seed = world.seed;
  const instKey = hashString(instance.id);
  const events = new EventQueue();
  const ev: [number, number, number, number] = [0, 0, 0, 0];

  // ---------------------------------------------------------------- contacts
  // Size the tables from the expected volume so that they rarely grow (growing copies every column).
  const expected = Math.ceil(
    instance.queues.reduce((sum, q) => sum + q.channels.reduce((n, ch) => n + q.load[ch]!.perHour, 0), 0) *
      ((simEnd - simStart) / 3600) *
      0.7
  );
  const contactTable = new Table(
    {
      queue: 'i32',
      channel: 'u8',
      subtype: 'u8',
      arrive: 'f64',
      enqueue: 'f64',
      connect: 'f64',
      end: 'f64',
      acwEnd: 'f64',
      agent: 'i32',
      outcome: 'u8',
      isCallback: 'u8',
      misses: 'u8',
      key: 'f64',
      flow: 'f64',
      patience: 'f64',
      handle: 'f64',
      acw: 'f64',
      callback: 'u8',
    },
    expected
  );
  // `cols` keeps its identity while the table grows; its columns are replaced.
  const c = contactTable.cols;
  const addContact = (
    queue: number,
    channel: number,
    arrive: number,
    key: number,
    rng: Rng,
    callback: boolean
  ): number => {
    const q = instance.queues[queue];
    const load = q.load[CHANNELS[channel]]!;
    const id = contactTable.append();
    c.queue[id] = queue;
    c.channel[id] = channel;
    let u = rng.next();
    let subtype = SUBTYPE_MIX[CHANNELS[channel]][0][0];
    for (const [code, share] of SUBTYPE_MIX[CHANNELS[channel]]) {
      if (u < share) {
        subtype = code;
        break;
      }
      u -= share;
    }
    c.subtype[id] = subtype;
    c.arrive[id] = arrive;
    c.enqueue[id] = NaN;
    c.connect[id] = NaN;
    c.end[id] = Infinity;
    c.acwEnd[id] = NaN;
    c.agent[id] = -1;
    c.outcome[id] = Outcome.PENDING;
    c.isCallback[id] = callback ? 1 : 0;
    c.misses[id] = 0;
    c.key[id] = key;
    c.flow[id] = load.flowSeconds ? rng.uniform(0.6, 1.4) * load.flowSeconds : 0;
    c.patience[id] = load.patienceSeconds ? rng.exponential(load.patienceSeconds) : Infinity;
    c.handle[id] = rng.logNormal(load.handleSeconds, 0.6);
    c.acw[id] = load.acwSeconds ? rng.logNormal(load.acwSeconds, 0.4) : 0;
    c.callback[id] = channel === 0 && !callback && rng.chance(q.spec.callbackShare ?? 0) ? 1 : 0;
    return id;
  };

  for (const q of instance.queues) {
    const qKey = hashString(q.id);
    for (const ch of q.channels) {
      const ci = CHANNEL_INDEX[ch];
      for (let minute = Math.floor(simStart / 60); minute * 60 < simEnd; minute++) {
        const rng = Rng.of(seed, instKey, qKey, ci, minute);
        const n = rng.poisson(arrivalRate(locale, q, ch, minute * 60 + 30) * 60);
        for (let k = 0; k < n; k++) {
          const t = minute * 60 + rng.next() * 60;
          const id = addContact(q.index, ci, t, mix(qKey, ci, minute, k), rng, false);
          events.push(t, ARRIVE, id);
        }
      }
    }
  }

  // ---------------------------------------------------------------- agents
  const nAgents = instance.agents.length;
  const segTable = new Table(
    { agent: 'i32', t: 'f64', state: 'u8', status: 'u8', channel: 'u8', slots: 'u8', live: 'u8' },
    nAgents * 64
  );
  const seg = segTable.cols;
  const lastSegment = new Int32Array(nAgents).fill(-1);
  const offerTable = new Table({ agent: 'i32', contact: 'i32', offer: 'f64', ringEnd: 'f64', missed: 'u8' }, expected);
  const offers = offerTable.cols;
  const online = new Uint8Array(nAgents);
  const status = new Uint8Array(nAgents).fill(1); // Offline
  const inError = new Uint8Array(nAgents);
  const logoutPending = new Uint8Array(nAgents);
  const breakPendingStatus = new Int16Array(nAgents).fill(-1);
  const breakPendingSeconds = new Float64Array(nAgents);
  const breakUntil = new Float64Array(nAgents);
  const agentChannel = new Int16Array(nAgents).fill(-1);
  const slots = new Uint8Array(nAgents);
  const live = new Uint8Array(nAgents);
  const idleSince = new Float64Array(nAgents);
  const shiftToken = new Int32Array(nAgents); // invalidates stale shift/break events

  const stateOf = (a: number): number => {
    if (!online[a]) {
      return AgentState.OFFLINE;
    }
    if (inError[a]) {
      return AgentState.ERROR;
    }
    if (live[a] > 0) {
      return AgentState.ON_CONTACT;
    }
    if (slots[a] > 0) {
      return AgentState.ACW;
    }
    if (status[a] >= 2) {
      return AgentState.NPT;
    }
    return AgentState.AVAILABLE;
  };
  /** Records the agent's situation at t: a new timeline segment, unless nothing changed. */
  const record = (a: number, t: number) => {
    const k = lastSegment[a];
    const state = stateOf(a);
    const ch = agentChannel[a] < 0 ? 255 : agentChannel[a];
    if (
      k >= 0 &&
      seg.state[k] === state &&
      seg.status[k] === status[a] &&
      seg.channel[k] === ch &&
      seg.slots[k] === slots[a] &&
      seg.live[k] === live[a]
    ) {
      return;
    }
    const row = k >= 0 && seg.t[k] === t ? k : segTable.append();
    seg.agent[row] = a;
    seg.t[row] = t;
    seg.state[row] = state;
    seg.status[row] = status[a];
    seg.channel[row] = ch;
    seg.slots[row] = slots[a];
    seg.live[row] = live[a];
    lastSegment[a] = row;
  };
  for (let a = 0; a < nAgents; a++) {
    record(a, simStart);
  }

  // Shifts (with small per-day jitter) and breaks.
  const breakStatus = (name: string) =>
    Math.max(
      2,
      instance.statuses.findIndex((s) => s.name === name)
    );
  const customCount = instance.statuses.length - 2;
  const firstDay = localDay(locale, simStart) - 1;
  const lastDay = localDay(locale, simEnd);
  for (const agent of instance.agents) {
    const aKey = hashString(agent.id);
    for (let d = firstDay; d <= lastDay; d++) {
      const rng = Rng.of(seed, aKey, d);
      const midnight = d * 86400 - locale.utcOffsetSeconds;
      // Weekends: half of each shift works, rotating day by day.
      if (isWeekend(locale, midnight + 43200) && (agent.shiftSlot + d) % 2 !== 0 && agent.shiftSize > 1) {
        continue;
      }
      const s = midnight + agent.shift.start + rng.uniform(-300, 420);
      const e = midnight + agent.shift.end + rng.uniform(-120, 600);
      if (e <= simStart || s >= simEnd) {
        continue;
      }
      events.push(Math.max(s, simStart), SHIFT_START, agent.index);
      events.push(e, SHIFT_END, agent.index);
      const length = e - s;
      const breaks: Array<[number, number, string]> = [];
      if (length >= 4 * 3600) {
        breaks.push([s + 2 * 3600 + rng.uniform(-900, 900), 900, 'Break']);
        breaks.push([s + length / 2 + rng.uniform(-1200, 1200), 1800, 'Lunch']);
        breaks.push([e - 2 * 3600 + rng.uniform(-900, 600), 900, 'Break']);
        if (customCount >= 3 && rng.chance(0.15)) {
          breaks.push([s + 3 * 3600 + rng.uniform(0, 1800), rng.uniform(1800, 3600), instance.statuses[4].name]);
        }
      } else if (length >= 2 * 3600) {
        breaks.push([s + length / 2, 900, 'Break']);
      }
      for (const [at, seconds, name] of breaks) {
        if (at > Math.max(s, simStart) && at < e) {
          events.push(at, BREAK_START, agent.index, breakStatus(name) * 100000 + Math.round(seconds));
        }
      }
    }
  }

  // ---------------------------------------------------------------- routing tables
  // Imported bindings are getters once compiled to CommonJS: keep hot lookups in locals and typed arrays.
  const channelNames = CHANNELS;
  const nQueues = instance.queues.length;
  /** Concurrency per agent and channel. */
  const agentConc = new Int8Array(nAgents * 4);
  for (const agent of instance.agents) {
    const rp = instance.routingProfiles[agent.routingProfileIndex];
    for (let ch = 0; ch < 4; ch++) {
      agentConc[agent.index * 4 + ch] = rp.concurrency[channelNames[ch]];
    }
  }
  /** Agents that can serve each queue slot (queue * 4 + channel). */
  const slotAgents: Int32Array[] = Array.from({ length: nQueues * 4 }, (_, slot) => {
    const q = instance.queues[slot >> 2];
    const rps = q.servedBy[channelNames[slot & 3]] ?? [];
    return Int32Array.from(rps.flatMap((r) => instance.routingProfiles[r].agentIndices));
  });
  /** Per routing profile, the queue slots it serves and their priority. */
  const rpSlots = instance.routingProfiles.map((rp) => {
    const slots: number[] = [];
    const priorities: number[] = [];
    for (const entry of rp.queues) {
      for (const chName of entry.channels) {
        slots.push(entry.queueIndex * 4 + CHANNEL_INDEX[chName]);
        priorities.push(entry.priority);
      }
    }
    return { slots: Int32Array.from(slots), priorities: Int32Array.from(priorities) };
  });
  const agentRp = Int32Array.from(instance.agents.map((a) => a.routingProfileIndex));

  // ---------------------------------------------------------------- queues
  // waiting[q * 4 + ch]: contact ids in enqueue order; head index skips contacts that left.
  const waiting: number[][] = Array.from({ length: nQueues * 4 }, () => []);
  const waitingHead = new Int32Array(nQueues * 4);
  // Per-contact flags, grown when callbacks add contacts during the run.
  let waitingFlag = new Uint8Array(contactTable.length + 1024);
  let openInterval = new Int32Array(contactTable.length + 1024).fill(-1);
  const waitingCount = new Int32Array(nQueues);
  const activeByChannel = new Int32Array(4);
  const intervalTable = new Table({ contact: 'i32', start: 'f64', end: 'f64' }, expected);
  const iv = intervalTable.cols;
  const scheduledTable = new Table({ queue: 'i32', start: 'f64', end: 'f64' }, 256);
  const occurrenceTable = new Table({ t: 'f64', kind: 'u8', queue: 'i32' }, 4096);
  const occur = (t: number, kind: number, queue: number) => {
    const row = occurrenceTable.append();
    occurrenceTable.cols.t[row] = t;
    occurrenceTable.cols.kind[row] = kind;
    occurrenceTable.cols.queue[row] = queue;
  };
  let callsThisSecond = 0;
  let callSecond = -1;

  const grow = (id: number) => {
    if (id >= waitingFlag.length) {
      const size = Math.max(id + 1, waitingFlag.length * 2);
      const flags = new Uint8Array(size);
      flags.set(waitingFlag);
      waitingFlag = flags;
      const open = new Int32Array(size).fill(-1);
      open.set(openInterval);
      openInterval = open;
    }
  };

  const startWaiting = (id: number, t: number) => {
    grow(id);
    const list = waiting[c.queue[id] * 4 + c.channel[id]];
    // Enqueue order is by original enqueue time: a missed contact goes back ahead of younger ones.
    let pos = list.length;
    const enq = c.enqueue[id];
    const head = waitingHead[c.queue[id] * 4 + c.channel[id]];
    while (pos > head && c.enqueue[list[pos - 1]] > enq) {
      pos--;
    }
    list.splice(pos, 0, id);
    waitingFlag[id] = 1;
    waitingCount[c.queue[id]]++;
    const row = intervalTable.append();
    openInterval[id] = row;
    iv.contact[row] = id;
    iv.start[row] = t;
    iv.end[row] = Infinity;
  };
  const stopWaiting = (id: number, t: number) => {
    waitingFlag[id] = 0;
    waitingCount[c.queue[id]]--;
    const k = openInterval[id];
    if (k >= 0) {
      iv.end[k] = t;
      openInterval[id] = -1;
    }
  };
  const headOf = (slot: number): number => {
    const list = waiting[slot];
    let h = waitingHead[slot];
    while (h < list.length && !waitingFlag[list[h]]) {
      h++;
    }
    waitingHead[slot] = h;
    if (h > 4096 && h * 2 > list.length) {
      list.splice(0, h);
      waitingHead[slot] = 0;
      h = 0;
    }
    return h < list.length ? list[h] : -1;
  };

  const canTake = (a: number, ch: number): boolean => {
    if (!online[a] || inError[a] || status[a] !== 0 || logoutPending[a] || breakPendingStatus[a] >= 0) {
      return false;
    }
    const conc = agentConc[a * 4 + ch];
    return conc > 0 && (agentChannel[a] < 0 || (agentChannel[a] === ch && slots[a] < conc));
  };

  const offer = (a: number, id: number, t: number) => {
    stopWaiting(id, t);
    const ch = c.channel[id];
    const rng = Rng.of(seed, c.key[id], c.misses[id] + 1);
    const missed = rng.chance(instance.missProbability);
    const ring = missed ? MISS_RING_SECONDS : ch === 0 ? rng.uniform(2, 8) : rng.uniform(1, 4);
    agentChannel[a] = ch;
    slots[a]++;
    live[a]++;
    const row = offerTable.append();
    offers.agent[row] = a;
    offers.contact[row] = id;
    offers.offer[row] = t;
    offers.ringEnd[row] = t + ring;
    offers.missed[row] = missed ? 1 : 0;
    record(a, t);
    events.push(t + ring, OFFER_END, id, a * 2 + (missed ? 1 : 0));
  };

  /** Routes the best waiting contact(s) to an agent who just became free. */
  const serveAgent = (a: number, t: number) => {
    const { slots: rpQueueSlots, priorities } = rpSlots[agentRp[a]];
    for (;;) {
      let best = -1;
      let bestPriority = Infinity;
      let bestEnqueue = Infinity;
      for (let k = 0; k < rpQueueSlots.length; k++) {
        const slot = rpQueueSlots[k];
        if (!canTake(a, slot & 3)) {
          continue;
        }
        const id = headOf(slot);
        if (id < 0) {
          continue;
        }
        const priority = priorities[k];
        if (priority < bestPriority || (priority === bestPriority && c.enqueue[id] < bestEnqueue)) {
          best = id;
          bestPriority = priority;
          bestEnqueue = c.enqueue[id];
        }
      }
      if (best < 0) {
        return;
      }
      offer(a, best, t);
    }
  };

  /** Routes a contact that just entered the queue to the agent idle the longest, if any can take it. */
  const serveContact = (id: number, t: number) => {
    const ch = c.channel[id];
    const slot = c.queue[id] * 4 + ch;
    const candidates = slotAgents[slot];
    let best = -1;
    for (let k = 0; k < candidates.length; k++) {
      const a = candidates[k];
      if (canTake(a, ch) && (best < 0 || idleSince[a] < idleSince[best])) {
        best = a;
      }
    }
    if (best >= 0 && headOf(slot) === id) {
      offer(best, id, t);
    }
  };

  /** Agent has no contacts left: log out, take a pending break, or take work. */
  const becameFree = (a: number, t: number) => {
    if (slots[a] > 0 || inError[a]) {
      record(a, t);
      if (slots[a] > 0 && !inError[a]) {
        serveAgent(a, t);
      }
      return;
    }
    agentChannel[a] = -1;
    idleSince[a] = t;
    if (logoutPending[a]) {
      logoutPending[a] = 0;
      online[a] = 0;
      status[a] = 1;
      breakPendingStatus[a] = -1;
      record(a, t);
      return;
    }
    if (breakPendingStatus[a] >= 0) {
      status[a] = breakPendingStatus[a];
      breakUntil[a] = t + breakPendingSeconds[a];
      breakPendingStatus[a] = -1;
      record(a, t);
      events.push(breakUntil[a], BREAK_END, a, shiftToken[a]);
      return;
    }
    record(a, t);
    serveAgent(a, t);
  };

  const enqueue = (id: number, t: number) => {
    const qi = c.queue[id];
    const ch = c.channel[id];
    const q = instance.queues[qi];
    if (waitingCount[qi] >= q.maxContacts) {
      c.outcome[id] = Outcome.REJECTED_QUEUE_FULL;
      c.end[id] = t;
      activeByChannel[ch]--;
      if (ch === 0) {
        occur(t, Occurrence.QUEUE_FULL, qi);
      }
      return;
    }
    c.enqueue[id] = t;
    startWaiting(id, t);
    if (c.patience[id] !== Infinity) {
      events.push(t + c.patience[id], ABANDON, id);
    }
    serveContact(id, t);
  };

  // ---------------------------------------------------------------- the loop
  let processed = 0;
  while (events.pop(ev)) {
    const [t, type, x, y] = ev;
    if (t >= simEnd) {
      break;
    }
    processed++;
    switch (type) {
      case ARRIVE: {
        const id = x;
        const ch = c.channel[id];
        const quota = instance.quotas[CHANNELS[ch]];
        if (ch === 0) {
          const second = Math.floor(t);
          if (second !== callSecond) {
            callSecond = second;
            callsThisSecond = 0;
          }
          callsThisSecond++;
          if (callsThisSecond > instance.callsPerSecond) {
            c.outcome[id] = Outcome.REJECTED_RATE;
            c.end[id] = t;
            occur(t, Occurrence.CALL_THROTTLED, c.queue[id]);
            break;
          }
        }
        if (activeByChannel[ch] >= quota) {
          c.outcome[id] = Outcome.REJECTED_QUOTA;
          c.end[id] = t;
          occur(
            t,
            [Occurrence.CALL_BREACH, Occurrence.CHAT_BREACH, Occurrence.TASK_BREACH, Occurrence.EMAIL_BREACH][ch],
            c.queue[id]
          );
          break;
        }
        activeByChannel[ch]++;
        if (ch === 0) {
          occur(t, Occurrence.CALL_STARTED, c.queue[id]);
        } else if (ch === 1) {
          occur(t, Occurrence.CHAT_STARTED, c.queue[id]);
        }
        if (c.flow[id] > 0) {
          events.push(t + c.flow[id], ENQUEUE, id);
        } else {
          enqueue(id, t);
        }
        break;
      }
      case ENQUEUE: {
        const id = x;
        if (c.callback[id]) {
          // The caller leaves a number instead of waiting: the call ends, a callback is scheduled.
          c.outcome[id] = Outcome.CALLBACK_SCHEDULED;
          c.end[id] = t;
          activeByChannel[c.channel[id]]--;
          const due = t + Rng.of(seed, c.key[id], 99).uniform(SCHEDULED_CALLBACK_MIN, SCHEDULED_CALLBACK_MAX);
          const row = scheduledTable.append();
          scheduledTable.cols.queue[row] = c.queue[id];
          scheduledTable.cols.start[row] = t;
          scheduledTable.cols.end[row] = due;
          events.push(due, CALLBACK_DUE, id);
          break;
        }
        enqueue(id, t);
        break;
      }
      case CALLBACK_DUE: {
        const origin = x;
        const qi = c.queue[origin];
        const rng = Rng.of(seed, c.key[origin], 98);
        if (rng.chance(instance.queues[qi].spec.callbackNotDialableShare ?? 0)) {
          occur(t, Occurrence.CALLBACK_NOT_DIALABLE, qi);
          break;
        }
        if (activeByChannel[0] >= instance.quotas.VOICE) {
          occur(t, Occurrence.CALL_BREACH, qi);
          break;
        }
        const id = addContact(qi, 0, t, mix(c.key[origin], 97), rng, true);
        c.patience[id] = Infinity; // a callback waits in the queue until an agent dials it
        c.flow[id] = 0;
        grow(id);
        activeByChannel[0]++;
        occur(t, Occurrence.CALL_STARTED, qi);
        enqueue(id, t);
        break;
      }
      case ABANDON: {
        const id = x;
        if (waitingFlag[id]) {
          stopWaiting(id, t);
          c.outcome[id] = Outcome.ABANDONED;
          c.end[id] = t;
          activeByChannel[c.channel[id]]--;
        }
        break;
      }
      case OFFER_END: {
        const id = x;
        const a = y >> 1;
        const missed = (y & 1) === 1;
        const ch = c.channel[id];
        if (missed) {
          slots[a]--;
          live[a]--;
          inError[a] = 1;
          c.misses[id]++;
          if (ch === 0) {
            occur(t, Occurrence.MISSED_CALL, c.queue[id]);
          }
          events.push(t + Rng.of(seed, c.key[id], 50 + c.misses[id]).uniform(20, 90), ERROR_END, a);
          record(a, t);
          if (t >= c.enqueue[id] + c.patience[id]) {
            // The customer hung up while the agent's phone rang.
            c.outcome[id] = Outcome.ABANDONED;
            c.end[id] = t;
            activeByChannel[ch]--;
          } else {
            startWaiting(id, t);
            serveContact(id, t);
          }
        } else {
          c.connect[id] = t;
          c.agent[id] = a;
          record(a, t);
          events.push(t + c.handle[id], HANDLE_END, id, a);
        }
        break;
      }
      case HANDLE_END: {
        const id = x;
        const a = y;
        c.end[id] = t;
        c.outcome[id] = Outcome.HANDLED;
        activeByChannel[c.channel[id]]--;
        live[a]--;
        record(a, t);
        events.push(t + c.acw[id], ACW_END, id, a);
        break;
      }
      case ACW_END: {
        const id = x;
        const a = y;
        c.acwEnd[id] = t;
        slots[a]--;
        becameFree(a, t);
        break;
      }
      case ERROR_END: {
        const a = x;
        inError[a] = 0;
        becameFree(a, t);
        break;
      }
      case SHIFT_START: {
        const a = x;
        if (online[a]) {
          break;
        }
        shiftToken[a]++;
        online[a] = 1;
        status[a] = 0;
        logoutPending[a] = 0;
        breakPendingStatus[a] = -1;
        idleSince[a] = t;
        record(a, t);
        serveAgent(a, t);
        break;
      }
      case SHIFT_END: {
        const a = x;
        if (!online[a]) {
          break;
        }
        if (slots[a] === 0 && !inError[a]) {
          online[a] = 0;
          status[a] = 1;
          breakPendingStatus[a] = -1;
          shiftToken[a]++;
          record(a, t);
        } else {
          logoutPending[a] = 1;
          status[a] = status[a] >= 2 ? 0 : status[a];
        }
        break;
      }
      case BREAK_START: {
        const a = x;
        if (!online[a] || logoutPending[a] || status[a] >= 2) {
          break;
        }
        const st = Math.floor(y / 100000);
        const seconds = y % 100000;
        if (slots[a] === 0 && !inError[a]) {
          status[a] = st;
          breakUntil[a] = t + seconds;
          record(a, t);
          events.push(breakUntil[a], BREAK_END, a, shiftToken[a]);
        } else {
          breakPendingStatus[a] = st;
          breakPendingSeconds[a] = seconds;
        }
        break;
      }
      case BREAK_END: {
        const a = x;
        if (!online[a] || y !== shiftToken[a] || status[a] < 2 || t < breakUntil[a]) {
          break;
        }
        status[a] = 0;
        idleSince[a] = t;
        record(a, t);
        serveAgent(a, t);
        break;
      }
    }
  }

  // ---------------------------------------------------------------- pack
  const packed = contactTable.pack();
  const contacts: ContactTable = {
    count: contactTable.length,
    queue: packed.queue,
    channel: packed.channel,
    subtype: packed.subtype,
    arrive: packed.arrive,
    enqueue: packed.enqueue,
    connect: packed.connect,
    end: packed.end,
    acwEnd: packed.acwEnd,
    agent: packed.agent,
    outcome: packed.outcome,
    isCallback: packed.isCallback,
    misses: packed.misses,
  };
  const ivPacked = intervalTable.pack();
  const intervals: QueueIntervalTable = {
    count: intervalTable.length,
    contact: ivPacked.contact,
    start: ivPacked.start,
    end: ivPacked.end,
  };
  const occ = occurrenceTable.pack();
  const sch = scheduledTable.pack();
  return {
    instance,
    day,
    simStart,
    dayStart: start,
    dayEnd: simEnd,
    contacts,
    intervals,
    intervalsByMinute: indexByMinute(intervals, simStart, simEnd),
    scheduled: { count: scheduledTable.length, queue: sch.queue, start: sch.start, end: sch.end },
    agents: agentTimelines(segTable, nAgents),
    assignments: assignmentTable(offerTable, nAgents),
    occurrences: { count: occurrenceTable.length, t: occ.t, kind: occ.kind, queue: occ.queue },
    stats: { events: processed, contacts: contactTable.length, buildMs: performance.now() - began },
  };
}

/** Per-agent timelines as views into one set of columns sorted by agent (segments stay in time order). */
function agentTimelines(
  table: Table<{ agent: 'i32'; t: 'f64'; state: 'u8'; status: 'u8'; channel: 'u8'; slots: 'u8'; live: 'u8' }>,
  agents: number
): AgentTimeline[] {
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

function assignmentTable(
  table: Table<{ agent: 'i32'; contact: 'i32'; offer: 'f64'; ringEnd: 'f64'; missed: 'u8' }>,
  agents: number
): AssignmentTable {
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

function indexByMinute(iv: QueueIntervalTable, simStart: number, simEnd: number): Int32Array[] {
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
