/**
 * The media path of an Amazon Chime SDK Voice Connector as AWS/ChimeVoiceConnector describes it. A call has two
 * sides: the customer's (the SIP infrastructure the connector serves, e.g. an SBC) and the remote end's (the
 * other party, such as Amazon Connect or the PSTN). Media flows both ways on each side, so a call has four legs.
 * CloudWatch publishes RTP/RTCP counters, losses and jitter per leg, and MOS and round-trip time per side (both
 * directions together). Jitter and round-trip time are in microseconds, MOS is an estimate from 1.0 to 4.4.
 * Packets lost are running totals per call (fact: chime-packets-lost-cumulative), so loss in percent is estimated
 * from the RTP packets counted and the calls in progress (estimatedLossPercent), not from PacketsLost.
 */

export type VoiceConnectorSide = 'customer' | 'remote';

export type VoiceConnectorLegId = 'CustomerToVc' | 'VcToCustomer' | 'RemoteToVc' | 'VcToRemote';

/** The three points of the path, as AWS's metric descriptions name them. */
export const VOICE_CONNECTOR_ENDPOINTS = {
  customer: 'customer',
  vc: 'Voice Connector',
  remote: 'remote end',
} as const;

export type VoiceConnectorEndpoint = keyof typeof VOICE_CONNECTOR_ENDPOINTS;

export interface VoiceConnectorLeg {
  /** The prefix of the leg's metric names (CustomerToVcJitter, CustomerToVcPacketsLost...). */
  id: VoiceConnectorLegId;
  side: VoiceConnectorSide;
  from: VoiceConnectorEndpoint;
  to: VoiceConnectorEndpoint;
}

/** In the order of AWS's documentation (and of the metric catalogue). */
export const VOICE_CONNECTOR_LEGS: readonly VoiceConnectorLeg[] = [
  { id: 'CustomerToVc', side: 'customer', from: 'customer', to: 'vc' },
  { id: 'VcToCustomer', side: 'customer', from: 'vc', to: 'customer' },
  { id: 'RemoteToVc', side: 'remote', from: 'remote', to: 'vc' },
  { id: 'VcToRemote', side: 'remote', from: 'vc', to: 'remote' },
];

/** The per-leg metrics that describe media quality (the byte and RTCP counters are left out). */
export function legQualityMetrics(leg: VoiceConnectorLegId) {
  return {
    /** Average jitter of the leg's packets, microseconds. */
    jitter: `${leg}Jitter`,
    /**
     * Packets lost in transit on the leg so far on the calls in progress, a count. fact: chime-packets-lost-cumulative:
     * each call sends its running total every minute until it ends, and the connector's series adds up its calls in
     * progress, so a loss at 11:01 is in every minute's value until that call ends. Read it with Maximum; summed over
     * time it counts one loss many times, and divided by RtpPackets it is no loss rate.
     */
    packetsLost: `${leg}PacketsLost`,
    /**
     * RTP packets counted on the leg in the period, a count (per minute, not cumulative): what the loss estimate
     * compares with the packets the calls in progress should have sent (estimatedLossPercent).
     */
    rtpPackets: `${leg}RtpPackets`,
  };
}

/**
 * Calls in progress on the connector, inbound and outbound (not per leg: every call has all four legs). Their sum
 * is the number of calls whose packets RtpPackets counts.
 */
export const CALLS_IN_PROGRESS_METRICS = { inbound: 'InboundCallsActive', outbound: 'OutboundCallsActive' } as const;

/**
 * The statistics the loss estimate reads over a period: every packet counted in it (Sum), and the calls in
 * progress on average over it (Average: a period of 5 minutes with 2 calls throughout is 2, not 10).
 */
export const LOSS_ESTIMATE_STATISTICS = { rtpPackets: 'Sum', callsInProgress: 'Average' } as const;

/**
 * RTP packets one call sends on one leg per minute at 20 ms packetisation: 50 a second (AWS's sample: "Because RTP
 * is sent every 20ms … every minute should contain 3,000 RTP packets in each direction"). A codec with another
 * packet time, or silence suppression (no packets while nobody speaks), sends fewer, which the estimate would read
 * as loss. fact: chime-packets-lost-cumulative
 */
export const RTP_PACKETS_PER_CALL_MINUTE = 3000;

/** The RTP packets the calls in progress should send on one leg in a period of `periodSeconds`. */
export function expectedRtpPackets(callsInProgress: number, periodSeconds: number): number {
  return RTP_PACKETS_PER_CALL_MINUTE * (periodSeconds / 60) * callsInProgress;
}

/**
 * Estimated packet loss of one leg over one period, in percent: AWS's sample method (`(3000 - RtpPackets) / 3000 *
 * 100` per minute for one call) extended to several calls, 100 × (1 − RtpPackets ÷ expected packets), with the
 * expected packets from the calls in progress (InboundCallsActive + OutboundCallsActive, Average over the period)
 * and the period. fact: chime-packets-lost-cumulative
 * - Never below 0: a call that starts or ends inside the period sends part of a period's packets while the average
 *   counts it as a fraction of a call, so the packets counted can exceed the estimate; that is no negative loss.
 * - Undefined when no call was in progress (nothing was expected, so nothing can be missing), or an input is not
 *   a finite number or the period is not positive.
 * It assumes 20 ms packets without silence suppression (RTP_PACKETS_PER_CALL_MINUTE): an estimate, not AWS's count.
 */
export function estimatedLossPercent(
  rtpPackets: number,
  callsInProgress: number,
  periodSeconds: number
): number | undefined {
  if (!Number.isFinite(rtpPackets) || !Number.isFinite(callsInProgress) || !(periodSeconds > 0)) {
    return undefined;
  }
  const expected = expectedRtpPackets(callsInProgress, periodSeconds);
  if (!(expected > 0)) {
    return undefined;
  }
  return Math.max(0, 100 * (1 - rtpPackets / expected));
}

/** The per-side metrics: MOS (1.0 to 4.4, no unit) and round-trip time (microseconds). */
export const SIDE_QUALITY_METRICS: Record<VoiceConnectorSide, { mos: string; rtt: string }> = {
  customer: { mos: 'MOSBetweenVcAndCustomer', rtt: 'RTTBetweenVcAndCustomer' },
  remote: { mos: 'MOSBetweenVcAndRemote', rtt: 'RTTBetweenVcAndRemote' },
};

/** The range of the MOS AWS estimates. */
export const VOICE_CONNECTOR_MOS_RANGE = { min: 1.0, max: 4.4 } as const;

/** The dimension that names the connector in every AWS/ChimeVoiceConnector series. */
export const VOICE_CONNECTOR_ID_DIMENSION = 'VoiceConnectorId';
