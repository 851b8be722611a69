import type { Point } from './connectorSeries';
import type { Reducer } from './options';

/**
 * One number per series, as the reducer option says. Points are sorted by time and carry values only
 * (connectorSeries.ts drops nulls), so "last" is the latest non-null point. `worse` says which end of the range is
 * bad: the highest jitter and RTT, the lowest MOS.
 */
export function reducePoints(points: Point[], reducer: Reducer, worse: 'high' | 'low'): number | null {
  if (points.length === 0) {
    return null;
  }
  switch (reducer) {
    case 'mean':
      return points.reduce((sum, p) => sum + p.value, 0) / points.length;
    case 'worst':
      return points.reduce((w, p) => (worse === 'high' ? Math.max(w, p.value) : Math.min(w, p.value)), points[0].value);
    default:
      return points[points.length - 1].value;
  }
}

/**
 * Packet loss in percent: PacketsLost / RtpPackets × 100, both taken at the same timestamps (the same CloudWatch
 * periods), and only where packets were sent (a minute without media has no loss to speak of).
 * - last: the latest period with both values;
 * - mean: all packets lost over all packets sent in the range (weighted by traffic, so a quiet minute with 2 of
 *   10 packets lost does not outweigh a busy hour);
 * - worst: the highest loss of any one period.
 * Not clamped at 100 %: a count of lost packets above the packets sent is a measurement problem worth seeing.
 */
export function lossPercent(lost: Point[], packets: Point[], reducer: Reducer): number | null {
  const lostAt = new Map(lost.map((p) => [p.time, p.value]));
  const pairs = packets
    .filter((p) => p.value > 0 && lostAt.has(p.time))
    .map((p) => ({ sent: p.value, lost: lostAt.get(p.time)! }));
  if (pairs.length === 0) {
    return null;
  }
  switch (reducer) {
    case 'mean': {
      const sent = pairs.reduce((n, p) => n + p.sent, 0);
      const missing = pairs.reduce((n, p) => n + p.lost, 0);
      return (missing / sent) * 100;
    }
    case 'worst':
      return pairs.reduce((w, p) => Math.max(w, (p.lost / p.sent) * 100), -Infinity);
    default: {
      const latest = pairs[pairs.length - 1];
      return (latest.lost / latest.sent) * 100;
    }
  }
}
