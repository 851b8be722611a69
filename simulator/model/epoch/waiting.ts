import { Table } from '../table';
import type { ContactColumns } from './contacts';

/**
 * The queues' waiting lines and the queue intervals they leave behind. A line per queue slot (queue * 4 +
 * channel) holds contact ids in enqueue order; contacts that leave are only flagged, and a head index skips
 * them, so leaving is O(1) and the line is compacted now and then.
 */
export class WaitingLines {
  private readonly lines: number[][];
  private readonly heads: Int32Array;
  /** Per contact: 1 while waiting. Grown when callbacks add contacts during the run. */
  private flags: Uint8Array;
  /** Per contact: the row of its open queue interval, or -1. */
  private openInterval: Int32Array;
  /** Contacts waiting, per queue. */
  readonly countByQueue: Int32Array;
  readonly intervals: Table<{ contact: 'i32'; start: 'f64'; end: 'f64' }>;

  constructor(
    private readonly c: ContactColumns,
    queues: number,
    contacts: number,
    expected: number
  ) {
    this.intervals = new Table({ contact: 'i32', start: 'f64', end: 'f64' }, expected);
    this.lines = Array.from({ length: queues * 4 }, () => []);
    this.heads = new Int32Array(queues * 4);
    this.flags = new Uint8Array(contacts + 1024);
    this.openInterval = new Int32Array(contacts + 1024).fill(-1);
    this.countByQueue = new Int32Array(queues);
  }

  isWaiting(id: number): boolean {
    return this.flags[id] === 1;
  }

  /** Makes room for a contact created during the run. */
  grow(id: number): void {
    if (id >= this.flags.length) {
      const size = Math.max(id + 1, this.flags.length * 2);
      const flags = new Uint8Array(size);
      flags.set(this.flags);
      this.flags = flags;
      const open = new Int32Array(size).fill(-1);
      open.set(this.openInterval);
      this.openInterval = open;
    }
  }

  start(id: number, t: number): void {
    const c = this.c;
    this.grow(id);
    const slot = c.queue[id] * 4 + c.channel[id];
    const list = this.lines[slot];
    // Enqueue order is by original enqueue time: a missed contact goes back ahead of younger ones.
    let pos = list.length;
    const enq = c.enqueue[id];
    const head = this.heads[slot];
    while (pos > head && c.enqueue[list[pos - 1]] > enq) {
      pos--;
    }
    list.splice(pos, 0, id);
    this.flags[id] = 1;
    this.countByQueue[c.queue[id]]++;
    const row = this.intervals.append();
    this.openInterval[id] = row;
    const iv = this.intervals.cols;
    iv.contact[row] = id;
    iv.start[row] = t;
    iv.end[row] = Infinity;
  }

  stop(id: number, t: number): void {
    this.flags[id] = 0;
    this.countByQueue[this.c.queue[id]]--;
    const k = this.openInterval[id];
    if (k >= 0) {
      this.intervals.cols.end[k] = t;
      this.openInterval[id] = -1;
    }
  }

  /** The contact at the head of a slot's line, or -1. */
  head(slot: number): number {
    const list = this.lines[slot];
    let h = this.heads[slot];
    while (h < list.length && !this.flags[list[h]]) {
      h++;
    }
    this.heads[slot] = h;
    if (h > 4096 && h * 2 > list.length) {
      list.splice(0, h);
      this.heads[slot] = 0;
      h = 0;
    }
    return h < list.length ? list[h] : -1;
  }
}
