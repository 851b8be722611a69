import { DEFAULT_OPTIONS as CALLPATH_DEFAULTS } from '../../src/panels/callpath/options';
import { CALLPATH_METRICS } from '../../src/panels/callpath/metrics';
import {
  CALLS_IN_PROGRESS_METRICS,
  LOSS_ESTIMATE_STATISTICS,
  RTP_PACKETS_PER_CALL_MINUTE,
  SIDE_QUALITY_METRICS,
  VOICE_CONNECTOR_LEGS,
  legQualityMetrics,
} from '../../src/connect/voiceConnector';
import {
  NONE,
  cloudwatch,
  COLORS,
  expression,
  fieldConfig,
  highIsBad,
  layout,
  lowIsBad,
  plugin,
  row,
  thresholds,
  timeseries,
  unitOf,
  type Target,
} from './builders';
import { dashboard, linkTo } from './dashboard';
import { datasourceVar, regionVar, voiceConnectorVar } from './variables';

/**
 * Voice Connector call quality (AWS/ChimeVoiceConnector): the media path customer ⇄ Voice Connector ⇄ remote end,
 * per voice connector. NOC thresholds: MOS below 3.8 is a warning and below 3.5 an alert (ITU-T G.107: "some users
 * dissatisfied" from 3.6); jitter above 30 ms / 50 ms; packet loss above 1 % / 3 %; round-trip time above 150 ms
 * (ITU-T G.114's limit for one-way delay, a conservative bound) / 300 ms. Jitter and RTT are published in µs.
 * Packet loss in percent is an estimate (fact: chime-packets-lost-cumulative): PacketsLost is each call's running
 * total, so loss is read from the RTP packets counted against 3,000 a minute per call in progress.
 */

const NS = 'AWS/ChimeVoiceConnector';
const VC = { VoiceConnectorId: ['$voice_connector'] };
// The call-path panel's defaults are the one source of these thresholds (src/panels/callpath/options.ts).
const T = CALLPATH_DEFAULTS.thresholds;
/** A default threshold (never switched off, unlike a user's). */
const on = (v: number | null): number => {
  if (v === null) {
    throw new Error('the call-path panel has a default threshold switched off');
  }
  return v;
};
export const QUALITY = {
  mos: lowIsBad(on(T.mos.alert), on(T.mos.warn)),
  // CloudWatch publishes jitter and RTT in microseconds; the panel's thresholds are milliseconds.
  jitterUs: highIsBad(on(T.jitterMs.warn) * 1000, on(T.jitterMs.alert) * 1000),
  lossPercent: highIsBad(on(T.lossPercent.warn), on(T.lossPercent.alert)),
  rttUs: highIsBad(on(T.rttMs.warn) * 1000, on(T.rttMs.alert) * 1000),
};
const LEG_NAMES = {
  CustomerToVc: 'customer → VC',
  VcToCustomer: 'VC → customer',
  RemoteToVc: 'remote → VC',
  VcToRemote: 'VC → remote',
};
const vc = (refId: string, metricName: string, label: string, hide = false, statistic?: string) =>
  cloudwatch({ refId, namespace: NS, metricName, dimensions: VC, label, hide, statistic });
const refIds = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CALLS = Object.values(CALLS_IN_PROGRESS_METRICS) as string[];
/** The calls in progress are read as the loss estimate needs them: their mean over the period. */
const statisticOf = (metric: string) => (CALLS.includes(metric) ? LOSS_ESTIMATE_STATISTICS.callsInProgress : undefined);

// The call-path panel: one query per metric it reads, labelled with the metric (its README).
const pathTargets: Target[] = CALLPATH_METRICS.map((metric, i) =>
  vc(refIds[i], metric, '${METRIC}', false, statisticOf(metric))
);

const callPath = plugin('switchboard-callpath-panel', {
  title: 'Call path',
  description:
    'Customer ⇄ Voice Connector ⇄ remote end for each voice connector: MOS and round-trip time per side, jitter ' +
    'and estimated packet loss per leg, coloured by the thresholds of this dashboard. Loss is inferred, not ' +
    'published: the RTP packets counted against 3,000 a minute per call in progress (InboundCallsActive + ' +
    'OutboundCallsActive), which assumes 20 ms packets without silence suppression.',
  w: 24,
  // Two diagrams high at 16 px text on a 1080p screen; more connectors: alerting ones first, the rest counted.
  h: 14,
  targets: pathTargets,
  fieldConfig: fieldConfig({ unit: 'none' }),
  options: { ...CALLPATH_DEFAULTS },
});

