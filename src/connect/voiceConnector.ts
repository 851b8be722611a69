/**
 * The media path of an Amazon Chime SDK Voice Connector as AWS/ChimeVoiceConnector describes it. A call has two
 * sides: the customer's (the SIP infrastructure the connector serves, e.g. an SBC) and the remote end's (the
 * other party, such as Amazon Connect or the PSTN). Media flows both ways on each side, so a call has four legs.
 * CloudWatch publishes RTP/RTCP counters, losses and jitter per leg, and MOS and round-trip time per side (both
 * directions together). Jitter and round-trip time are in microseconds, MOS is an estimate from 1.0 to 4.4.
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
    /** Packets lost in transit on the leg, a count. */
    packetsLost: `${leg}PacketsLost`,
    /** RTP packets sent on the leg, a count: the denominator of the loss ratio. */
    rtpPackets: `${leg}RtpPackets`,
  };
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
