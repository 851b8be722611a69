/**
 * The contract between the contact-center model and the CloudWatch service: the model says which metrics exist
 * and what their raw data points are; the CloudWatch layer does periods, statistics, math, labels and paging.
 */

export interface Dimension {
  Name: string;
  Value: string;
}

export interface MetricIdentity {
  namespace: string;
  metricName: string;
  /** The exact dimension set the metric is published with (order as published). */
  dimensions: Dimension[];
}

/**
 * Raw data points of one metric at its native resolution (60 s; 10 s for ToInstancePacketLossRate), each a
 * statistic set, in columns: a day of 500 queues is 720,000 points, and one object per point costs more than
 * all of the statistics. Point i is (t[i], count[i], sum[i], min[i], max[i]); when its individual samples are
 * known (for percentiles) they are samples[offsets[i] .. offsets[i + 1]).
 */
export interface RawSeries {
  length: number;
  /** Start of each bucket, epoch seconds, ascending. */
  t: Float64Array;
  count: Float64Array;
  sum: Float64Array;
  min: Float64Array;
  max: Float64Array;
  samples?: Float64Array;
  offsets?: Int32Array;
}

/** One raw data point as an object: for tests and small sources. */
export interface RawDatapoint {
  t: number;
  sampleCount: number;
  sum: number;
  min: number;
  max: number;
  values?: number[];
}

export interface MetricSource {
  /** Every metric (with its dimension set) in the region that has data at or after `activeSinceSeconds`. */
  list(region: string, activeSinceSeconds: number): MetricIdentity[];
  /**
   * The raw data points of one metric with startSeconds <= t < endSeconds, ascending. Buckets without data are
   * absent; an unknown metric or dimension set gives an empty series. Data older than the namespace's retention
   * is gone, and nothing is returned after the simulator's "now".
   */
  series(region: string, metric: MetricIdentity, startSeconds: number, endSeconds: number): RawSeries;
  /** The native resolution of a metric in seconds (60, or 10 for ToInstancePacketLossRate). */
  resolution(metric: MetricIdentity): number;
}

/** Builds a RawSeries point by point without an object per point. */
export class RawSeriesBuilder {
  private n = 0;
  private t: Float64Array;
  private count: Float64Array;
  private sum: Float64Array;
  private min: Float64Array;
  private max: Float64Array;
  private samples?: Float64Array;
  private offsets?: Int32Array;
  private sampleCount = 0;

  constructor(capacity: number) {
    const size = Math.max(1, capacity);
    this.t = new Float64Array(size);
    this.count = new Float64Array(size);
    this.sum = new Float64Array(size);
    this.min = new Float64Array(size);
    this.max = new Float64Array(size);
  }

  /** A point of one sample. */
  value(t: number, v: number): void {
    this.add(t, 1, v, v, v);
  }

  /** A point from a statistic set. */
  add(t: number, count: number, sum: number, min: number, max: number): void {
    if (this.n === this.t.length) {
      this.grow();
    }
    const i = this.n++;
    this.t[i] = t;
    this.count[i] = count;
    this.sum[i] = sum;
    this.min[i] = min;
    this.max[i] = max;
    if (this.offsets) {
      this.offsets[i + 1] = this.sampleCount;
    }
  }

  /** A point from its individual samples (kept for percentiles). */
  addSamples(t: number, values: ArrayLike<number>): void {
    if (values.length === 0) {
      return;
    }
    if (!this.offsets) {
      this.offsets = new Int32Array(this.t.length + 1);
      this.samples = new Float64Array(Math.max(16, this.t.length * values.length));
      // earlier points carried no samples: empty ranges
    }
    let sum = 0;
    let min = values[0];
    let max = values[0];
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      sum += v;
      if (v < min) {
        min = v;
      }
      if (v > max) {
        max = v;
      }
      if (this.sampleCount === this.samples!.length) {
        const bigger = new Float64Array(this.samples!.length * 2);
        bigger.set(this.samples!);
        this.samples = bigger;
      }
      this.samples![this.sampleCount++] = v;
    }
    this.add(t, values.length, sum, min, max);
  }

  build(): RawSeries {
    const n = this.n;
    return {
      length: n,
      t: this.t.subarray(0, n),
      count: this.count.subarray(0, n),
      sum: this.sum.subarray(0, n),
      min: this.min.subarray(0, n),
      max: this.max.subarray(0, n),
      ...(this.offsets
        ? { samples: this.samples!.subarray(0, this.sampleCount), offsets: this.offsets.subarray(0, n + 1) }
        : {}),
    };
  }

  private grow(): void {
    const size = this.t.length * 2;
    const g = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.t = g(this.t);
    this.count = g(this.count);
    this.sum = g(this.sum);
    this.min = g(this.min);
    this.max = g(this.max);
    if (this.offsets) {
      const o = new Int32Array(size + 1);
      o.set(this.offsets);
      this.offsets = o;
    }
  }
}

export const EMPTY_SERIES: RawSeries = new RawSeriesBuilder(1).build();

/** A series from point objects (tests, small sources). */
export function seriesFromPoints(points: readonly RawDatapoint[]): RawSeries {
  const b = new RawSeriesBuilder(points.length);
  for (const p of points) {
    if (p.values && p.values.length > 0) {
      b.addSamples(p.t, p.values);
    } else {
      b.add(p.t, p.sampleCount, p.sum, p.min, p.max);
    }
  }
  return b.build();
}

/** Point objects from a series (tests and debugging). */
export function pointsOf(s: RawSeries): RawDatapoint[] {
  return Array.from({ length: s.length }, (_, i) => {
    const p: RawDatapoint = { t: s.t[i], sampleCount: s.count[i], sum: s.sum[i], min: s.min[i], max: s.max[i] };
    if (s.offsets && s.samples && s.offsets[i + 1] > s.offsets[i]) {
      p.values = Array.from(s.samples.subarray(s.offsets[i], s.offsets[i + 1]));
    }
    return p;
  });
}
