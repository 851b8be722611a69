import type { RawDatapoint } from '../metricSource';
import { Rng, hashString } from '../random';

/** A counter data point (one sample: the count), or nothing for a zero count - Connect only sends activity. */
export function countPoint(t: number, n: number): RawDatapoint | undefined {
  return n > 0 ? { t, sampleCount: 1, sum: n, min: n, max: n } : undefined;
}

/** A gauge data point from one sample. */
export function valuePoint(t: number, v: number): RawDatapoint {
  return { t, sampleCount: 1, sum: v, min: v, max: v };
}

/** A data point from several samples of one bucket. */
export function samplesPoint(t: number, values: number[]): RawDatapoint {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
  }
  return { t, sampleCount: values.length, sum, min, max, values };
}

/** A Poisson count for an event stream in one minute, the same every time it is asked for. */
export function poissonAt(seed: number, stream: string, minute: number, mean: number): number {
  return mean > 0 ? Rng.of(seed, hashString(stream), minute).poisson(mean) : 0;
}

/** Calls `fn` for every bucket start in [start, end) at the given resolution. */
export function eachBucket(start: number, end: number, resolution: number, fn: (t: number) => void): void {
  for (let t = Math.ceil(start / resolution) * resolution; t < end; t += resolution) {
    fn(t);
  }
}
