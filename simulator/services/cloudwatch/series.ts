/**
 * A computed time series: parallel arrays, timestamps (epoch seconds) strictly ascending. Two plain arrays instead
 * of an array of point objects, so that 500 queries x 1,440 points allocate two arrays per query, not 720,000
 * objects.
 */
export interface Series {
  timestamps: number[];
  values: number[];
}

export const emptySeries = (): Series => ({ timestamps: [], values: [] });

/** Index of the first timestamp >= t (timestamps ascending); `timestamps.length` when there is none. */
export function lowerBound(timestamps: readonly number[], t: number): number {
  let lo = 0;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timestamps[mid] < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Index of the first timestamp > t (timestamps ascending). */
export function upperBound(timestamps: readonly number[], t: number): number {
  let lo = 0;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timestamps[mid] <= t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
