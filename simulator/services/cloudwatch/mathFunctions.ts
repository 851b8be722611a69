import { emptySeries, type Series } from './series';

/**
 * Metric math on time series, as the CloudWatch User Guide ("Use metric math") defines it. Pure functions over
 * ascending series; a result point that is not a finite number (division by zero, log of 0) is dropped, as
 * CloudWatch drops it.
 *
 * Missing values: "Missing values in a time series are treated as 0" for arithmetic and for AVG of an array, and
 * for comparison operators ("treats the missing value in the other time series as 0"). So two series combine over
 * the union of their timestamps, a side without a point counting as 0 (the point exists when at least one side
 * has it). MIN and MAX of an array take the values present at each timestamp (the guide does not make them 0).
 */

// Read once: global lookups are slow inside jest's vm context (see statistics.ts).
const isFiniteNumber = Number.isFinite;

function push(out: Series, t: number, v: number): void {
  if (isFiniteNumber(v)) {
    out.timestamps.push(t);
    out.values.push(v);
  }
}

const valuesByTime = (s: Series): Map<number, number> => new Map(s.timestamps.map((t, i) => [t, s.values[i]]));

/** f applied point by point. */
export function mapSeries(s: Series, f: (v: number, t: number) => number): Series {
  const out = emptySeries();
  for (let i = 0; i < s.timestamps.length; i++) {
    push(out, s.timestamps[i], f(s.values[i], s.timestamps[i]));
  }
  return out;
}

/** f over the union of timestamps, a missing side as 0. */
export function combineSeries(a: Series, b: Series, f: (x: number, y: number) => number): Series {
  const out = emptySeries();
  const at = a.timestamps;
  const bt = b.timestamps;
  let i = 0;
  let j = 0;
  while (i < at.length || j < bt.length) {
    if (j >= bt.length || (i < at.length && at[i] < bt[j])) {
      push(out, at[i], f(a.values[i], 0));
      i++;
    } else if (i >= at.length || bt[j] < at[i]) {
      push(out, bt[j], f(0, b.values[j]));
      j++;
    } else {
      push(out, at[i], f(a.values[i], b.values[j]));
      i++;
      j++;
    }
  }
  return out;
}

/** The ascending union of the timestamps of several series. */
export function unionTimestamps(all: readonly Series[]): number[] {
  const set = new Set<number>();
  for (const s of all) {
    for (const t of s.timestamps) {
      set.add(t);
    }
  }
  return [...set].sort((x, y) => x - y);
}

export type Reducer = 'SUM' | 'AVG' | 'MIN' | 'MAX' | 'DATAPOINT_COUNT';

/**
 * A function of an array of time series, one series out: at each timestamp any series has, SUM adds the values
 * present, AVG divides that sum by the number of series (missing values count as 0), MIN and MAX take the values
 * present, DATAPOINT_COUNT counts them. An empty array gives an empty series.
 */
export function reduceArray(all: readonly Series[], reducer: Reducer): Series {
  const out = emptySeries();
  const cursors = all.map(() => 0);
  for (const t of unionTimestamps(all)) {
    let sum = 0;
    let count = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    all.forEach((s, k) => {
      const i = cursors[k];
      if (i < s.timestamps.length && s.timestamps[i] === t) {
        const v = s.values[i];
        sum += v;
        count++;
        min = Math.min(min, v);
        max = Math.max(max, v);
        cursors[k] = i + 1;
      }
    });
    const value =
      reducer === 'SUM'
        ? sum
        : reducer === 'AVG'
          ? sum / all.length
          : reducer === 'MIN'
            ? min
            : reducer === 'MAX'
              ? max
              : count;
    push(out, t, value);
  }
  return out;
}

/**
 * The same functions of one time series give a scalar over all its points: SUM, AVG (mean), MIN, MAX, and
 * DATAPOINT_COUNT. Of an empty series: SUM and DATAPOINT_COUNT 0, the others NaN (no value, dropped wherever used).
 */
export function reduceSeries(s: Series, reducer: Reducer): number {
  const vs = s.values;
  switch (reducer) {
    case 'SUM':
      return vs.reduce((a, v) => a + v, 0);
    case 'AVG':
      return vs.length ? vs.reduce((a, v) => a + v, 0) / vs.length : Number.NaN;
    case 'MIN':
      // A loop, not Math.min(...vs): a series can hold more values than a call can take arguments.
      return vs.length ? vs.reduce((a, v) => (v < a ? v : a), Number.POSITIVE_INFINITY) : Number.NaN;
    case 'MAX':
      return vs.length ? vs.reduce((a, v) => (v > a ? v : a), Number.NEGATIVE_INFINITY) : Number.NaN;
    case 'DATAPOINT_COUNT':
      return vs.length;
  }
}

