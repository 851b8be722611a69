/**
 * CloudWatch's period and retention rules (aws-wire-spec.md "Limits & rules", GetMetricData StartTime docs):
 *  - Period is 1, 5, 10, 20, 30 (high resolution) or a multiple of 60.
 *  - Data is rolled up as it ages: sub-minute data is kept 3 hours, 1-minute data 15 days, 5-minute data 63 days,
 *    1-hour data 455 days. A period finer than what is left for a bucket's age returns no data for that bucket
 *    ("no data points in that time range is returned").
 *  - StartTime is rounded down: to the period for 5/10/20/30-second periods, else to the minute (< 15 days ago),
 *    5 minutes (15-63 days) or the hour (older).
 */

const HOUR = 3600;
const DAY = 86400;

export const HIGH_RESOLUTION_PERIODS: readonly number[] = [1, 5, 10, 20, 30];

export const PERIOD_RULE = 'the period must be 1, 5, 10, 20, 30 or a multiple of 60 seconds';

export function isValidPeriod(period: number): boolean {
  return Number.isInteger(period) && period > 0 && (HIGH_RESOLUTION_PERIODS.includes(period) || period % 60 === 0);
}

/** How old (seconds before now) a bucket may be and still have data at this period. */
export function maxAgeForPeriod(period: number): number {
  if (period % 3600 === 0) {
    return 455 * DAY;
  }
  if (period % 300 === 0) {
    return 63 * DAY;
  }
  if (period % 60 === 0) {
    return 15 * DAY;
  }
  return 3 * HOUR;
}

/** The earliest bucket start that still has data at this period. */
export function oldestBucketWithData(period: number, nowSeconds: number): number {
  return nowSeconds - maxAgeForPeriod(period);
}

/**
 * Whether a metric published at `resolution` seconds can have data at `period`: only high-resolution metrics
 * (the 10-second ToInstancePacketLossRate) have sub-minute data; a 60-second metric at a 30-second period is empty.
 */
export function resolutionSupportsPeriod(period: number, resolution: number): boolean {
  return period >= 60 || resolution < 60;
}

/** StartTime as CloudWatch uses it, rounded down as documented for GetMetricData. */
export function roundStartTime(startSeconds: number, period: number, nowSeconds: number): number {
  let unit: number;
  if (period < 60) {
    unit = period;
  } else {
    const age = nowSeconds - startSeconds;
    unit = age < 15 * DAY ? 60 : age <= 63 * DAY ? 300 : HOUR;
  }
  return Math.floor(startSeconds / unit) * unit;
}
