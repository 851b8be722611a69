/**
 * A binary min-heap of timed events kept in parallel typed arrays (no object per event), ordered by time and then
 * by insertion order so that simultaneous events replay identically on every run.
 */
export class EventQueue {
  private time = new Float64Array(1024);
  private seq = new Float64Array(1024);
  private type = new Int32Array(1024);
  private a = new Int32Array(1024);
  private b = new Int32Array(1024);
  private n = 0;
  private counter = 0;

  get size(): number {
    return this.n;
  }

  push(time: number, type: number, a = 0, b = 0): void {
    if (this.n === this.time.length) {
      this.grow();
    }
    let i = this.n++;
    const seq = this.counter++;
    // sift up, moving parents down instead of swapping
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.time[parent] < time || (this.time[parent] === time && this.seq[parent] < seq)) {
        break;
      }
      this.move(parent, i);
      i = parent;
    }
    this.time[i] = time;
    this.seq[i] = seq;
    this.type[i] = type;
    this.a[i] = a;
    this.b[i] = b;
  }

  /** Time of the next event (Infinity when empty). */
  peekTime(): number {
    return this.n ? this.time[0] : Infinity;
  }

  /** Removes the next event into `out` ([time, type, a, b]); false when empty. */
  pop(out: [number, number, number, number]): boolean {
    if (this.n === 0) {
      return false;
    }
    out[0] = this.time[0];
    out[1] = this.type[0];
    out[2] = this.a[0];
    out[3] = this.b[0];
    const last = --this.n;
    if (last === 0) {
      return true;
    }
    const time = this.time[last];
    const seq = this.seq[last];
    const type = this.type[last];
    const a = this.a[last];
    const b = this.b[last];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) {
        break;
      }
      const r = l + 1;
      let m = l;
      if (r < last && (this.time[r] < this.time[l] || (this.time[r] === this.time[l] && this.seq[r] < this.seq[l]))) {
        m = r;
      }
      if (time < this.time[m] || (time === this.time[m] && seq < this.seq[m])) {
        break;
      }
      this.move(m, i);
      i = m;
    }
    this.time[i] = time;
    this.seq[i] = seq;
    this.type[i] = type;
    this.a[i] = a;
    this.b[i] = b;
    return true;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from];
    this.seq[to] = this.seq[from];
    this.type[to] = this.type[from];
    this.a[to] = this.a[from];
    this.b[to] = this.b[from];
  }

  private grow(): void {
    const size = this.time.length * 2;
    const g = <T extends Float64Array | Int32Array>(arr: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(arr);
      return next;
    };
    this.time = g(this.time, (n) => new Float64Array(n));
    this.seq = g(this.seq, (n) => new Float64Array(n));
    this.type = g(this.type, (n) => new Int32Array(n));
    this.a = g(this.a, (n) => new Int32Array(n));
    this.b = g(this.b, (n) => new Int32Array(n));
  }
}
