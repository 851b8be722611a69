import type { Point } from './connectorSeries';
import { callsInProgress, lossPercent, reducePoints } from './reduce';

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

describe('callsInProgress', () => {
  it('adds inbound and outbound calls at each timestamp, a missing direction counting 0', () => {
    expect(callsInProgress(pts([1, 2], [2, 3]), pts([1, 1], [3, 4]))).toEqual(pts([1, 3], [2, 3], [3, 4]));
    expect(callsInProgress([], [])).toEqual([]);
  });
});

// fact: chime-packets-lost-cumulative: loss from the RTP packets counted against 3,000 a minute per call.
describe('lossPercent', () => {
  // Minute 1 busy with little loss, minute 2 quiet with heavy loss, minute 3 busy with some loss.
  // Expected packets: 10 calls × 3,000 = 30,000; 1 × 3,000; 5 × 3,000 = 15,000.
  const calls = pts([1, 10], [2, 1], [3, 5]);
  const packets = pts([1, 29_700], [2, 2400], [3, 14_700]);

  it('estimates the latest period for "last": 14,700 of 15,000 is 2 %', () => {
    expect(lossPercent(packets, calls, 60, 'last')).toBeCloseTo(2);
  });

  it('weights the mean by traffic: 46,800 counted of 48,000 expected is 2.5 %, not the 7.7 % mean of 1, 20, 2', () => {
    expect(lossPercent(packets, calls, 60, 'mean')).toBeCloseTo(2.5);
  });

  it('takes the highest estimate of any period for "worst": 2,400 of 3,000 is 20 %', () => {
    expect(lossPercent(packets, calls, 60, 'worst')).toBeCloseTo(20);
  });

  it('counts the packets of the whole period: 2 calls over 5 minutes, 29,100 of 30,000 is 3 %', () => {
    expect(lossPercent(pts([1, 29_100]), pts([1, 2]), 300, 'last')).toBeCloseTo(3);
  });

  it('never goes below 0: a call ending mid-minute sends more than its average share', () => {
    // 1.5 calls on average (one ended halfway): 4,500 expected, 4,800 counted.
    expect(lossPercent(pts([1, 4800]), pts([1, 1.5]), 60, 'last')).toBe(0);
    // Pooled over the range the surplus and the 300 missing packets of minute 2 cancel: 10,500 of 10,500.
    const noisy = pts([1, 4800], [2, 5700]);
    const twoMinutes = pts([1, 1.5], [2, 2]);
    expect(lossPercent(noisy, twoMinutes, 60, 'mean')).toBe(0);
    expect(lossPercent(noisy, twoMinutes, 60, 'worst')).toBeCloseTo(5);
  });

  it('reads calls in progress and no packet counted as 100 % (one-way audio)', () => {
    expect(lossPercent(pts([1, 0]), pts([1, 2]), 60, 'last')).toBe(100);
  });

  it('has no value without a call in progress, nor where RtpPackets has no point', () => {
    // The latest RtpPackets point has no call: the latest period with calls counts (2,940 of 3,000: 2 %).
    expect(lossPercent(pts([1, 2940], [2, 80]), pts([1, 1], [2, 0]), 60, 'last')).toBeCloseTo(2);
    expect(lossPercent(pts([1, 0]), pts([1, 0]), 60, 'last')).toBeNull();
    expect(lossPercent(pts([1, 3000]), pts([2, 1]), 60, 'mean')).toBeNull();
    expect(lossPercent([], calls, 60, 'worst')).toBeNull();
    expect(lossPercent(packets, [], 60, 'last')).toBeNull();
  });
});
