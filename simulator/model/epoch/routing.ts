import type { EventQueue } from '../eventQueue';
import { Rng } from '../random';
import { Table } from '../table';
import type { InstanceWorld } from '../../scenario/world';
import type { AgentStates } from './agentStates';
import type { ContactColumns } from './contacts';
import { OFFER_END } from './events';
import type { RoutingTables } from './routingTables';
import type { WaitingLines } from './waiting';

const MISS_RING_SECONDS = 20; // Connect: a contact not accepted within 20 s is missed

const OFFER_COLUMNS = { agent: 'i32', contact: 'i32', offer: 'f64', ringEnd: 'f64', missed: 'u8' } as const;
export type OfferTable = Table<typeof OFFER_COLUMNS>;

/**
 * Connect's routing: which waiting contact goes to which agent, and the offer (the ring, accepted or missed)
 * that follows. Routing runs from both sides: when a contact enters a queue (to the agent idle the longest)
 * and when an agent becomes free (the best waiting contact of its routing profile). Kept apart from the event
 * loop because it is the one policy a reader may want to change without touching the lifecycle of contacts.
 */
export class Router {
  readonly offers: OfferTable;
  // The agent arrays canTake reads on every routing decision, held directly (never replaced by AgentStates).
  private readonly online: Uint8Array;
  private readonly inError: Uint8Array;
  private readonly status: Uint8Array;
  private readonly logoutPending: Uint8Array;
  private readonly breakPendingStatus: Int16Array;
  private readonly agentChannel: Int16Array;
  private readonly slots: Uint8Array;
  private readonly agentConc: Int8Array;

  constructor(
    private readonly seed: number,
    private readonly instance: InstanceWorld,
    private readonly c: ContactColumns,
    private readonly agents: AgentStates,
    private readonly waiting: WaitingLines,
    private readonly tables: RoutingTables,
    private readonly events: EventQueue,
    expected: number
  ) {
    this.offers = new Table(OFFER_COLUMNS, expected);
    this.online = agents.online;
    this.inError = agents.inError;
    this.status = agents.status;
    this.logoutPending = agents.logoutPending;
    this.breakPendingStatus = agents.breakPendingStatus;
    this.agentChannel = agents.channel;
    this.slots = agents.slots;
    this.agentConc = tables.agentConc;
  }

  canTake(a: number, ch: number): boolean {
    if (
      !this.online[a] ||
      this.inError[a] ||
      this.status[a] !== 0 ||
      this.logoutPending[a] ||
      this.breakPendingStatus[a] >= 0
    ) {
      return false;
    }
    const conc = this.agentConc[a * 4 + ch];
    const channel = this.agentChannel[a];
    return conc > 0 && (channel < 0 || (channel === ch && this.slots[a] < conc));
  }

  /** Rings agent a with contact id: the contact leaves the queue; OFFER_END says whether it was accepted. */
  offer(a: number, id: number, t: number): void {
    const c = this.c;
    const g = this.agents;
    this.waiting.stop(id, t);
    const ch = c.channel[id];
    const rng = Rng.of(this.seed, c.key[id], c.misses[id] + 1);
    const missed = rng.chance(this.instance.missProbability);
    const ring = missed ? MISS_RING_SECONDS : ch === 0 ? rng.uniform(2, 8) : rng.uniform(1, 4);
    g.channel[a] = ch;
    g.slots[a]++;
    g.live[a]++;
    const row = this.offers.append();
    const offers = this.offers.cols;
    offers.agent[row] = a;
    offers.contact[row] = id;
    offers.offer[row] = t;
    offers.ringEnd[row] = t + ring;
    offers.missed[row] = missed ? 1 : 0;
    g.record(a, t);
    this.events.push(t + ring, OFFER_END, id, a * 2 + (missed ? 1 : 0));
  }

  /** Routes the best waiting contact(s) to an agent who just became free. */
  serveAgent(a: number, t: number): void {
    const c = this.c;
    const { slots: rpQueueSlots, priorities } = this.tables.rpSlots[this.tables.agentRp[a]];
    for (;;) {
      let best = -1;
      let bestPriority = Infinity;
      let bestEnqueue = Infinity;
      for (let k = 0; k < rpQueueSlots.length; k++) {
        const slot = rpQueueSlots[k];
        if (!this.canTake(a, slot & 3)) {
          continue;
        }
        const id = this.waiting.head(slot);
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
      this.offer(a, best, t);
    }
  }

  /** Routes a contact that just entered the queue to the agent idle the longest, if any can take it. */
  serveContact(id: number, t: number): void {
    const c = this.c;
    const idleSince = this.agents.idleSince;
    const ch = c.channel[id];
    const slot = c.queue[id] * 4 + ch;
    const candidates = this.tables.slotAgents[slot];
    let best = -1;
    for (let k = 0; k < candidates.length; k++) {
      const a = candidates[k];
      if (this.canTake(a, ch) && (best < 0 || idleSince[a] < idleSince[best])) {
        best = a;
      }
    }
    if (best >= 0 && this.waiting.head(slot) === id) {
      this.offer(best, id, t);
    }
  }
}
