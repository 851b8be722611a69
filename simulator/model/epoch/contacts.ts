import { CHANNELS } from '../../../src/connect/channels';
import { Outcome, SUBTYPE_MIX } from '../codes';
import { Table } from '../table';
import type { Rng } from '../random';
import type { InstanceWorld } from '../../scenario/world';
import type { ContactTable } from '../epoch';

/**
 * The contacts of an epoch: one growable table whose published columns are the epoch's ContactTable, plus the
 * per-contact draws the simulation reads later (flow time, patience, handle and after-contact work, whether the
 * caller asks for a callback). All draws are made when the contact is created, from the contact's own
 * generator, so that a contact behaves the same in every epoch that sees it.
 */
const CONTACT_COLUMNS = {
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
} as const;

export type ContactColumns = Table<typeof CONTACT_COLUMNS>['cols'];

/**
 * Contacts expected over [simStart, simEnd): sizes the tables so that they rarely grow (growing copies every
 * column).
 */
export function expectedContacts(instance: InstanceWorld, simStart: number, simEnd: number): number {
  return Math.ceil(
    instance.queues.reduce((sum, q) => sum + q.channels.reduce((n, ch) => n + q.load[ch]!.perHour, 0), 0) *
      ((simEnd - simStart) / 3600) *
      0.7
  );
}

export class ContactBook {
  private readonly table: Table<typeof CONTACT_COLUMNS>;
  /** The columns; `cols` keeps its identity while the table grows (its columns are replaced). */
  readonly cols: ContactColumns;

  constructor(
    private readonly instance: InstanceWorld,
    expected: number
  ) {
    this.table = new Table(CONTACT_COLUMNS, expected);
    this.cols = this.table.cols;
  }

  get length(): number {
    return this.table.length;
  }

  /** A new contact, pending, with its draws made from `rng`. */
  add(queue: number, channel: number, arrive: number, key: number, rng: Rng, callback: boolean): number {
    const c = this.cols;
    const q = this.instance.queues[queue];
    const load = q.load[CHANNELS[channel]]!;
    const id = this.table.append();
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
  }

  /** The published columns (the simulation's private draws stay behind). */
  publish(): ContactTable {
    const packed = this.table.pack();
    return {
      count: this.table.length,
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
  }
}