const mos = timeseries({
  title: 'MOS per side',
  description:
    'Estimated mean opinion score (1.0–4.4) between the Voice Connector and each side. Orange below 3.8, red below 3.5.',
  w: 12,
  h: 8,
  targets: [
    vc('A', SIDE_QUALITY_METRICS.customer.mos, 'customer ${VoiceConnectorId}'),
    vc('B', SIDE_QUALITY_METRICS.remote.mos, 'remote ${VoiceConnectorId}'),
  ],
  fieldConfig: fieldConfig({
    unit: unitOf(NS, 'MOSBetweenVcAndCustomer'),
    decimals: 2,
    min: 1,
    max: 4.5,
    thresholds: QUALITY.mos,
    color: { mode: 'palette-classic' },
    custom: { thresholdsStyle: { mode: 'dashed' } },
  }),
});

const rtt = timeseries({
  title: 'Round-trip time per side',
  description:
    'RTTBetweenVcAndCustomer / RTTBetweenVcAndRemote (published in µs). Orange from 150 ms, red from 300 ms.',
  w: 12,
  h: 8,
  targets: [
    vc('A', SIDE_QUALITY_METRICS.customer.rtt, 'customer ${VoiceConnectorId}'),
    vc('B', SIDE_QUALITY_METRICS.remote.rtt, 'remote ${VoiceConnectorId}'),
  ],
  fieldConfig: fieldConfig({
    unit: unitOf(NS, 'RTTBetweenVcAndCustomer'),
    min: 0,
    thresholds: QUALITY.rttUs,
    color: { mode: 'palette-classic' },
    custom: { thresholdsStyle: { mode: 'dashed' } },
  }),
});

const jitter = timeseries({
  title: 'Jitter per leg',
  description: 'Average jitter of each media leg (published in µs). Orange from 30 ms, red from 50 ms.',
  w: 12,
  h: 8,
  targets: VOICE_CONNECTOR_LEGS.map((l, i) =>
    vc(refIds[i], legQualityMetrics(l.id).jitter, `${LEG_NAMES[l.id]} \${VoiceConnectorId}`)
  ),
  fieldConfig: fieldConfig({
    unit: unitOf(NS, 'CustomerToVcJitter'),
    min: 0,
    thresholds: QUALITY.jitterUs,
    color: { mode: 'palette-classic' },
    custom: { thresholdsStyle: { mode: 'dashed' } },
  }),
});

/**
 * Loss per leg, estimated (fact: chime-packets-lost-cumulative): AWS's sample method, (3000 − RtpPackets) / 3000 ×
 * 100 per minute for one call, extended to several calls and any period P: 100 × (1 − RtpPackets ÷ (3000 × P/60 ×
 * calls in progress)), RtpPackets with Sum and the calls with Average. In CloudWatch metric math, with hidden
 * queries the proxy repeats for each voice connector, pairing their series by VoiceConnectorId:
 * - a period counts only where RtpPackets has a point and a call was in progress: math reads a missing point as 0,
 *   and a minute whose RtpPackets is not published yet must not read as 100 % loss ((pkts >= 0) is 1 only at its
 *   points); without calls the division by 0 drops the point (no value, not 0 %);
 * - never below 0 (calls starting or ending mid-period send more or fewer packets than their average count).
 */
function lossEstimate(pkts: string, callsIn: string, callsOut: string): string {
  const calls = `(${callsIn} + ${callsOut})`;
  const expected = `(${RTP_PACKETS_PER_CALL_MINUTE} * PERIOD(${pkts}) / 60 * ${calls})`;
  const percent = `100 * (1 - ${pkts} / ${expected})`;
  return `IF((${pkts} >= 0) * ${calls} > 0, IF(${percent} > 0, ${percent}, 0))`;
}

// The calls in progress, hidden: the expressions of every leg read them.
const callsTargets: Target[] = [
  [CALLS_IN_PROGRESS_METRICS.inbound, 'CI', 'callsin'],
  [CALLS_IN_PROGRESS_METRICS.outbound, 'CO', 'callsout'],
].map(([metric, refId, id]) => ({ ...vc(refId, metric, '${METRIC}', true, statisticOf(metric)), id }));

const loss = timeseries({
  title: 'Packet loss per leg (estimated)',
  description:
    'Estimated loss of each leg: the RTP packets counted in each period against the 3,000 a minute each call in ' +
    'progress sends (InboundCallsActive + OutboundCallsActive, averaged over the period), as in AWS’s own Voice ' +
    'Connector dashboard sample. Inferred, not published: it assumes 20 ms packets without silence suppression ' +
    '(another packet time or silence suppression reads as loss), and calls starting or ending within a period ' +
    'make single periods noisy (never shown below 0). No value when no call was in progress. Orange from 1 %, ' +
    'red from 3 %.',
  w: 12,
  h: 8,
  targets: [
    ...callsTargets,
    ...VOICE_CONNECTOR_LEGS.flatMap((l, i) => {
      const pkts = `pkts${i}`;
      return [
        { ...vc(`P${i}`, legQualityMetrics(l.id).rtpPackets, '${METRIC}', true), id: pkts },
        expression(`E${i}`, lossEstimate(pkts, 'callsin', 'callsout'), `${LEG_NAMES[l.id]} \${VoiceConnectorId}`),
      ];
    }),
  ],
  fieldConfig: fieldConfig({
    unit: 'percent',
    decimals: 2,
    min: 0,
    thresholds: QUALITY.lossPercent,
    color: { mode: 'palette-classic' },
    custom: { thresholdsStyle: { mode: 'dashed' } },
  }),
});

