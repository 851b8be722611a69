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
export type GrafanaUnit = 'short' | 'locale' | 's' | 'ms' | 'µs' | 'percent' | 'percentunit' | 'bytes' | 'none';

export const REALTIME_UNIT_TO_GRAFANA: Record<RealtimeUnit, GrafanaUnit> = {
  COUNT: 'short',
  SECONDS: 's',
  PERCENT: 'percent',
};

/**
 * Historical metrics' units: as real-time, but a day's counts run into thousands and are shown whole ("1,412",
 * Grafana's `locale`), where `short` would round them to "1 K".
 */
export const HISTORICAL_UNIT_TO_GRAFANA: Record<RealtimeUnit, GrafanaUnit> = {
  ...REALTIME_UNIT_TO_GRAFANA,
  COUNT: 'locale',
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

/**
 * Milliseconds in one of each Grafana time unit (the ids of Grafana's "Time" unit category), so a duration can be
 * read in whatever unit its field config names: CloudWatch's microseconds (`µs`), or a math expression that already
 * converted to `ms` or `s`.
 */
const GRAFANA_TIME_UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Milliseconds per unit of a Grafana time unit id; undefined when the unit is not a time unit. */
export function grafanaTimeUnitInMs(unit: string | undefined): number | undefined {
  return unit !== undefined && Object.prototype.hasOwnProperty.call(GRAFANA_TIME_UNIT_MS, unit)
    ? GRAFANA_TIME_UNIT_MS[unit]
    : undefined;
}
