import {
  NONE,
  onlyFields,
  bargauge,
  cloudwatch,
  COLORS,
  fieldConfig,
  highIsBad,
  layout,
  quota,
  realtime,
  row,
  stat,
  table,
  thresholds,
  unitOf,
} from './builders';
import { VariableHide } from '@grafana/schema';
import { dashboard, DASHBOARDS, linkTo } from './dashboard';
import { QUALITY } from './voiceConnectors';
import { datasourceVar, instanceVar, queueVar, regionVar } from './variables';

/**
 * The instance at a glance, for the screen everyone sees: red means "open the dashboard it links to". Each stat
 * counts over the time range (default: the last hour), so a red tile clears an hour after the problem stops.
 */

const connect = (
  refId: string,
  metricName: string,
  group: string,
  label: string,
  extra: Record<string, string[]> = {}
) =>
  cloudwatch({
    refId,
    namespace: 'AWS/Connect',
    metricName,
    dimensions: { InstanceId: ['$instance'], MetricGroup: [group], ...extra },
    label,
  });
const anyIsRed = thresholds(COLORS.ok, [1, COLORS.alert]);
const anyIsOrange = thresholds(COLORS.ok, [1, COLORS.warn]);

const counter = (
  title: string,
  description: string,
  target: ReturnType<typeof connect>,
  t = anyIsRed,
  link?: ReturnType<typeof linkTo>,
  w = 4
) =>
  stat(
    {
      title,
      description,
      w,
      h: 4,
      targets: [target],
      fieldConfig: fieldConfig({ unit: 'short', decimals: 0, thresholds: t, noValue: '0' }),
      // Per-flow counters show a tile per flow with its name; instance counters a single value.
      options: {
        textMode: target.dimensions && 'ContactFlowName' in (target.dimensions as object) ? 'value_and_name' : 'value',
        graphMode: 'area',
      },
      ...(link ? { links: [link] } : {}),
    },
    ['sum']
  );

const flowErrors = counter(
  'Flow errors',
  'ContactFlowErrors of every flow over the range: a flow took an error branch (a Lambda, a prompt, a queue transfer failed).',
  connect('A', 'ContactFlowErrors', 'ContactFlow', '${ContactFlowName}', { ContactFlowName: ['*'] }),
  highIsBad(1, 20)
);
const fatal = counter(
  'Fatal flow errors',
  'ContactFlowFatalErrors over the range: a flow failed with a system error and the contact was dropped. Any is red.',
  connect('A', 'ContactFlowFatalErrors', 'ContactFlow', '${ContactFlowName}', { ContactFlowName: ['*'] }),
  anyIsRed
);
const misconfigured = counter(
  'Misconfigured numbers',
  'MisconfiguredPhoneNumbers: calls to a number with no flow attached. Any is orange.',
  connect('A', 'MisconfiguredPhoneNumbers', 'VoiceCalls', 'Misconfigured numbers'),
  anyIsOrange
);
const recordings = counter(
  'Recording upload errors',
  "CallRecordingUploadError: recordings that could not be written to the instance's S3 bucket (a compliance issue).",
  connect('A', 'CallRecordingUploadError', 'CallRecordings', 'Recording upload errors'),
  anyIsRed
);
const throttled = counter(
  'Throttled calls',
  'ThrottledCalls: calls rejected because the call-rate quota was exceeded. Any is red.',
  connect('A', 'ThrottledCalls', 'VoiceCalls', 'Throttled calls'),
  anyIsRed,
  linkTo('quotas')
);

const packetLoss = stat(
  {
    title: 'Agent packet loss',
    description:
      "ToInstancePacketLossRate: the share of voice packets lost between agents' browsers (WebRTC) and the instance, " +
      'averaged over the range. Orange from 1 %, red from 3 %.',
    w: 4,
    h: 4,
    targets: [
      cloudwatch({
        refId: 'A',
        namespace: 'AWS/Connect',
        metricName: 'ToInstancePacketLossRate',
        dimensions: {
          'Instance ID': ['$instance'],
          Participant: ['Agent'],
          'Stream Type': ['Voice'],
          'Type of Connection': ['WebRTC'],
        },
        label: 'Agent packet loss',
      }),
    ],
    fieldConfig: fieldConfig({
      unit: unitOf('AWS/Connect', 'ToInstancePacketLossRate'),
      decimals: 2,
      thresholds: highIsBad(0.01, 0.03),
    }),
    options: { textMode: 'value', graphMode: 'area' },
    links: [linkTo('voiceConnectors')],
  },
  ['mean']
);