// What AWS publishes about loss, as it is: each call's running total, added up over the calls in progress.
const lostSoFar = timeseries({
  title: 'Packets lost so far on calls in progress',
  description:
    'PacketsLost of each leg as AWS publishes it: the packets lost so far on the calls in progress (each call ' +
    'sends its running total every minute until it ends), the highest value of each period. A loss stays in it ' +
    'until its call ends, so it is no loss per period and no rate: see "Packet loss per leg (estimated)".',
  w: 24,
  h: 7,
  targets: VOICE_CONNECTOR_LEGS.map((l, i) =>
    vc(refIds[i], legQualityMetrics(l.id).packetsLost, `${LEG_NAMES[l.id]} \${VoiceConnectorId}`)
  ),
  fieldConfig: fieldConfig({
    unit: unitOf(NS, 'CustomerToVcPacketsLost'),
    decimals: 0,
    min: 0,
    color: { mode: 'palette-classic' },
  }),
});

const sip = timeseries(
  {
    title: 'SIP responses by class',
    description:
      'SIP response codes sent and received, by class: 1xx provisional, 2xx success, 3xx redirection, 4xx client, 5xx server and 6xx global failures.',
    w: 12,
    h: 8,
    targets: ['1', '2', '3', '4', '5', '6'].map((c, i) =>
      vc(refIds[i], `Sip${c}xxCodes`, `${c}xx \${VoiceConnectorId}`)
    ),
    fieldConfig: fieldConfig({
      unit: unitOf(NS, 'Sip2xxCodes'),
      decimals: 0,
      min: 0,
      noValue: NONE,
      overrides: [
        { name: '4xx', properties: { color: { mode: 'fixed', fixedColor: COLORS.warn } } },
        { name: '5xx', properties: { color: { mode: 'fixed', fixedColor: COLORS.alert } } },
      ],
    }),
  },
  'bars'
);

const calls = timeseries(
  {
    title: 'Call attempts, answers and failures',
    description:
      'Inbound and outbound call attempts, calls answered and failed calls per period. Failures stand out in red.',
    w: 12,
    h: 8,
    targets: [
      vc('A', 'InboundCallAttempts', 'inbound attempts ${VoiceConnectorId}'),
      vc('B', 'InboundCallsAnswered', 'inbound answered ${VoiceConnectorId}'),
      vc('C', 'InboundCallFailures', 'inbound failures ${VoiceConnectorId}'),
      vc('D', 'OutboundCallAttempts', 'outbound attempts ${VoiceConnectorId}'),
      vc('E', 'OutboundCallsAnswered', 'outbound answered ${VoiceConnectorId}'),
      vc('F', 'OutboundCallFailures', 'outbound failures ${VoiceConnectorId}'),
    ],
    fieldConfig: fieldConfig({
      unit: unitOf(NS, 'InboundCallAttempts'),
      decimals: 0,
      min: 0,
      custom: { stacking: { mode: 'none', group: 'A' }, drawStyle: 'line', fillOpacity: 0 },
    }),
  },
  'lines'
);

const active = timeseries({
  title: 'Active calls and throttles',
  description:
    'Inbound and outbound calls in progress (the maximum of each period) and requests throttled by the Voice Connector.',
  w: 24,
  h: 7,
  targets: [
    vc('A', 'InboundCallsActive', 'inbound active ${VoiceConnectorId}'),
    vc('B', 'OutboundCallsActive', 'outbound active ${VoiceConnectorId}'),
    vc('C', 'Throttles', 'throttles ${VoiceConnectorId}'),
  ],
  fieldConfig: fieldConfig({
    unit: unitOf(NS, 'InboundCallsActive'),
    decimals: 0,
    min: 0,
    thresholds: thresholds(COLORS.ok),
  }),
  links: [linkTo('noc')],
});

export const voiceConnectors = dashboard({
  key: 'voiceConnectors',
  description:
    'Amazon Chime SDK Voice Connectors: MOS, jitter, estimated packet loss (RTP packets against 3,000 a minute per call in progress, 20 ms packets assumed) and RTT per leg; packets lost so far on calls in progress; SIP responses; call attempts, answers, failures and active calls.',
  tags: ['voice-connector', 'call-quality'],
  refresh: '1m',
  time: { from: 'now-3h', to: 'now' },
  variables: [datasourceVar, regionVar, voiceConnectorVar],
  panels: layout([
    row('Media quality'),
    callPath,
    mos,
    rtt,
    jitter,
    loss,
    lostSoFar,
    row('Signalling and calls'),
    sip,
    calls,
    active,
  ]),
});
