import { seriesFromPoints, type RawDatapoint } from '../../model/metricSource';
import { aggregate as aggregateSeries, parseStatistic, percentileOfSorted, type Statistic } from './statistics';
import { point } from './testSource';

const aggregate = (points: RawDatapoint[], period: number, from: number, to: number, stat: Statistic) =>
  aggregateSeries(seriesFromPoints(points), period, from, to, stat);

const stat = (s: string): Statistic => parseStatistic(s)!;

describe('parseStatistic', () => {
  it('knows the five basic statistics, case-sensitively', () => {
    for (const s of ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount']) {
      expect(parseStatistic(s)).toEqual({ kind: 'basic', name: s });
    }
    expect(parseStatistic('average')).toBeUndefined();
    expect(parseStatistic('Avg')).toBeUndefined();
  });

  it('parses percentiles pNN and pNN.NN within 0..100', () => {
    expect(parseStatistic('p99')).toEqual({ kind: 'percentile', name: 'p99', percent: 99 });
    expect(parseStatistic('p99.9')).toEqual({ kind: 'percentile', name: 'p99.9', percent: 99.9 });
    expect(parseStatistic('p99.99')).toEqual({ kind: 'percentile', name: 'p99.99', percent: 99.99 });
    expect(parseStatistic('p0')).toMatchObject({ percent: 0 });
    expect(parseStatistic('p100')).toMatchObject({ percent: 100 });
    for (const bad of ['p101', 'p99.999', 'P99', 'p', 'p-1', 'p9a', 'tm99', 'IQM', 'wm90']) {
      expect(parseStatistic(bad)).toBeUndefined();
    }
  });
});

describe('percentileOfSorted (nearest rank)', () => {
  const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it.each([
    [0, 1],
    [10, 1],
    [11, 2],
    [50, 5],
    [90, 9],
    [95, 10],
    [100, 10],
  ])('p%s = %s', (p, expected) => {
    expect(percentileOfSorted(sorted, p)).toBe(expected);
  });
});

describe('aggregate', () => {
  // Minutes 0..9 of an epoch-aligned hour, value = minute index + 1.
  const T0 = 1_767_225_600; // 2026-01-01T00:00:00Z, a multiple of 3600
  const minutes = Array.from({ length: 10 }, (_, i) => point(T0 + i * 60, i + 1));

  it('buckets to epoch-aligned periods and computes every basic statistic', () => {
    const run = (s: string) => aggregate(minutes, 300, T0, T0 + 3600, stat(s));
    expect(run('Sum')).toEqual({ timestamps: [T0, T0 + 300], values: [15, 40] });
    expect(run('Average')).toEqual({ timestamps: [T0, T0 + 300], values: [3, 8] });
    expect(run('Minimum').values).toEqual([1, 6]);
    expect(run('Maximum').values).toEqual([5, 10]);
    expect(run('SampleCount').values).toEqual([5, 5]);
  });

  it('aligns buckets to the epoch, not to the first point', () => {
    // Points from minute 2: the first 5-minute bucket still starts at T0 and holds minutes 2..4.
    const r = aggregate(minutes.slice(2), 300, T0, T0 + 3600, stat('Sum'));
    expect(r).toEqual({ timestamps: [T0, T0 + 300], values: [3 + 4 + 5, 40] });
  });

  it('averages statistic sets as sum / sampleCount over the bucket, not as the mean of averages', () => {
    const sets: RawDatapoint[] = [
      { t: T0, sampleCount: 1, sum: 10, min: 10, max: 10 },
      { t: T0 + 60, sampleCount: 3, sum: 6, min: 1, max: 3 },
    ];
    expect(aggregate(sets, 120, T0, T0 + 120, stat('Average')).values).toEqual([4]);
    expect(aggregate(sets, 120, T0, T0 + 120, stat('SampleCount')).values).toEqual([4]);
    expect(aggregate(sets, 120, T0, T0 + 120, stat('Minimum')).values).toEqual([1]);
  });

  it('keeps a bucket whose start is in [from, to): from inclusive, to exclusive', () => {
    const r = aggregate(minutes, 60, T0 + 120, T0 + 300, stat('Maximum'));
    expect(r.timestamps).toEqual([T0 + 120, T0 + 180, T0 + 240]);
  });

  it('emits only buckets with data', () => {
    const sparse = [point(T0, 1), point(T0 + 900, 2)];
    expect(aggregate(sparse, 300, T0, T0 + 3600, stat('Sum'))).toEqual({ timestamps: [T0, T0 + 900], values: [1, 2] });
    expect(aggregate([], 300, T0, T0 + 3600, stat('Sum'))).toEqual({ timestamps: [], values: [] });
  });

  it('computes percentiles from the raw values of the whole bucket', () => {
    const withValues: RawDatapoint[] = [
      { t: T0, sampleCount: 4, sum: 10, min: 1, max: 4, values: [4, 1, 3, 2] },
      { t: T0 + 60, sampleCount: 4, sum: 26, min: 5, max: 8, values: [8, 5, 7, 6] },
    ];
    const r = (s: string) => aggregate(withValues, 120, T0, T0 + 120, stat(s)).values[0];
    expect(r('p50')).toBe(4);
    expect(r('p90')).toBe(8); // rank ceil(7.2) = 8
    expect(r('p87.5')).toBe(7);
    expect(r('p0')).toBe(1);
    expect(r('p100')).toBe(8);
  });

  it('uses one-sample and min = max statistic sets for percentiles, and gives no data for others', () => {
    const ok: RawDatapoint[] = [point(T0, 9), { t: T0 + 60, sampleCount: 3, sum: 6, min: 2, max: 2 }];
    // samples 9, 2, 2, 2 -> sorted 2, 2, 2, 9
    expect(aggregate(ok, 120, T0, T0 + 120, stat('p75')).values).toEqual([2]);
    expect(aggregate(ok, 120, T0, T0 + 120, stat('p76')).values).toEqual([9]);
    const unknown: RawDatapoint[] = [point(T0, 1), { t: T0 + 60, sampleCount: 2, sum: 5, min: 1, max: 4 }];
    expect(aggregate(unknown, 120, T0, T0 + 120, stat('p50')).timestamps).toEqual([]);
    // ... but a basic statistic of the same bucket is fine
    expect(aggregate(unknown, 120, T0, T0 + 120, stat('Sum')).values).toEqual([6]);
  });

  it('handles 10-second points in sub-minute periods', () => {
    const tenSeconds = Array.from({ length: 6 }, (_, i) => point(T0 + i * 10, i));
    expect(aggregate(tenSeconds, 20, T0, T0 + 60, stat('Sum'))).toEqual({
      timestamps: [T0, T0 + 20, T0 + 40],
      values: [1, 5, 9],
    });
    expect(aggregate(tenSeconds, 5, T0, T0 + 60, stat('Maximum')).timestamps).toEqual([
      T0,
      T0 + 10,
      T0 + 20,
      T0 + 30,
      T0 + 40,
      T0 + 50,
    ]);
  });
});
