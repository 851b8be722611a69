import {
  NONE,
  onlyFields,
  bargauge,
  cloudwatch,
  COLORS,
  expression,
  fieldConfig,
  highIsBad,
  historical,
  layout,
  quota,
  realtime,
  row,
  stat,
  table,
  thresholds,
  unitOf,
  type Target,
} from './builders';
import { VariableHide } from '@grafana/schema';
import { dashboard, DASHBOARDS, linkTo } from './dashboard';
import { AGE_UNIT, GOALS, IN_QUEUE_THRESHOLDS, OLDEST_THRESHOLDS, SERVICE_LEVEL_SECONDS } from './queueRules';
import { QUALITY } from './voiceConnectors';
import { datasourceVar, goalVariables, instanceVar, queueVar, regionVar } from './variables';

/**
 * The instance at a glance, for the screen everyone sees: red means "open the dashboard it links to". Each stat
 * counts over the time range (default: the last hour), so a red tile clears an hour after the problem stops.
 */

const connect = (
  refId: string,
  metricName: string,
  group: string,
  label: string,
  extra: Record<string, string[]> = {},
  more: { id?: string; hide?: boolean; period?: number } = {}
) =>
  cloudwatch({
    refId,
    namespace: 'AWS/Connect',
    metricName,
    dimensions: { InstanceId: ['$instance'], MetricGroup: [group], ...extra },
    label,
    ...more,
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

// Both the peak of the range and now, each named so: the peak keeps a near-breach on the wall after it passed. A
// tile per channel, which stays legible in a narrow panel (a bar gauge truncates "VOICE peak" to "VOI…").
const quotaUsed = (title: string, description: string, column: 'Peak used' | 'Used', when: 'peak' | 'now') =>
  stat(
    {
      title,
      description,
      w: 4,
      h: 8,
      targets: [quota('A', 'table', null)],
      transformations: onlyFields('Channel', column),
      fieldConfig: fieldConfig({
        unit: 'percent',
        min: 0,
        max: 100,
        decimals: 0,
        thresholds: highIsBad(80, 90),
        displayName: `\${__data.fields.Channel} ${when}`,
      }),
      links: [linkTo('quotas')],
    },
    ['lastNotNull'],
    true
  );
const quotaPeak = quotaUsed(
  // short enough for a 4-column title; the description says "of the range"
  'Quota used at peak',
  "Share of each channel's concurrency quota in use in the busiest period of the range. Orange from 80 %, red " +
    'from 90 %.',
  'Peak used',
  'peak'
);
const quotaNow = quotaUsed(
  'Quota used now',
  "Share of each channel's concurrency quota in use in the last period of the range (now). Orange from 80 %, red " +
    'from 90 %.',
  'Used',
  'now'
);

/**
 * A count over every series of a metric published per contact, queue or flow: CloudWatch adds the series up
 * (`SUM(METRICS('id'))`, ids matched by substring) from hidden queries, and the tile shows that total only (the
 * datasource sends the hidden queries METRICS('id') reads). No series at all (no task expired in two weeks) is an
 * empty total, which the tile shows as "None in this range", never as an error.
 */
const total = (
  title: string,
  description: string,
  series: Target[],
  idSubstring: string,
  label: string,
  t: ReturnType<typeof thresholds>,
  link?: ReturnType<typeof linkTo>
) =>
  stat(
    {
      title,
      description,
      w: 4,
      h: 4,
      targets: [...series.map((t) => ({ ...t, hide: true })), expression('Z', `SUM(METRICS('${idSubstring}'))`, label)],
      fieldConfig: fieldConfig({ unit: 'short', decimals: 0, thresholds: t, noValue: NONE }),
      options: { textMode: 'value', graphMode: 'area' },
      ...(link ? { links: [link] } : {}),
    },
    ['sum']
  );

// fact: counter-statistics: events are counted with Sum. fact: connect-metric-dimensions: one series per task
// (MetricGroup Tasks + ContactId).
const tasksExpired = total(
  'Tasks expired',
  'TasksExpired over the range, all tasks: tasks that expired after 7 days active (work nobody did). AWS publishes ' +
    'one series per task (ContactId), only when it expires. Any is red.',
  [connect('A', 'TasksExpired', 'Tasks', '${ContactId}', { ContactId: ['*'] }, { id: 'expired' })],
  'expired',
  'Tasks expired',
  anyIsRed
);
const tasksExpiring = total(
  'Tasks about to expire',
  'TasksExpiryWarningReached over the range, all tasks: tasks active for 6 days 22 hours, which expire 2 hours later ' +
    'unless completed. One series per task (ContactId). Any is orange.',
  [connect('A', 'TasksExpiryWarningReached', 'Tasks', '${ContactId}', { ContactId: ['*'] }, { id: 'warned' })],
  'warned',
  'Tasks about to expire',
  anyIsOrange
);
// fact: callback-not-dialable-dimensions: AWS's page files it per queue in one place and per flow in another; both.
const undialable = total(
  'Undialable callbacks',
  'CallBackNotDialableNumber over the range: queued callbacks that could not be dialled because the country is ' +
    'not allowed for the instance, every queue and flow (AWS names both dimension forms). Any is orange.',
  [
    connect('A', 'CallBackNotDialableNumber', 'Queue', '${QueueName}', { QueueName: ['*'] }, { id: 'callbacks' }),
    connect(
      'B',
      'CallBackNotDialableNumber',
      'ContactFlow',
      '${ContactFlowName}',
      { ContactFlowName: ['*'] },
      { id: 'callbacks_flow' }
    ),
  ],
  'callbacks',
  'Undialable callbacks',
  anyIsOrange,
  linkTo('queues')
);

// fact: calls-per-interval: calls in a period (Sum), and a spike judged against the range's own average, since no
// fixed number fits two contact centers. Periods without calls send no data point: FILL counts them as 0 in the
// average (the numerator keeps only periods with calls: a quiet period is no spike). 5-minute periods: at a few calls
// a minute, chance alone makes some minute twice the average in every hour (the simulator's 14:00 hour has one).
const callSpike = stat(
  {
    title: 'Call spike (peak in range)',
    description:
      'Calls (CallsPerInterval, Sum) in the busiest 5 minutes of the range ÷ the average 5 minutes of the range. ' +
      '1× is an ordinary period; orange from 1.5×, red from 2×. The line: each 5 minutes against the average.',
    w: 4,
    h: 4,
    targets: [
      connect('A', 'CallsPerInterval', 'VoiceCalls', 'Calls', {}, { hide: true, period: 300 }),
      expression('B', 'a / AVG(FILL(a, 0))', 'peak ÷ average'),
    ],
    fieldConfig: fieldConfig({
      unit: 'suffix:×',
      decimals: 1,
      thresholds: highIsBad(1.5, 2),
      noValue: 'No calls in this range',
    }),
    options: { textMode: 'value', graphMode: 'area' },
  },
  ['max']
);

const perPeriod = (title: string, description: string, metricName: string, group: string, label: string) =>
  stat(
    {
      title,
      description,
      w: 4,
      h: 4,
      targets: [connect('A', metricName, group, label)],
      fieldConfig: fieldConfig({
        unit: unitOf('AWS/Connect', metricName),
        decimals: 0,
        thresholds: thresholds(COLORS.info),
        noValue: NONE,
      }),
      options: { textMode: 'value_and_name', graphMode: 'area' },
    },
    ['lastNotNull']
  );
const calls = perPeriod(
  'Calls per period',
  'CallsPerInterval: voice calls received or placed in each period (Sum; published every minute, only for ' +
    'periods with calls). The value is the latest period; the line the range.',
  'CallsPerInterval',
  'VoiceCalls',
  'calls per ${PERIOD} s, latest'
);
const chats = perPeriod(
  'Chats started per period',
  'SuccessfulChatsPerInterval: chats started in each period (Sum; published every minute, only for periods with ' +
    'chats). The value is the latest period; the line the range.',
  'SuccessfulChatsPerInterval',
  'Chats',
  'chats per ${PERIOD} s, latest'
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
        properties: {
          unit: AGE_UNIT,
          thresholds: OLDEST_THRESHOLDS,
          'custom.cellOptions': { type: 'color-background' },
        },
      },
      {
        name: 'CONTACTS_IN_QUEUE',
        properties: { thresholds: IN_QUEUE_THRESHOLDS, 'custom.cellOptions': { type: 'color-text' } },
      },
    ],
  }),
  links: [linkTo('queues')],
  options: { sortBy: [{ displayName: 'Oldest', desc: true }] },
});

