import type { RawSeries } from '../../model/metricSource';
import type { Series } from './series';

/**
 * Statistics of GetMetricData's MetricStat.Stat and how a period bucket of raw data points (statistic sets) is
 * reduced to one value.
 */

export type BasicStatisticName = 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount';

export type Statistic =
  { kind: 'basic'; name: BasicStatisticName } | { kind: 'percentile'; name: string; percent: number };

// Globals the hot loops use, read once: under jest (a vm context) every access to a global such as Math or Infinity
// goes through the context's interceptors and costs ~30x a local lookup; in plain Node hoisting costs nothing.
const { floor, ceil, min: minOf, max: maxOf } = Math;
const isNaNumber = Number.isNaN;
const INF = Number.POSITIVE_INFINITY;
const NOT_A_NUMBER = Number.NaN;

const BASIC = new Set<string>(['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount']);

// pNN or pNN.NN (AWS allows up to two decimals, e.g. p99.99), 0..100. Case-sensitive like CloudWatch.
const PERCENTILE = /^p(\d{1,3})(?:\.(\d{1,2}))?$/;

/** The statistic a Stat string names, or undefined for anything the simulator does not compute. */
export function parseStatistic(stat: string): Statistic | undefined {
  if (BASIC.has(stat)) {
    return { kind: 'basic', name: stat as BasicStatisticName };
  }
  const m = PERCENTILE.exec(stat);
  if (!m) {
    return undefined;
  }
  const percent = Number(m[2] === undefined ? m[1] : `${m[1]}.${m[2]}`);
  return percent >= 0 && percent <= 100 ? { kind: 'percentile', name: stat, percent } : undefined;
}

export const SUPPORTED_STATISTICS =
  'Average, Sum, Minimum, Maximum, SampleCount or a percentile (pNN or pNN.NN, 0 to 100)';

/**
 * Nearest-rank percentile of ascending `sorted` (non-empty): the smallest sample such that at least `percent` % of
 * the samples are less than or equal to it. p0 is the minimum, p100 the maximum. CloudWatch itself estimates
 * percentiles from a sketch; nearest rank gives the same answer on small exact sample sets and is easy to test.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, percent: number): number {
  const rank = ceil((percent / 100) * sorted.length);
  return sorted[minOf(sorted.length, maxOf(1, rank)) - 1];
}

/**
 * The samples of raw points [from, to) for a percentile, or undefined when they are not known: CloudWatch can only
 * give percentiles of statistic sets that carry their values, have one sample, or have min = max.
 */
function samplesOf(points: RawSeries, from: number, to: number): Float64Array | undefined {
  const { count, min, max, offsets, samples } = points;
  let n = 0;
  for (let i = from; i < to; i++) {
    const carried = offsets ? offsets[i + 1] - offsets[i] : 0;
    if (carried > 0) {
      n += carried;
    } else if (count[i] === 1 || (count[i] > 1 && min[i] === max[i])) {
      n += count[i];
    } else if (count[i] > 0) {
      return undefined;
    }
  }
  const out = new Float64Array(n);
  let k = 0;
  for (let i = from; i < to; i++) {
    const carried = offsets ? offsets[i + 1] - offsets[i] : 0;
    if (carried > 0) {
      for (let j = offsets![i]; j < offsets![i + 1]; j++) {
        out[k++] = samples![j];
      }
    } else {
      for (let c = 0; c < count[i]; c++) {
        out[k++] = min[i];
      }
    }
  }
  return out;
}

/**
 * Reduces ascending raw points to one value per period bucket. Buckets are aligned to the epoch
 * (start = floor(t / period) * period); a bucket is kept when its start is in [from, to) and it holds data.
 * The hot loop of GetMetricData: no allocation per point (percentiles allocate one array per bucket).
 */
export function aggregate(points: RawSeries, period: number, from: number, to: number, stat: Statistic): Series {
  return stat.kind === 'basic'
    ? aggregateBasic(points, period, from, to, stat.name)
    : aggregatePercentile(points, period, from, to, stat);
}

const AVERAGE = 0;
const SUM = 1;
const MINIMUM = 2;
const MAXIMUM = 3;
const SAMPLE_COUNT = 4;
const BASIC_CODE: Record<BasicStatisticName, number> = {
  Average: AVERAGE,
  Sum: SUM,
  Minimum: MINIMUM,
  Maximum: MAXIMUM,
  SampleCount: SAMPLE_COUNT,
};

function basicValue(code: number, count: number, sum: number, min: number, max: number): number {
  return code === AVERAGE ? sum / count : code === SUM ? sum : code === MINIMUM ? min : code === MAXIMUM ? max : count;
}

/**
 * One pass over the points with running accumulators, emitted when the bucket changes. (No `flush` closure: a
 * closure over the accumulators would move them out of registers.)
 */
function aggregateBasic(points: RawSeries, period: number, from: number, to: number, name: BasicStatisticName): Series {
  const code = BASIC_CODE[name];
  const timestamps: number[] = [];
  const values: number[] = [];
  const { t, count: counts, sum: sums, min: mins, max: maxes, length } = points;
  let bucket = NOT_A_NUMBER;
  let count = 0;
  let sum = 0;
  let min = INF;
  let max = -INF;
  for (let i = 0; i < length; i++) {
    const b = floor(t[i] / period) * period;
    if (b !== bucket) {
      if (count > 0 && bucket >= from) {
        timestamps.push(bucket);
        values.push(basicValue(code, count, sum, min, max));
      }
      if (b >= to) {
        return { timestamps, values };
      }
      bucket = b;
      count = 0;
      sum = 0;
      min = INF;
      max = -INF;
    }
    count += counts[i];
    sum += sums[i];
    if (mins[i] < min) {
      min = mins[i];
    }
    if (maxes[i] > max) {
      max = maxes[i];
    }
  }
  if (count > 0 && bucket >= from) {
    timestamps.push(bucket);
    values.push(basicValue(code, count, sum, min, max));
  }
  return { timestamps, values };
}

function aggregatePercentile(
  points: RawSeries,
  period: number,
  from: number,
  to: number,
  stat: Statistic & { kind: 'percentile' }
): Series {
  const timestamps: number[] = [];
  const values: number[] = [];
  const { t, length: n } = points;
  let i = 0;
  while (i < n) {
    const bucket = floor(t[i] / period) * period;
    const next = bucket + period;
    let j = i + 1;
    while (j < n && t[j] < next) {
      j++;
    }
    if (bucket >= to) {
      break;
    }
    if (bucket >= from) {
      const samples = samplesOf(points, i, j);
      if (samples && samples.length > 0) {
        samples.sort(); // typed-array sort is numeric
        timestamps.push(bucket);
        values.push(percentileOfSorted(samples, stat.percent));
      }
    }
    i = j;
  }
  return { timestamps, values };
}
