import { dayStart } from './curves';
import { EventQueue } from './eventQueue';
import type { InstanceWorld, World } from '../scenario/world';
import { AgentStates } from './epoch/agentStates';
import { scheduleArrivals } from './epoch/arrivals';
import { ContactBook, expectedContacts } from './epoch/contacts';
import { Lifecycle } from './epoch/lifecycle';
import { agentTimelines, assignmentTable, indexByMinute } from './epoch/publication';
import { Router } from './epoch/routing';
import { buildRoutingTables } from './epoch/routingTables';
import { scheduleShifts } from './epoch/shifts';
import { WaitingLines } from './epoch/waiting';

/**
 * One simulated day of one instance: a discrete-event simulation of every contact and agent, from an empty
 * contact center an hour before the day starts (the warm-up) to the end of the day. Arrivals and every
 * per-contact draw come from generators keyed by what they describe, so two epochs that overlap (a day's
 * warm-up and the previous day's last hour) see the very same contacts and quickly converge to the same state.
 */

export const WARMUP_SECONDS = 3600;

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

/**
 * The stages, in order (each in its own module under epoch/):
 * 1. contacts and arrivals: every contact of [simStart, simEnd) is drawn up front and its arrival scheduled;
 * 2. shifts: every agent's shifts and breaks are scheduled;
 * 3. agent states, waiting lines and routing tables: the loop's mutable state, starting from an empty center;
 * 4. the lifecycle loop: events in time order, routing through the Router;
 * 5. publication: the tables packed and grouped into the Epoch the metric services read.
 */
export function simulateEpoch(world: World, instance: InstanceWorld, day: number): Epoch {
  const began = performance.now();
  const start = dayStart(instance.locale, day);
  const simStart = start - WARMUP_SECONDS;
  const simEnd = start + 86400;
  const seed = world.seed;
  const events = new EventQueue();

  const expected = expectedContacts(instance, simStart, simEnd);
  const contacts = new ContactBook(instance, expected);
  scheduleArrivals(seed, instance, simStart, simEnd, contacts, events);

  const nAgents = instance.agents.length;
  const agents = new AgentStates(nAgents, simStart);
  scheduleShifts(seed, instance, simStart, simEnd, events);

  const waiting = new WaitingLines(contacts.cols, instance.queues.length, contacts.length, expected);
  const router = new Router(
    seed,
    instance,
    contacts.cols,
    agents,
    waiting,
    buildRoutingTables(instance),
    events,
    expected
  );
  const lifecycle = new Lifecycle(seed, instance, contacts, agents, waiting, router, events);
  lifecycle.run(simEnd);

  const iv = waiting.intervals.pack();
  const intervals: QueueIntervalTable = {
    count: waiting.intervals.length,
    contact: iv.contact,
    start: iv.start,
    end: iv.end,
  };
  const occ = lifecycle.occurrences.pack();
  const sch = lifecycle.scheduled.pack();
  return {
    instance,
    day,
    simStart,
    dayStart: start,
    dayEnd: simEnd,
    contacts: contacts.publish(),
    intervals,
    intervalsByMinute: indexByMinute(intervals, simStart, simEnd),
    scheduled: { count: lifecycle.scheduled.length, queue: sch.queue, start: sch.start, end: sch.end },
    agents: agentTimelines(agents.segments, nAgents),
    assignments: assignmentTable(router.offers, nAgents),
    occurrences: { count: lifecycle.occurrences.length, t: occ.t, kind: occ.kind, queue: occ.queue },
    stats: { events: lifecycle.processed, contacts: contacts.length, buildMs: performance.now() - began },
  };
}
