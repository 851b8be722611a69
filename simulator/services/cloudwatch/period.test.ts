import {
  isValidPeriod,
  maxAgeForPeriod,
  oldestBucketWithData,
  resolutionSupportsPeriod,
  roundStartTime,
} from './period';

const HOUR = 3600;
const DAY = 86400;
const NOW = 1_767_268_800; // 2026-01-01T12:00:00Z

describe('isValidPeriod', () => {
  it('accepts 1, 5, 10, 20, 30 and multiples of 60', () => {
    for (const p of [1, 5, 10, 20, 30, 60, 120, 300, 3600, 86400]) {
      expect(isValidPeriod(p)).toBe(true);
    }
  });
  it('refuses everything else', () => {
    for (const p of [0, -60, 2, 15, 45, 90, 61, 59.5, NaN, Infinity]) {
      expect(isValidPeriod(p)).toBe(false);
    }
  });
});

describe('retention by period', () => {
  it('keeps sub-minute data 3 h, 1-minute 15 d, 5-minute 63 d, 1-hour 455 d', () => {
    expect(maxAgeForPeriod(10)).toBe(3 * HOUR);
    expect(maxAgeForPeriod(60)).toBe(15 * DAY);
    expect(maxAgeForPeriod(120)).toBe(15 * DAY);
    expect(maxAgeForPeriod(300)).toBe(63 * DAY);
    expect(maxAgeForPeriod(900)).toBe(63 * DAY);
    expect(maxAgeForPeriod(3600)).toBe(455 * DAY);
    expect(maxAgeForPeriod(86400)).toBe(455 * DAY);
    expect(oldestBucketWithData(60, NOW)).toBe(NOW - 15 * DAY);
  });

  it('gives sub-minute periods data only for high-resolution metrics', () => {
    expect(resolutionSupportsPeriod(30, 60)).toBe(false);
    expect(resolutionSupportsPeriod(30, 10)).toBe(true);
    expect(resolutionSupportsPeriod(60, 60)).toBe(true);
  });
});

describe('roundStartTime', () => {
  it('rounds down to the minute when the start is less than 15 days ago', () => {
    expect(roundStartTime(NOW - HOUR + 34, 300, NOW)).toBe(NOW - HOUR);
  });
  it('rounds down to 5 minutes between 15 and 63 days, to the hour beyond', () => {
    const t = NOW - 20 * DAY + 2 * 60 + 34; // hh:02:34
    expect(roundStartTime(t, 300, NOW)).toBe(NOW - 20 * DAY);
    const old = NOW - 70 * DAY + 32 * 60 + 34; // hh:32:34
    expect(roundStartTime(old, 3600, NOW)).toBe(NOW - 70 * DAY);
  });
  it('rounds down to the period for sub-minute periods', () => {
    expect(roundStartTime(NOW - 60 + 23, 10, NOW)).toBe(NOW - 60 + 20);
    expect(roundStartTime(NOW - 60 + 23, 5, NOW)).toBe(NOW - 60 + 20);
    expect(roundStartTime(NOW - 60 + 23, 1, NOW)).toBe(NOW - 60 + 23);
  });
});
