/**
 * ToInstancePacketLossRate's scale (fact: packet-loss-rate-scale). AWS's page said "between 0 and 1" until 2022-11,
 * "between 0 and 100" from 2023-02, and now says both in one sentence; the only published threshold found (0.02,
 * an AWS-authored dashboard) reads it as 0..1. Switchboard reads it as 0..1, the catalogue's unit (percentunit),
 * unless a series proves otherwise: a ratio cannot exceed 1, so a value above 1 means the 0..100 scale, and the
 * series is divided by 100 with a notice. A 0..100 series that never exceeds 1 (under 1 % loss) cannot be told
 * apart; the facts register says so.
 */
export const PACKET_LOSS_RATE_METRIC = { namespace: 'AWS/Connect', metricName: 'ToInstancePacketLossRate' } as const;

/** Statistics whose values are in the metric's own scale (a Sum or a count is not). */
const SCALE_KEEPING = /^(Average|Minimum|Maximum|p\d+(\.\d+)?)$/;

export function isPacketLossRate(namespace: string | undefined, metricName: string | undefined): boolean {
  return namespace === PACKET_LOSS_RATE_METRIC.namespace && metricName === PACKET_LOSS_RATE_METRIC.metricName;
}

/** The series as a 0..1 ratio, and whether it had to be rescaled from 0..100. */
export function packetLossRateAsRatio(values: number[], statistic: string): { values: number[]; rescaled: boolean } {
  if (!SCALE_KEEPING.test(statistic) || !values.some((v) => v > 1)) {
    return { values, rescaled: false };
  }
  return { values: values.map((v) => v / 100), rescaled: true };
}
