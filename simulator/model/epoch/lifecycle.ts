import { CHANNELS } from '../../../src/connect/channels';
import { Occurrence, Outcome } from '../codes';
import type { EventQueue } from '../eventQueue';
import { mix, Rng } from '../random';
import { Table } from '../table';
import type { InstanceWorld } from '../../scenario/world';
import type { AgentStates } from './agentStates';
import type { ContactBook, ContactColumns } from './contacts';
import {
  ABANDON,
  ACW_END,
  ARRIVE,
  BREAK_END,
  BREAK_START,
  CALLBACK_DUE,
  ENQUEUE,
  ERROR_END,
  HANDLE_END,
  OFFER_END,
  SHIFT_END,
  SHIFT_START,
} from './events';
import type { Router } from './routing';
import type { WaitingLines } from './waiting';

const SCHEDULED_CALLBACK_MIN = 900;
const SCHEDULED_CALLBACK_MAX = 2700;

const OCCURRENCE_COLUMNS = { t: 'f64', kind: 'u8', queue: 'i32' } as const;
const SCHEDULED_COLUMNS = { queue: 'i32', start: 'f64', end: 'f64' } as const;

/**
 * The event loop and what each event does: the lifecycle of a contact (arrival, throttling and quotas, flow,
 * queue, callback, abandon, ring, conversation, after-contact work) and of an agent (shift, breaks, recovery
 * from a missed contact, becoming free). Routing decisions are the Router's; this class only says when they are
 * taken. It also keeps the instance-level records the loop produces: occurrences (throttled calls, quota
 * breaches...) and scheduled callbacks.
 */
export class Lifecycle {
  readonly occurrences = new Table(OCCURRENCE_COLUMNS, 4096);
  readonly scheduled = new Table(SCHEDULED_COLUMNS, 256);
  /** Events processed, for the benchmark. */
  processed = 0;
  private readonly c: ContactColumns;
  /** Contacts in the system per channel, against the instance's concurrency quotas. */
  private readonly activeByChannel = new Int32Array(4);
  private callsThisSecond = 0;
  private callSecond = -1;

  constructor(
    private readonly seed: number,
    private readonly instance: InstanceWorld,
    private readonly contacts: ContactBook,
    private readonly agents: AgentStates,
    private readonly waiting: WaitingLines,
    private readonly router: Router,
    private readonly events: EventQueue
  ) {
    this.c = contacts.cols;
  }

  /** Processes events in time order until simEnd. */
  run(simEnd: number): void {
    const ev: [number, number, number, number] = [0, 0, 0, 0];
    while (this.events.pop(ev)) {
      const [t, type, x, y] = ev;
      if (t >= simEnd) {
        break;
      }
      this.processed++;
      switch (type) {
        case ARRIVE:
          this.arrive(x, t);
          break;
        case ENQUEUE:
          this.flowDone(x, t);
          break;
        case CALLBACK_DUE:
          this.callbackDue(x, t);
          break;
        case ABANDON:
          this.abandon(x, t);
          break;
        case OFFER_END:
          this.offerEnd(x, y >> 1, (y & 1) === 1, t);
          break;
        case HANDLE_END:
          this.handleEnd(x, y, t);
          break;
        case ACW_END:
          this.acwEnd(x, y, t);
          break;
        case ERROR_END:
          this.errorEnd(x, t);
          break;
        case SHIFT_START:
          this.shiftStart(x, t);
          break;
        case SHIFT_END:
          this.shiftEnd(x, t);
          break;
        case BREAK_START:
          this.breakStart(x, Math.floor(y / 100000), y % 100000, t);
          break;
        case BREAK_END:
          this.breakEnd(x, y, t);
          break;
      }
    }
  }

  private occur(t: number, kind: number, queue: number): void {
    const row = this.occurrences.append();
    const cols = this.occurrences.cols;
    cols.t[row] = t;
    cols.kind[row] = kind;
    cols.queue[row] = queue;
  }

  // ---------------------------------------------------------------- contacts

