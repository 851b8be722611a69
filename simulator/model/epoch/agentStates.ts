import { AgentState } from '../codes';
import { Table } from '../table';

const SEGMENT_COLUMNS = {
  agent: 'i32',
  t: 'f64',
  state: 'u8',
  status: 'u8',
  channel: 'u8',
  slots: 'u8',
  live: 'u8',
} as const;

export type SegmentTable = Table<typeof SEGMENT_COLUMNS>;

/**
 * What every agent is doing right now (online, status, contacts on them, pending log-out or break), kept in
 * typed arrays indexed by agent, and the timeline of it: `record` appends a segment whenever an agent's
 * situation changes. The loop mutates the arrays directly and calls `record` after each change, which keeps the
 * hot path free of per-agent objects.
 */
export class AgentStates {
  readonly online: Uint8Array;
  /** Index into instance.statuses: Available 0, Offline 1, custom statuses 2.. */
  readonly status: Uint8Array;
  /** Recovering from a missed contact. */
  readonly inError: Uint8Array;
  /** The shift ended while the agent was busy: log out once free. */
  readonly logoutPending: Uint8Array;
  /** A break came while the agent was busy: take it once free (-1 when none). */
  readonly breakPendingStatus: Int16Array;
  readonly breakPendingSeconds: Float64Array;
  readonly breakUntil: Float64Array;
  /** Channel index of the agent's contacts, or -1 when none. */
  readonly channel: Int16Array;
  /** Contacts on the agent (ringing, connected or in after-contact work). */
  readonly slots: Uint8Array;
  /** Contacts ringing or connected. */
  readonly live: Uint8Array;
  readonly idleSince: Float64Array;
  /** Invalidates stale shift/break events. */
  readonly shiftToken: Int32Array;
  readonly segments: SegmentTable;
  private readonly lastSegment: Int32Array;

  constructor(
    readonly count: number,
    simStart: number
  ) {
    this.segments = new Table(SEGMENT_COLUMNS, count * 64);
    this.lastSegment = new Int32Array(count).fill(-1);
    this.online = new Uint8Array(count);
    this.status = new Uint8Array(count).fill(1); // Offline
    this.inError = new Uint8Array(count);
    this.logoutPending = new Uint8Array(count);
    this.breakPendingStatus = new Int16Array(count).fill(-1);
    this.breakPendingSeconds = new Float64Array(count);
    this.breakUntil = new Float64Array(count);
    this.channel = new Int16Array(count).fill(-1);
    this.slots = new Uint8Array(count);
    this.live = new Uint8Array(count);
    this.idleSince = new Float64Array(count);
    this.shiftToken = new Int32Array(count);
    for (let a = 0; a < count; a++) {
      this.record(a, simStart);
    }
  }

  stateOf(a: number): number {
    if (!this.online[a]) {
      return AgentState.OFFLINE;
    }
    if (this.inError[a]) {
      return AgentState.ERROR;
    }
    if (this.live[a] > 0) {
      return AgentState.ON_CONTACT;
    }
    if (this.slots[a] > 0) {
      return AgentState.ACW;
    }
    if (this.status[a] >= 2) {
      return AgentState.NPT;
    }
    return AgentState.AVAILABLE;
  }

  /** Records the agent's situation at t: a new timeline segment, unless nothing changed. */
  record(a: number, t: number): void {
    const seg = this.segments.cols;
    const k = this.lastSegment[a];
    const state = this.stateOf(a);
    const ch = this.channel[a] < 0 ? 255 : this.channel[a];
    if (
      k >= 0 &&
      seg.state[k] === state &&
      seg.status[k] === this.status[a] &&
      seg.channel[k] === ch &&
      seg.slots[k] === this.slots[a] &&
      seg.live[k] === this.live[a]
    ) {
      return;
    }
    const row = k >= 0 && seg.t[k] === t ? k : this.segments.append();
    // append() may have replaced the columns
    const cols = this.segments.cols;
    cols.agent[row] = a;
    cols.t[row] = t;
    cols.state[row] = state;
    cols.status[row] = this.status[a];
    cols.channel[row] = ch;
    cols.slots[row] = this.slots[a];
    cols.live[row] = this.live[a];
    this.lastSegment[a] = row;
  }
}
