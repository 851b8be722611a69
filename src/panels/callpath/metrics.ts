import {
  CALLS_IN_PROGRESS_METRICS,
  legQualityMetrics,
  SIDE_QUALITY_METRICS,
  VOICE_CONNECTOR_ENDPOINTS,
  VOICE_CONNECTOR_LEGS,
  type VoiceConnectorEndpoint,
  type VoiceConnectorLeg,
  type VoiceConnectorLegId,
  type VoiceConnectorSide,
} from '../../connect/voiceConnector';

/**
 * The AWS/ChimeVoiceConnector metrics the diagram reads (src/connect/voiceConnector.ts has the legs and sides) and
 * where they sit on it: customer on the left, the Voice Connector in the middle, the remote end on the right.
 * Loss is estimated from each leg's RtpPackets and the connector's calls in progress; PacketsLost is not read (a
 * running total per call, fact: chime-packets-lost-cumulative).
 */

export type Side = VoiceConnectorSide;
export type LegId = VoiceConnectorLegId;
export type LegDef = VoiceConnectorLeg;

/** Left to right: the customer's link, then the remote end's. */
export const SIDES: Side[] = ['customer', 'remote'];

export const LEGS: readonly LegDef[] = VOICE_CONNECTOR_LEGS;

export const SIDE_METRICS = SIDE_QUALITY_METRICS;

/** The per-leg metrics the diagram reads: jitter, and the RTP packets the loss estimate compares with the calls. */
export function legMetrics(leg: LegId): { jitter: string; rtpPackets: string } {
  const { jitter, rtpPackets } = legQualityMetrics(leg);
  return { jitter, rtpPackets };
}

/** The connector's calls in progress, inbound and outbound: how many packets each leg should carry. */
export const CALLS_METRICS = CALLS_IN_PROGRESS_METRICS;

const POSITION: Record<VoiceConnectorEndpoint, number> = { customer: 0, vc: 1, remote: 2 };

/** Media flowing left to right on the diagram (drawn above the side's numbers) or right to left (below). */
export const isRightward = (leg: LegDef): boolean => POSITION[leg.from] < POSITION[leg.to];

/** The side's two legs, the rightward one first. */
export function legsOf(side: Side): [LegDef, LegDef] {
  const legs = LEGS.filter((l) => l.side === side);
  const right = legs.find(isRightward)!;
  const left = legs.find((l) => !isRightward(l))!;
  return [right, left];
}

/** "Customer", "Voice Connector", "Remote end": as the diagram's boxes say it. */
export function endpointName(endpoint: VoiceConnectorEndpoint): string {
  const name = VOICE_CONNECTOR_ENDPOINTS[endpoint];
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** "customer → Voice Connector". */
export const legTitle = (leg: LegDef): string =>
  `${VOICE_CONNECTOR_ENDPOINTS[leg.from]} → ${VOICE_CONNECTOR_ENDPOINTS[leg.to]}`;

/** "Voice Connector ⇄ customer": what a side's MOS and RTT measure. */
export const sideTitle = (side: Side): string => `${VOICE_CONNECTOR_ENDPOINTS.vc} ⇄ ${VOICE_CONNECTOR_ENDPOINTS[side]}`;

/** Every metric the panel uses (14): MOS and RTT per side, jitter and RTP packets per leg, calls in progress. */
export const CALLPATH_METRICS: string[] = [
  ...SIDES.flatMap((s) => [SIDE_METRICS[s].mos, SIDE_METRICS[s].rtt]),
  ...LEGS.flatMap((l) => Object.values(legMetrics(l.id))),
  CALLS_METRICS.inbound,
  CALLS_METRICS.outbound,
];

const BY_LENGTH = [...CALLPATH_METRICS].sort((a, b) => b.length - a.length);

/**
 * The metric a series name means: the name itself (label `${METRIC}`), or the longest metric name it contains
 * (a label such as "${VoiceConnectorId} ${METRIC}", or the query string "AWS/ChimeVoiceConnector
 * CustomerToVcJitter Average 60s").
 */
export function metricOfName(name: string | undefined): string | undefined {
  if (!name) {
    return undefined;
  }
  if (CALLPATH_METRICS.includes(name)) {
    return name;
  }
  return BY_LENGTH.find((m) => name.includes(m));
}
