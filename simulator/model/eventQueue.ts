/**
 * A binary min-heap of timed events kept in parallel arrays (no object per event), ordered by time and then by
 * insertion order so that simultaneous events replay identically on every run.
 */
export class EventQueue {
  private time: number[] = [];
  private seq: number[] = [];
  private type: number[] = [];
  private a: number[] = [];
  private b: number[] = [];
  private counter = 0;

  get size(): number {
    return this.time.length;
  }

  push(time: number, type: number, a = 0, b = 0): void {
    let i = this.time.length;
    this.time.push(time);
    this.seq.push(this.counter++);
    this.type.push(type);
    this.a.push(a);
    this.b.push(b);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) {
        break;
      }
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Time of the next event (Infinity when empty). */
  peekTime(): number {
    return this.time.length ? this.time[0] : Infinity;
  }

  /** Removes the next event into `out` ([time, type, a, b]); false when empty. */
  pop(out: [number, number, number, number]): boolean {
    const n = this.time.length;
    if (n === 0) {
      return false;
    }
    out[0] = this.time[0];
    out[1] = this.type[0];
    out[2] = this.a[0];
    out[3] = this.b[0];
    const last = n - 1;
    if (last > 0) {
      this.time[0] = this.time[last];
      this.seq[0] = this.seq[last];
      this.type[0] = this.type[last];
      this.a[0] = this.a[last];
      this.b[0] = this.b[last];
    }
    this.time.pop();
    this.seq.pop();
    this.type.pop();
    this.a.pop();
    this.b.pop();
    let i = 0;
    const size = this.time.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && this.less(l, m)) {
        m = l;
      }
      if (r < size && this.less(r, m)) {
        m = r;
      }
      if (m === i) {
        break;
      }
      this.swap(i, m);
      i = m;
    }
    return true;
  }

  private less(i: number, j: number): boolean {
    return this.time[i] < this.time[j] || (this.time[i] === this.time[j] && this.seq[i] < this.seq[j]);
  }

  private swap(i: number, j: number): void {
    let t = this.time[i];
    this.time[i] = this.time[j];
    this.time[j] = t;
    t = this.seq[i];
    this.seq[i] = this.seq[j];
    this.seq[j] = t;
    t = this.type[i];
    this.type[i] = this.type[j];
    this.type[j] = t;
    t = this.a[i];
    this.a[i] = this.a[j];
    this.a[j] = t;
    t = this.b[i];
    this.b[i] = this.b[j];
    this.b[j] = t;
  }
}