  /** A contact arrives: calls are throttled per second, every channel is held to its concurrency quota. */
  private arrive(id: number, t: number): void {
    const c = this.c;
    const ch = c.channel[id];
    const quota = this.instance.quotas[CHANNELS[ch]];
    if (ch === 0) {
      const second = Math.floor(t);
      if (second !== this.callSecond) {
        this.callSecond = second;
        this.callsThisSecond = 0;
      }
      this.callsThisSecond++;
      if (this.callsThisSecond > this.instance.callsPerSecond) {
        c.outcome[id] = Outcome.REJECTED_RATE;
        c.end[id] = t;
        this.occur(t, Occurrence.CALL_THROTTLED, c.queue[id]);
        return;
      }
    }
    if (this.activeByChannel[ch] >= quota) {
      c.outcome[id] = Outcome.REJECTED_QUOTA;
      c.end[id] = t;
      this.occur(
        t,
        [Occurrence.CALL_BREACH, Occurrence.CHAT_BREACH, Occurrence.TASK_BREACH, Occurrence.EMAIL_BREACH][ch],
        c.queue[id]
      );
      return;
    }
    this.activeByChannel[ch]++;
    if (ch === 0) {
      this.occur(t, Occurrence.CALL_STARTED, c.queue[id]);
    } else if (ch === 1) {
      this.occur(t, Occurrence.CHAT_STARTED, c.queue[id]);
    }
    if (c.flow[id] > 0) {
      this.events.push(t + c.flow[id], ENQUEUE, id);
    } else {
      this.enqueue(id, t);
    }
  }

  /** The contact's flow is done: it enters the queue, or the caller leaves a number for a callback. */
  private flowDone(id: number, t: number): void {
    const c = this.c;
    if (c.callback[id]) {
      // The caller leaves a number instead of waiting: the call ends, a callback is scheduled.
      c.outcome[id] = Outcome.CALLBACK_SCHEDULED;
      c.end[id] = t;
      this.activeByChannel[c.channel[id]]--;
      const due = t + Rng.of(this.seed, c.key[id], 99).uniform(SCHEDULED_CALLBACK_MIN, SCHEDULED_CALLBACK_MAX);
      const row = this.scheduled.append();
      this.scheduled.cols.queue[row] = c.queue[id];
      this.scheduled.cols.start[row] = t;
      this.scheduled.cols.end[row] = due;
      this.events.push(due, CALLBACK_DUE, id);
      return;
    }
    this.enqueue(id, t);
  }

  /** A scheduled callback becomes a new voice contact in the queue (unless not dialable or over quota). */
  private callbackDue(origin: number, t: number): void {
    const c = this.c;
    const qi = c.queue[origin];
    const rng = Rng.of(this.seed, c.key[origin], 98);
    if (rng.chance(this.instance.queues[qi].spec.callbackNotDialableShare ?? 0)) {
      this.occur(t, Occurrence.CALLBACK_NOT_DIALABLE, qi);
      return;
    }
    if (this.activeByChannel[0] >= this.instance.quotas.VOICE) {
      this.occur(t, Occurrence.CALL_BREACH, qi);
      return;
    }
    const id = this.contacts.add(qi, 0, t, mix(c.key[origin], 97), rng, true);
    c.patience[id] = Infinity; // a callback waits in the queue until an agent dials it
    c.flow[id] = 0;
    this.waiting.grow(id);
    this.activeByChannel[0]++;
    this.occur(t, Occurrence.CALL_STARTED, qi);
    this.enqueue(id, t);
  }

  private enqueue(id: number, t: number): void {
    const c = this.c;
    const qi = c.queue[id];
    const ch = c.channel[id];
    const q = this.instance.queues[qi];
    if (this.waiting.countByQueue[qi] >= q.maxContacts) {
      c.outcome[id] = Outcome.REJECTED_QUEUE_FULL;
      c.end[id] = t;
      this.activeByChannel[ch]--;
      if (ch === 0) {
        this.occur(t, Occurrence.QUEUE_FULL, qi);
      }
      return;
    }
    c.enqueue[id] = t;
    this.waiting.start(id, t);
    if (c.patience[id] !== Infinity) {
      this.events.push(t + c.patience[id], ABANDON, id);
    }
    this.router.serveContact(id, t);
  }

  private abandon(id: number, t: number): void {
    const c = this.c;
    if (this.waiting.isWaiting(id)) {
      this.waiting.stop(id, t);
      c.outcome[id] = Outcome.ABANDONED;
      c.end[id] = t;
      this.activeByChannel[c.channel[id]]--;
    }
  }

