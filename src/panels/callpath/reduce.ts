import type { Point } from './connectorSeries';
import { estimatedLossPercent } from '../../connect/voiceConnector';
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
 * The connector's calls in progress at each timestamp: InboundCallsActive + OutboundCallsActive. A timestamp where
 * only one direction has a point counts the other as 0, as CloudWatch's metric math does (a connector that only
 * takes inbound calls may never publish an outbound count); one where neither has a point has no count.
 */
export function callsInProgress(inbound: Point[], outbound: Point[]): Point[] {
  const byTime = new Map<number, number>();
  for (const p of [...inbound, ...outbound]) {
    byTime.set(p.time, (byTime.get(p.time) ?? 0) + p.value);
  }
  return [...byTime.entries()].map(([time, value]) => ({ time, value })).sort((a, b) => a.time - b.time);
}

/**
 * Estimated packet loss of a leg in percent (fact: chime-packets-lost-cumulative): RTP packets counted against the
 * 3,000 a minute each call in progress sends at 20 ms (estimatedLossPercent). `packets` are the leg's RtpPackets
 * (Sum per period), `calls` the calls in progress (Average per period, callsInProgress), `periodSeconds` the
 * CloudWatch period of a point. Only periods where RtpPackets has a point and a call was in progress count: a
 * quiet connector has no loss to speak of (null, not 0 %).
 * - last: the latest such period;
 * - mean: all packets counted against all packets expected in the range (weighted by traffic, so a quiet minute
 *   does not outweigh a busy hour; calls starting and ending mid-period, which push single periods up or down,
 *   even out), clamped at 0;
 * - worst: the highest estimate of any one period.
 */
export function lossPercent(packets: Point[], calls: Point[], periodSeconds: number, reducer: Reducer): number | null {
  const callsAt = new Map(calls.map((p) => [p.time, p.value]));
  const periods = packets
    .filter((p) => (callsAt.get(p.time) ?? 0) > 0)
    .map((p) => ({ received: p.value, calls: callsAt.get(p.time)! }));
  if (periods.length === 0) {
    return null;
  }
  const estimate = (received: number, inProgress: number) =>
    estimatedLossPercent(received, inProgress, periodSeconds) ?? null;
  switch (reducer) {
    case 'mean':
      // Every period has the same length, so the calls add up as the packets do: Σ expected = 3000 × P/60 × Σ calls.
      return estimate(
        periods.reduce((n, p) => n + p.received, 0),
        periods.reduce((n, p) => n + p.calls, 0)
      );
    case 'worst':
      return periods.reduce<number | null>((w, p) => {
        const v = estimate(p.received, p.calls);
        return v === null ? w : w === null ? v : Math.max(w, v);
      }, null);
    default: {
      const latest = periods[periods.length - 1];
      return estimate(latest.received, latest.calls);
    }
  }
}
