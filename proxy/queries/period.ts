import { periodProblem } from '../../src/connect/cloudwatchRules';
import { QueryError } from '../errors';

/** Periods `auto` picks from, in seconds (CloudWatch's console steps). */
export const AUTO_PERIODS = [60, 300, 900, 3600, 21600, 86400];

/**
 * The smallest period CloudWatch keeps data at for data this old: high-resolution (below a minute) for 3 hours,
 * 60 s up to 15 days, 300 s up to 63 days, 3600 s beyond (CloudWatch's retention).
 */
export function retentionMinimum(startAgeSeconds: number): number {
  return startAgeSeconds > 63 * 86400 ? 3600 : startAgeSeconds > 15 * 86400 ? 300 : startAgeSeconds > 3 * 3600 ? 60 : 1;
}

/** A user's period: 1, 5, 10, 20, 30 or a multiple of 60 seconds. */
export function checkPeriod(period: number): number {
  const problem = periodProblem(period);
  if (problem) {
    throw new QueryError(`period: ${problem}`);
  }
  return period;
}

/**
 * Period for "auto": at most `maxDataPoints` points over the range, never finer than the metric's resolution or
 * than what CloudWatch still keeps for the range's start.
 */
export function autoPeriod(
  rangeSeconds: number,
  maxDataPoints: number,
  startAgeSeconds: number,
  resolutionSeconds = 60
): number {
  const wanted = Math.max(
    rangeSeconds / Math.max(1, maxDataPoints),
    resolutionSeconds,
    retentionMinimum(startAgeSeconds)
  );
  if (wanted < 60) {
    // high-resolution data (only metrics published more often than every minute, kept 3 hours)
    return [10, 20, 30].find((p) => p >= wanted) ?? 60;
  }
  return AUTO_PERIODS.find((p) => p >= wanted) ?? Math.ceil(wanted / 86400) * 86400;
}
