// fact: cloudwatch-metric-math (docs/aws-facts.md): the functions as the CloudWatch user guide defines them.
import {
  combineSeries,
  diff,
  diffTime,
  fill,
  ifSeries,
  mapSeries,
  rate,
  reduceArray,
  reduceSeries,
  runningSum,
} from './mathFunctions';
import type { Series } from './series';

/** A series from { timestamp: value }; expected values below are worked out by hand. */
const ts = (points: Record<number, number>): Series => {
  const timestamps = Object.keys(points)
    .map(Number)
    .sort((a, b) => a - b);
  return { timestamps, values: timestamps.map((t) => points[t]) };
};

describe('combining two series (missing values count as 0)', () => {
  const a = ts({ 0: 1, 60: 2 });
  const b = ts({ 60: 10, 120: 4 });

  it('adds over the union of timestamps', () => {
    expect(combineSeries(a, b, (x, y) => x + y)).toEqual(ts({ 0: 1, 60: 12, 120: 4 }));
  });

  it('drops points divided by zero, including by a missing value', () => {
    // 0: 1/0 dropped; 60: 2/10; 120: 0/4
    expect(combineSeries(a, b, (x, y) => (y === 0 ? Number.NaN : x / y))).toEqual(ts({ 60: 0.2, 120: 0 }));
  });

  it("gives the User Guide's comparison examples", () => {
    // metric1 = [30, 20, 0, 0], metric2 = [20, -, 20, -]
    const m1 = ts({ 0: 30, 60: 20, 120: 0, 180: 0 });
    const m2 = ts({ 0: 20, 120: 20 });
    expect(combineSeries(m1, m2, (x, y) => (x < y ? 1 : 0)).values).toEqual([0, 0, 1, 0]);
  });

  it('drops results that are not finite numbers when mapping', () => {
    expect(mapSeries(ts({ 0: 1, 60: 0, 120: 100 }), Math.log10)).toEqual(ts({ 0: 0, 120: 2 }));
  });
});

describe('functions of an array of series', () => {
  const a = ts({ 0: 1, 60: 2 });
  const b = ts({ 60: 10, 120: 4 });

  it('SUM adds the values present at each timestamp', () => {
    expect(reduceArray([a, b], 'SUM')).toEqual(ts({ 0: 1, 60: 12, 120: 4 }));
  });
  it('AVG divides by the number of series: a missing value counts as 0', () => {
    expect(reduceArray([a, b], 'AVG')).toEqual(ts({ 0: 0.5, 60: 6, 120: 2 }));
  });
  it('MIN and MAX take the values present', () => {
    expect(reduceArray([a, b], 'MIN')).toEqual(ts({ 0: 1, 60: 2, 120: 4 }));
    expect(reduceArray([a, b], 'MAX')).toEqual(ts({ 0: 1, 60: 10, 120: 4 }));
  });
  it('DATAPOINT_COUNT counts the series with a value', () => {
    expect(reduceArray([a, b], 'DATAPOINT_COUNT')).toEqual(ts({ 0: 1, 60: 2, 120: 1 }));
  });
  it('gives an empty series for an empty array', () => {
    expect(reduceArray([], 'SUM')).toEqual(ts({}));
  });
});

describe('functions of one series give a scalar', () => {
  const s = ts({ 0: 3, 60: -1, 120: 4 });
  it.each([
    ['SUM', 6],
    ['AVG', 2],
    ['MIN', -1],
    ['MAX', 4],
    ['DATAPOINT_COUNT', 3],
  ] as const)('%s', (reducer, expected) => {
    expect(reduceSeries(s, reducer)).toBe(expected);
  });
  it('of an empty series: SUM 0, AVG no value', () => {
    expect(reduceSeries(ts({}), 'SUM')).toBe(0);
    expect(reduceSeries(ts({}), 'AVG')).toBeNaN();
  });
});

describe('FILL', () => {
  const s = ts({ 60: 5, 240: 11 });
  const grid = [0, 60, 120, 180, 240, 300];

  it('fills every empty bucket with a constant', () => {
    expect(fill(s, grid, 0)).toEqual(ts({ 0: 0, 60: 5, 120: 0, 180: 0, 240: 11, 300: 0 }));
  });
  it('REPEAT repeats the last value, nothing before the first', () => {
    expect(fill(s, grid, 'REPEAT')).toEqual(ts({ 60: 5, 120: 5, 180: 5, 240: 11, 300: 11 }));
  });
  it('LINEAR draws the line across a gap, nothing outside the first and last values', () => {
    // 5 at 60, 11 at 240: +2 a minute
    expect(fill(s, grid, 'LINEAR')).toEqual(ts({ 60: 5, 120: 7, 180: 9, 240: 11 }));
  });
  it('takes the value of another series where it has one', () => {
    expect(fill(s, grid, ts({ 0: 100, 120: 200 }))).toEqual(ts({ 0: 100, 60: 5, 120: 200, 240: 11 }));
  });
});

describe('IF (the User Guide tables)', () => {
  // metric1 = [1, 1, 0, 0, -], metric2 = [30, -, 0, 0, 30], metric3 = [0, 0, 20, -, 20]
  const m1 = ts({ 0: 1, 60: 1, 120: 0, 180: 0 });
  const m2 = ts({ 0: 30, 120: 0, 180: 0, 240: 30 });
  const m3 = ts({ 0: 0, 60: 0, 120: 20, 240: 20 });

  it('IF(metric1, metric2, metric3) = [30, 0, 20, -, -]', () => {
    expect(ifSeries(m1, m2, m3)).toEqual(ts({ 0: 30, 60: 0, 120: 20 }));
  });
  it('IF(metric1, 5, metric3) = [5, 5, 20, -, -]', () => {
    expect(ifSeries(m1, 5, m3)).toEqual(ts({ 0: 5, 60: 5, 120: 20 }));
  });
  it('IF(metric1, metric2, 5) = [30, 0, 5, 5, -]', () => {
    expect(ifSeries(m1, m2, 5)).toEqual(ts({ 0: 30, 60: 0, 120: 5, 180: 5 }));
  });
  it('IF(metric1, metric2) drops the false points', () => {
    expect(ifSeries(m1, m2, undefined)).toEqual(ts({ 0: 30, 60: 0 }));
  });
});

describe('functions of consecutive points (the first point is dropped)', () => {
  const s = ts({ 0: 10, 60: 70, 180: 70 });
  it('RATE is the change per second', () => {
    // (70 - 10) / 60 s, then (70 - 70) / 120 s
    expect(rate(s)).toEqual(ts({ 60: 1, 180: 0 }));
  });
  it('DIFF is the change', () => {
    expect(diff(s)).toEqual(ts({ 60: 60, 180: 0 }));
  });
  it('DIFF_TIME is the seconds between points', () => {
    expect(diffTime(s)).toEqual(ts({ 60: 60, 180: 120 }));
  });
  it('RUNNING_SUM keeps every point', () => {
    expect(runningSum(ts({ 0: 1, 60: 2, 120: 3 }))).toEqual(ts({ 0: 1, 60: 3, 120: 6 }));
  });
});
