/**
 * A growable table of typed-array columns: the simulation appends rows (contacts, agent segments, queue
 * intervals) without boxing numbers in JS arrays, and hands out trimmed views when it is done.
 */
export type ColumnKind = 'f64' | 'i32' | 'u8';
type ArrayOf<K extends ColumnKind> = K extends 'f64' ? Float64Array : K extends 'i32' ? Int32Array : Uint8Array;
export type Columns<S extends Record<string, ColumnKind>> = { [C in keyof S]: ArrayOf<S[C]> };

const make = (kind: ColumnKind, n: number) =>
  kind === 'f64' ? new Float64Array(n) : kind === 'i32' ? new Int32Array(n) : new Uint8Array(n);

export class Table<S extends Record<string, ColumnKind>> {
  length = 0;
  /** The columns; reassigned when the table grows, so read them through `cols` rather than keeping them. */
  readonly cols: Columns<S>;

  constructor(
    private readonly spec: S,
    capacity = 1024
  ) {
    this.cols = {} as Columns<S>;
    for (const name of Object.keys(spec) as Array<keyof S>) {
      (this.cols as Record<keyof S, unknown>)[name] = make(spec[name], Math.max(16, capacity));
    }
  }

  /** Appends an empty row and returns its index. */
  append(): number {
    const first = this.cols[Object.keys(this.spec)[0] as keyof S] as { length: number };
    if (this.length === first.length) {
      for (const name of Object.keys(this.spec) as Array<keyof S>) {
        const old = this.cols[name] as Float64Array;
        const next = make(this.spec[name], old.length * 2) as Float64Array;
        next.set(old);
        (this.cols as Record<keyof S, unknown>)[name] = next;
      }
    }
    return this.length++;
  }

  /** Compact copies of the columns, sized to the rows (the growth slack is released). */
  pack(): Columns<S> {
    const out = {} as Columns<S>;
    for (const name of Object.keys(this.spec) as Array<keyof S>) {
      (out as Record<keyof S, unknown>)[name] = (this.cols[name] as Float64Array).slice(0, this.length);
    }
    return out;
  }
}

/**
 * Groups rows by an owner (e.g. agent) keeping their order: returns offsets such that the rows of owner k are
 * order[offsets[k] .. offsets[k + 1]).
 */
export function groupBy(owner: Int32Array, length: number, owners: number): { offsets: Int32Array; order: Int32Array } {
  const offsets = new Int32Array(owners + 1);
  for (let i = 0; i < length; i++) {
    offsets[owner[i] + 1]++;
  }
  for (let k = 0; k < owners; k++) {
    offsets[k + 1] += offsets[k];
  }
  const cursor = offsets.slice(0, owners);
  const order = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    order[cursor[owner[i]]++] = i;
  }
  return { offsets, order };
}
