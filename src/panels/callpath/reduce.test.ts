import type { Point } from './connectorSeries';
import { lossPercent, reducePoints } from './reduce';

const pts = (...values: Array<[number, number]>): Point[] => values.map(([time, value]) => ({ time, value }));

describe('reducePoints', () => {
  const series = pts([1, 10], [2, 40], [3, 20]);

  it('takes the latest point, the mean or the worst point', () => {
    expect(reducePoints(series, 'last', 'high')).toBe(20);
    expect(reducePoints(series, 'mean', 'high')).toBeCloseTo(70 / 3);
    expect(reducePoints(series, 'worst', 'high')).toBe(40);
    // MOS: the worst point is the lowest.
    expect(reducePoints(series, 'worst', 'low')).toBe(10);
  });

  it('has no value without points', () => {
    expect(reducePoints([], 'last', 'high')).toBeNull();
    expect(reducePoints([], 'worst', 'low')).toBeNull();
  });
});

describe('lossPercent', () => {
  // Minute 1 busy with little loss, minute 2 quiet with heavy loss, minute 3 busy with some loss.
  const packets = pts([1, 10_000], [2, 10], [3, 5000]);
  const lost = pts([1, 10], [2, 2], [3, 50]);

  it('divides lost by sent at the same period for "last"', () => {
    expect(lossPercent(lost, packets, 'last')).toBeCloseTo(1);
  });

  it('weights the mean by traffic: all lost over all sent', () => {
    expect(lossPercent(lost, packets, 'mean')).toBeCloseTo((62 / 15_010) * 100);
  });

  it('takes the highest loss of any period for "worst"', () => {
    expect(lossPercent(lost, packets, 'worst')).toBeCloseTo(20);
  });

  it('uses only periods where both series have a value and packets were sent', () => {
    // The latest PacketsLost point has no RtpPackets point: the latest common period counts.
    expect(lossPercent(pts([1, 30], [4, 99]), pts([1, 3000], [2, 3000]), 'last')).toBeCloseTo(1);
    expect(lossPercent(pts([1, 0]), pts([1, 0]), 'last')).toBeNull();
    expect(lossPercent(pts([1, 5]), pts([2, 100]), 'mean')).toBeNull();
    expect(lossPercent([], packets, 'last')).toBeNull();
  });
});
