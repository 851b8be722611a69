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
 * One raw data point at the metric's native resolution (60 s; 10 s for ToInstancePacketLossRate), as a
 * statistic set. `values` holds the individual samples when the point aggregates several (for percentiles).
 */
export interface RawDatapoint {
  /** Start of the bucket, epoch seconds. */
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
   * absent; an unknown metric or dimension set gives []. Data older than the namespace's retention is gone, and
   * nothing is returned after the simulator's "now".
   */
  series(region: string, metric: MetricIdentity, startSeconds: number, endSeconds: number): RawDatapoint[];
  /** The native resolution of a metric in seconds (60, or 10 for ToInstancePacketLossRate). */
  resolution(metric: MetricIdentity): number;
}