  /** The ring ends: connected, or missed (the agent goes into error, the contact back to the queue). */
  private offerEnd(id: number, a: number, missed: boolean, t: number): void {
    const c = this.c;
    const g = this.agents;
    const ch = c.channel[id];
    if (missed) {
      g.slots[a]--;
      g.live[a]--;
      g.inError[a] = 1;
      c.misses[id]++;
      if (ch === 0) {
        this.occur(t, Occurrence.MISSED_CALL, c.queue[id]);
      }
      this.events.push(t + Rng.of(this.seed, c.key[id], 50 + c.misses[id]).uniform(20, 90), ERROR_END, a);
      g.record(a, t);
      if (t >= c.enqueue[id] + c.patience[id]) {
        // The customer hung up while the agent's phone rang.
        c.outcome[id] = Outcome.ABANDONED;
        c.end[id] = t;
        this.activeByChannel[ch]--;
      } else {
        this.waiting.start(id, t);
        this.router.serveContact(id, t);
      }
    } else {
      c.connect[id] = t;
      c.agent[id] = a;
      g.record(a, t);
      this.events.push(t + c.handle[id], HANDLE_END, id, a);
    }
  }

  private handleEnd(id: number, a: number, t: number): void {
    const c = this.c;
    c.end[id] = t;
    c.outcome[id] = Outcome.HANDLED;
    this.activeByChannel[c.channel[id]]--;
    this.agents.live[a]--;
    this.agents.record(a, t);
    this.events.push(t + c.acw[id], ACW_END, id, a);
  }

  private acwEnd(id: number, a: number, t: number): void {
    this.c.acwEnd[id] = t;
    this.agents.slots[a]--;
    this.becameFree(a, t);
  }

  // ---------------------------------------------------------------- agents

  private errorEnd(a: number, t: number): void {
    this.agents.inError[a] = 0;
    this.becameFree(a, t);
  }

  /** Agent has no contacts left: log out, take a pending break, or take work. */
  private becameFree(a: number, t: number): void {
    const g = this.agents;
    if (g.slots[a] > 0 || g.inError[a]) {
      g.record(a, t);
      if (g.slots[a] > 0 && !g.inError[a]) {
        this.router.serveAgent(a, t);
      }
      return;
    }
    g.channel[a] = -1;
    g.idleSince[a] = t;
    if (g.logoutPending[a]) {
      g.logoutPending[a] = 0;
      g.online[a] = 0;
      g.status[a] = 1;
      g.breakPendingStatus[a] = -1;
      g.record(a, t);
      return;
    }
    if (g.breakPendingStatus[a] >= 0) {
      g.status[a] = g.breakPendingStatus[a];
      g.breakUntil[a] = t + g.breakPendingSeconds[a];
      g.breakPendingStatus[a] = -1;
      g.record(a, t);
      this.events.push(g.breakUntil[a], BREAK_END, a, g.shiftToken[a]);
      return;
    }
    g.record(a, t);
    this.router.serveAgent(a, t);
  }

  private shiftStart(a: number, t: number): void {
    const g = this.agents;
    if (g.online[a]) {
      return;
    }
    g.shiftToken[a]++;
    g.online[a] = 1;
    g.status[a] = 0;
    g.logoutPending[a] = 0;
    g.breakPendingStatus[a] = -1;
    g.idleSince[a] = t;
    g.record(a, t);
    this.router.serveAgent(a, t);
  }

  /** The shift ends: log out now if free, else once the last contact is done. */
  private shiftEnd(a: number, t: number): void {
    const g = this.agents;
    if (!g.online[a]) {
      return;
    }
    if (g.slots[a] === 0 && !g.inError[a]) {
      g.online[a] = 0;
      g.status[a] = 1;
      g.breakPendingStatus[a] = -1;
      g.shiftToken[a]++;
      g.record(a, t);
    } else {
      g.logoutPending[a] = 1;
      g.status[a] = g.status[a] >= 2 ? 0 : g.status[a];
    }
  }

  /** A break starts now if the agent is free, else once the last contact is done. */
  private breakStart(a: number, st: number, seconds: number, t: number): void {
    const g = this.agents;
    if (!g.online[a] || g.logoutPending[a] || g.status[a] >= 2) {
      return;
    }
    if (g.slots[a] === 0 && !g.inError[a]) {
      g.status[a] = st;
      g.breakUntil[a] = t + seconds;
      g.record(a, t);
      this.events.push(g.breakUntil[a], BREAK_END, a, g.shiftToken[a]);
    } else {
      g.breakPendingStatus[a] = st;
      g.breakPendingSeconds[a] = seconds;
    }
  }

  private breakEnd(a: number, token: number, t: number): void {
    const g = this.agents;
    if (!g.online[a] || token !== g.shiftToken[a] || g.status[a] < 2 || t < g.breakUntil[a]) {
      return;
    }
    g.status[a] = 0;
    g.idleSince[a] = t;
    g.record(a, t);
    this.router.serveAgent(a, t);
  }
}