export type Filler = number | Series | 'REPEAT' | 'LINEAR';

/**
 * FILL: every timestamp of `grid` (the buckets of the request at the series' period) that has no value gets one:
 * a constant; the value of another series at that timestamp (when it has one); REPEAT, the last value before the
 * gap; LINEAR, the straight line between the values either side of the gap. A gap before the first value (REPEAT,
 * LINEAR) or after the last (LINEAR) has nothing to fill from and stays empty.
 */
export function fill(s: Series, grid: readonly number[], filler: Filler): Series {
  const own = valuesByTime(s);
  const all = unionTimestamps([s, { timestamps: [...grid], values: [] }]);
  const fillerValues = typeof filler === 'object' ? valuesByTime(filler) : undefined;
  // For LINEAR: the first timestamp at or after each position that has a value of its own.
  const nextOwn: Array<number | undefined> = new Array<number | undefined>(all.length + 1);
  for (let k = all.length - 1; k >= 0; k--) {
    nextOwn[k] = own.has(all[k]) ? all[k] : nextOwn[k + 1];
  }
  const out = emptySeries();
  let last: { t: number; v: number } | undefined;
  for (let k = 0; k < all.length; k++) {
    const t = all[k];
    const v = own.get(t);
    if (v !== undefined) {
      push(out, t, v);
      last = { t, v };
      continue;
    }
    if (typeof filler === 'number') {
      push(out, t, filler);
    } else if (fillerValues) {
      const f = fillerValues.get(t);
      if (f !== undefined) {
        push(out, t, f);
      }
    } else if (filler === 'REPEAT') {
      if (last) {
        push(out, t, last.v);
      }
    } else {
      const next = nextOwn[k + 1];
      if (last && next !== undefined) {
        const nv = own.get(next)!;
        push(out, t, last.v + ((nv - last.v) * (t - last.t)) / (next - last.t));
      }
    }
  }
  return out;
}

/** IF's value branches: a scalar, a series, or nothing (IF(cond, a) drops the false points). */
export type Branch = number | Series | undefined;

/**
 * IF(condition series, a, b), point by point over the condition's timestamps (a condition point that is missing
 * gives no point): a true (non-zero) condition takes a, or 0 where series a has no value; a false one takes b,
 * and the point is dropped where series b has no value or b was left out.
 */
export function ifSeries(cond: Series, a: Exclude<Branch, undefined>, b: Branch): Series {
  const aValues = typeof a === 'number' ? undefined : valuesByTime(a);
  const bValues = b === undefined || typeof b === 'number' ? undefined : valuesByTime(b);
  const out = emptySeries();
  cond.timestamps.forEach((t, i) => {
    if (cond.values[i] !== 0) {
      push(out, t, typeof a === 'number' ? a : (aValues!.get(t) ?? 0));
    } else if (b !== undefined) {
      const v = typeof b === 'number' ? b : bValues!.get(t);
      if (v !== undefined) {
        push(out, t, v);
      }
    }
  });
  return out;
}

/** Between each point and the one before it: the first point has none and is dropped. */
function consecutive(s: Series, f: (v: number, prev: number, dt: number) => number): Series {
  const out = emptySeries();
  for (let i = 1; i < s.timestamps.length; i++) {
    push(out, s.timestamps[i], f(s.values[i], s.values[i - 1], s.timestamps[i] - s.timestamps[i - 1]));
  }
  return out;
}

/** RATE: change per second, (value - previous value) / (seconds between them). */
export const rate = (s: Series): Series => consecutive(s, (v, prev, dt) => (v - prev) / dt);

/** DIFF: value - previous value. */
export const diff = (s: Series): Series => consecutive(s, (v, prev) => v - prev);

/** DIFF_TIME: seconds since the previous value. */
export const diffTime = (s: Series): Series => consecutive(s, (_v, _prev, dt) => dt);

/** RUNNING_SUM: the sum of the values so far. */
export function runningSum(s: Series): Series {
  let total = 0;
  return mapSeries(s, (v) => (total += v));
}