const serviceLevelToday = stat({
  title: 'Service level today',
  description: `Today so far, every queue: contacts answered or abandoned within ${SERVICE_LEVEL_SECONDS} s of those queued, and the abandonment rate (historical metrics). Coloured by the targets of the Service level and Queues dashboards.`,
  w: 24,
  h: 5,
  timeFrom: 'now/d',
  targets: [
    historical({
      queues: '$queue',
      groupings: [],
      metrics: [
        { name: 'SERVICE_LEVEL', threshold: { comparison: 'LT', seconds: SERVICE_LEVEL_SECONDS } },
        { name: 'ABANDONMENT_RATE' },
      ],
      interval: 'TOTAL',
      goals: GOALS,
    }),
  ],
  fieldConfig: fieldConfig({
    unit: 'percent',
    decimals: 1,
    thresholds: thresholds(COLORS.info),
    noValue: 'No contacts yet today',
  }),
  options: { textMode: 'value_and_name', colorMode: 'background' },
  links: [linkTo('serviceLevel')],
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
    'Amazon Connect at a glance: flow errors, misconfigured numbers, recording failures, throttled calls, packet loss, expired tasks, undialable callbacks, call spikes, quota used at the peak and now, worst queues and call quality.',
  tags: ['noc', 'overview'],
  links: [
    ...(['queues', 'serviceLevel', 'quotas', 'voiceId', 'voiceConnectors'] as const).map((key) => ({
      title: DASHBOARDS[key].title.replace('Switchboard · ', ''),
      uid: DASHBOARDS[key].uid,
    })),
    // The wall screen's dashboard, full screen.
    { title: 'NOC wall (kiosk)', uid: DASHBOARDS.wall.uid, query: '?kiosk' },
  ],
  refresh: '10s',
  time: { from: 'now-1h', to: 'now' },
  variables: [
    datasourceVar,
    regionVar,
    instanceVar,
    { ...queueVar, hide: VariableHide.hideVariable },
    // the targets, hidden: the dashboards' links carry a NOC's values here (includeVars)
    ...goalVariables().map((v) => ({ ...v, hide: VariableHide.hideVariable })),
  ],
  panels: layout([
    flowErrors,
    fatal,
    misconfigured,
    recordings,
    throttled,
    packetLoss,
    tasksExpired,
    tasksExpiring,
    undialable,
    callSpike,
    calls,
    chats,
    quotaPeak,
    quotaNow,
    worstQueues,
    mos,
    serviceLevelToday,
    row('Flows'),
    flows,
  ]),
});
