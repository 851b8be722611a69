/**
 * Units. CloudWatch, the Connect real-time API and Grafana each name units their own way;
 * every conversion between them lives here.
 */

/** Units the Connect real-time API (GetCurrentMetricData) reports. */
export type RealtimeUnit = 'COUNT' | 'SECONDS' | 'PERCENT';

/** CloudWatch standard units used by the metrics Switchboard knows. */
export type CloudWatchUnit = 'Count' | 'Seconds' | 'Milliseconds' | 'Microseconds' | 'Percent' | 'Bytes' | 'None';

/**
 * Grafana unit ids (the `unit` of a field config). `percentunit` is a 0..1 ratio shown as a percent,
 * `percent` is 0..100.
 */
export type GrafanaUnit = 'short' | 's' | 'ms' | 'µs' | 'percent' | 'percentunit' | 'bytes' | 'none';

export const REALTIME_UNIT_TO_GRAFANA: Record<RealtimeUnit, GrafanaUnit> = {
  COUNT: 'short',
  SECONDS: 's',
  PERCENT: 'percent',
};

export const CLOUDWATCH_UNIT_TO_GRAFANA: Record<CloudWatchUnit, GrafanaUnit> = {
  Count: 'short',
  Seconds: 's',
  Milliseconds: 'ms',
  Microseconds: 'µs',
  Percent: 'percent',
  Bytes: 'bytes',
  None: 'none',
};