const headroom = bargauge(
  {
    title: 'Quota used',
    description: "Peak share of each channel's concurrency quota over the range. Orange from 80 %, red from 90 %.",
    w: 8,
    h: 8,
    targets: [quota('A', 'table', null)],
    transformations: onlyFields('Channel', 'Used'),
    fieldConfig: fieldConfig({
      unit: 'percent',
      min: 0,
      max: 100,
      decimals: 0,
      thresholds: highIsBad(80, 90),
      displayName: '${__data.fields.Channel}',
    }),
    links: [linkTo('quotas')],
  },
  ['lastNotNull'],
  true
);

const worstQueues = table({
  title: 'Worst queues now',
  description:
    'The queues whose oldest contact has waited longest (real time), with contacts waiting and agents available.',
  w: 10,
  h: 8,
  targets: [
    realtime({
      queues: '$queue',
      groupings: ['QUEUE'],
      metrics: ['OLDEST_CONTACT_AGE', 'CONTACTS_IN_QUEUE', 'AGENTS_AVAILABLE', 'AGENTS_ONLINE'],
      sort: { metric: 'OLDEST_CONTACT_AGE', order: 'DESCENDING' },
    }),
  ],
  fieldConfig: fieldConfig({
    unit: 'short',
    decimals: 0,
    overrides: [
      { name: 'Queue ID', properties: { 'custom.hidden': true } },
      {
        name: 'OLDEST_CONTACT_AGE',
        properties: { unit: 's', thresholds: highIsBad(60, 180), 'custom.cellOptions': { type: 'color-background' } },
      },
      {
        name: 'CONTACTS_IN_QUEUE',
        properties: { thresholds: highIsBad(5, 10), 'custom.cellOptions': { type: 'color-text' } },
      },
    ],
  }),
  links: [linkTo('queues')],
  options: { sortBy: [{ displayName: 'Oldest', desc: true }] },
});

const mos = stat(
  {
    title: 'Lowest MOS',
    description:
      'The lowest MOS of any voice connector on either side over the range. Orange below 3.8, red below 3.5.',
    w: 6,
    h: 8,
    targets: [
      cloudwatch({
        refId: 'A',
        namespace: 'AWS/ChimeVoiceConnector',
        metricName: 'MOSBetweenVcAndCustomer',
        dimensions: { VoiceConnectorId: ['*'] },
        label: 'customer ${VoiceConnectorId}',
      }),
      cloudwatch({
        refId: 'B',
        namespace: 'AWS/ChimeVoiceConnector',
        metricName: 'MOSBetweenVcAndRemote',
        dimensions: { VoiceConnectorId: ['*'] },
        label: 'remote ${VoiceConnectorId}',
      }),
    ],
    fieldConfig: fieldConfig({ unit: 'none', decimals: 2, thresholds: QUALITY.mos }),
    options: { textMode: 'value_and_name', graphMode: 'none' },
    links: [linkTo('voiceConnectors')],
  },
  ['min']
);

const flows = bargauge(
  {
    title: 'Flow errors by flow',
    description: 'ContactFlowErrors and ContactFlowFatalErrors per flow over the range.',
    w: 24,
    h: 6,
    targets: [
      connect('A', 'ContactFlowErrors', 'ContactFlow', '${ContactFlowName}', { ContactFlowName: ['*'] }),
      connect('B', 'ContactFlowFatalErrors', 'ContactFlow', '${ContactFlowName} (fatal)', { ContactFlowName: ['*'] }),
    ],
    fieldConfig: fieldConfig({ unit: 'short', decimals: 0, min: 0, thresholds: highIsBad(1, 20), noValue: NONE }),
  },
  ['sum']
);

export const nocOverview = dashboard({
  key: 'noc',
  description:
    'Amazon Connect at a glance: flow errors, misconfigured numbers, recording failures, packet loss, throttled calls, quota headroom, worst queues and call quality.',
  tags: ['noc', 'overview'],
  links: (['queues', 'quotas', 'voiceId', 'voiceConnectors'] as const).map((key) => ({
    title: DASHBOARDS[key].title.replace('Switchboard · ', ''),
    uid: DASHBOARDS[key].uid,
  })),
  refresh: '10s',
  time: { from: 'now-1h', to: 'now' },
  variables: [datasourceVar, regionVar, instanceVar, { ...queueVar, hide: VariableHide.hideVariable }],
  panels: layout([
    flowErrors,
    fatal,
    misconfigured,
    recordings,
    throttled,
    packetLoss,
    headroom,
    worstQueues,
    mos,
    row('Flows'),
    flows,
  ]),
});
