/**
 * The simulator's clock. By default it follows real time; tests freeze it or move it forward so that
 * "now" (what GetCurrentMetricData shows, where CloudWatch history ends, when a NextToken expires)
 * changes without sleeping.
 */
export interface ClockState {
  mode: 'real' | 'frozen';
  /** The simulated time now, ms since the Unix epoch. */
  nowMs: number;
  /** Simulated minus real time, ms (mode real). */
  offsetMs: number;
}

export class Clock {
  private mode: 'real' | 'frozen' = 'real';
  private offsetMs = 0;
  private frozenAtMs = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  nowMs(): number {
    return this.mode === 'frozen' ? this.frozenAtMs : this.realNow() + this.offsetMs;
  }

  nowSeconds(): number {
    return this.nowMs() / 1000;
  }

  /** Stop time at `atMs` (default: the current simulated time). */
  freeze(atMs: number = this.nowMs()): void {
    this.frozenAtMs = atMs;
    this.mode = 'frozen';
  }

  /** Let time run again from the current simulated instant. */
  resume(): void {
    const now = this.nowMs();
    this.mode = 'real';
    this.offsetMs = now - this.realNow();
  }

  /** Jump to an instant, keeping the mode. */
  set(atMs: number): void {
    if (this.mode === 'frozen') {
      this.frozenAtMs = atMs;
    } else {
      this.offsetMs = atMs - this.realNow();
    }
  }

  advance(ms: number): void {
    this.set(this.nowMs() + ms);
  }

  state(): ClockState {
    return { mode: this.mode, nowMs: this.nowMs(), offsetMs: this.mode === 'real' ? this.offsetMs : 0 };
  }
}
