import {
  cloudwatch,
  COLORS,
  fieldConfig,
  hidden,
  highIsBad,
  historical,
  layout,
  lowIsBad,
  NONE,
  queueWallPanel,
  realtime,
  row,
  stat,
  table,
  thresholds,
  timeseries,
  unitOf,
} from './builders';
import { dashboard, DASHBOARDS, linkTo } from './dashboard';
import {
  AGE_UNIT,
  GOALS,
  IN_QUEUE_THRESHOLDS,
  OLDEST_THRESHOLDS,
  SERVICE_LEVEL_SECONDS,
  WALLBOARD_RULES,
  withTodayColumnNames,
} from './queueRules';
import { channelVar, datasourceVar, goalVariables, instanceVar, queueVar, regionVar } from './variables';

/**
 * Queues: what a supervisor's wall shows. Real-time (GetCurrentMetricData, every 10 s) for now; CloudWatch for the
 * last hours. NOC thresholds: a contact waiting 1 minute is a warning, 3 minutes an alert; no available agent while
 * contacts wait is an alert.
 */

const QUEUE_DIMS = { InstanceId: ['$instance'], MetricGroup: ['Queue'], QueueName: ['$queue'] };
const OLDEST = OLDEST_THRESHOLDS;
const IN_QUEUE = IN_QUEUE_THRESHOLDS;

const wallboard = queueWallPanel({
  title: 'Queue wallboard',
  description:
    'A tile per queue: contacts waiting, the oldest contact (ticking between refreshes) and available agents, ' +
    'coloured by the thresholds of each metric and sorted worst first.',
  w: 24,
  // Two rows of tiles at 16 px labels on a 1080p screen; more queues are summarised, alerts and warnings first.
  h: 14,
  options: {
    // The shared rules (queueRules.ts): no agent available is a warning while contacts wait; contacts waiting and
    // their age make the alerts (an empty queue whose agents are busy elsewhere is not an emergency).
    tiles: { metrics: WALLBOARD_RULES },
    tileMinWidth: 240,
  },
});

const totals = stat(
  {
    title: 'Selected queues now',
    description: 'The selected queues and channels together (GetCurrentMetricData without grouping).',
    w: 24,
    h: 4,
    targets: [
      realtime({
        queues: '$queue',
        channels: '$channel',
        groupings: [],
        metrics: [
          'CONTACTS_IN_QUEUE',
          'OLDEST_CONTACT_AGE',
          'AGENTS_ONLINE',
          'AGENTS_AVAILABLE',
          'AGENTS_ON_CONTACT',
          'AGENTS_AFTER_CONTACT_WORK',
          'AGENTS_NON_PRODUCTIVE',
        ],
      }),
    ],
    fieldConfig: fieldConfig({
      unit: 'short',
      decimals: 0,
      thresholds: thresholds(COLORS.info),
      overrides: [
        { name: 'CONTACTS_IN_QUEUE', properties: { thresholds: IN_QUEUE } },
        { name: 'OLDEST_CONTACT_AGE', properties: { unit: AGE_UNIT, thresholds: OLDEST } },
        // Available agents are judged only while contacts wait (the wallboard's rule), which a stat cannot tell:
        // it is shown without a colour rather than with one that disagrees with the wallboard.
      ],
    }),
  },
  ['lastNotNull']
);

const perQueue = table({
  title: 'Queues, agents and slots',
  description:
    'Every real-time metric per queue. Agents serving several queues appear in each of them. Slots: contacts an ' +
    'agent can take at once (active = in use).',
  w: 24,
  h: 9,
  targets: [
    realtime({
      queues: '$queue',
      channels: '$channel',
      groupings: ['QUEUE'],
      // Contacts first (what a NOC reads first), then agents, then slots; AGENTS_ON_CALL is left out (Connect
      // replaced it with AGENTS_ON_CONTACT, which has the same report name).
      metrics: [
        'CONTACTS_IN_QUEUE',
        'OLDEST_CONTACT_AGE',
        'CONTACTS_SCHEDULED',
        'AGENTS_ONLINE',
        'AGENTS_AVAILABLE',
        'AGENTS_ON_CONTACT',
        'AGENTS_AFTER_CONTACT_WORK',
        'AGENTS_NON_PRODUCTIVE',
        'AGENTS_ERROR',
        'AGENTS_STAFFED',
        'SLOTS_ACTIVE',
        'SLOTS_AVAILABLE',
      ],
      sort: { metric: 'OLDEST_CONTACT_AGE', order: 'DESCENDING' },
    }),
  ],
  fieldConfig: fieldConfig({
    unit: 'short',
    decimals: 0,
    custom: { align: 'auto', cellOptions: { type: 'auto' } },
    overrides: [
      { name: 'Queue ID', properties: hidden },
      {
        name: 'OLDEST_CONTACT_AGE',
        properties: { unit: AGE_UNIT, thresholds: OLDEST, 'custom.cellOptions': { type: 'color-background' } },
      },
      { name: 'CONTACTS_IN_QUEUE', properties: { thresholds: IN_QUEUE, 'custom.cellOptions': { type: 'color-text' } } },
      // AGENTS_AVAILABLE uncoloured, as in the stat above.
    ],
  }),
});

const today = table({
  title: 'Today per queue',
  description:
    "Amazon Connect historical metrics for today so far (the dashboard's time zone): service level (contacts " +
    `answered or abandoned within ${SERVICE_LEVEL_SECONDS} s, of those queued), abandonment rate, average answer and handle ` +
    'times, contacts handled and abandoned.',
  w: 24,
  h: 8,
  timeFrom: 'now/d',
  targets: [
    historical({
      queues: '$queue',
      channels: '$channel',
      groupings: ['QUEUE'],
      metrics: [
        { name: 'SERVICE_LEVEL', threshold: { comparison: 'LT', seconds: SERVICE_LEVEL_SECONDS } },
        { name: 'ABANDONMENT_RATE' },
        { name: 'AVG_QUEUE_ANSWER_TIME' },
        { name: 'AVG_HANDLE_TIME' },
        { name: 'CONTACTS_HANDLED' },
        { name: 'CONTACTS_ABANDONED' },
      ],
      interval: 'TOTAL',
      goals: GOALS,
    }),
  ],
  fieldConfig: fieldConfig({
    unit: 'short',
    decimals: 0,
    custom: { align: 'auto', cellOptions: { type: 'auto' } },
    overrides: withTodayColumnNames([
      {
        name: `SERVICE_LEVEL < ${SERVICE_LEVEL_SECONDS} s`,
        properties: {
          unit: 'percent',
          decimals: 1,
          // the thresholds are the query's goals (the target variables), set on the field by the datasource
          color: { mode: 'thresholds' },
          'custom.cellOptions': { type: 'color-background' },
        },
      },
      {
        name: 'ABANDONMENT_RATE',
        properties: {
          unit: 'percent',
          decimals: 1,
          color: { mode: 'thresholds' },
          'custom.cellOptions': { type: 'color-text' },
        },
      },
      { name: 'AVG_QUEUE_ANSWER_TIME', properties: { unit: AGE_UNIT } },
      { name: 'AVG_HANDLE_TIME', properties: { unit: AGE_UNIT } },
    ]),
  }),
  links: [linkTo('serviceLevel')],
  // the exceptions first: the worst service level at the top
  options: { sortBy: [{ displayName: 'Service level', desc: false }] },
});

const queueSize = timeseries({
  title: 'Contacts in queue (CloudWatch)',
  description: 'AWS/Connect QueueSize per queue, the maximum of each period: the history of "In queue".',
  w: 12,
  h: 8,
  targets: [
    cloudwatch({
      refId: 'A',
      namespace: 'AWS/Connect',
      metricName: 'QueueSize',
      dimensions: QUEUE_DIMS,
      label: '${QueueName}',
    }),
  ],
  fieldConfig: fieldConfig({ unit: unitOf('AWS/Connect', 'QueueSize'), decimals: 0, min: 0 }),
});

const longestWait = timeseries({
  title: 'Longest wait (CloudWatch)',
  description:
    'AWS/Connect LongestQueueWaitTime per queue: the longest a contact waited in each minute. Orange from 1 minute, ' +
    'red from 3.',
  w: 12,
  h: 8,
  targets: [
    cloudwatch({
      refId: 'A',
      namespace: 'AWS/Connect',
      metricName: 'LongestQueueWaitTime',
      dimensions: QUEUE_DIMS,
      label: '${QueueName}',
    }),
  ],
  fieldConfig: fieldConfig({
    unit: unitOf('AWS/Connect', 'LongestQueueWaitTime'),
    min: 0,
    thresholds: OLDEST,
    color: { mode: 'palette-classic' },
  }),
});

const missed = timeseries(
  {
    title: 'Missed calls',
    description:
      'AWS/Connect MissedCalls of the instance: calls offered to an agent and not answered within 20 seconds. Any is ' +
      'worth a look (agent status hygiene).',
    w: 8,
    h: 7,
    targets: [
      cloudwatch({
        refId: 'A',
        namespace: 'AWS/Connect',
        metricName: 'MissedCalls',
        dimensions: { InstanceId: ['$instance'], MetricGroup: ['VoiceCalls'] },
        label: 'Missed calls',
      }),
    ],
    fieldConfig: fieldConfig({ unit: unitOf('AWS/Connect', 'MissedCalls'), decimals: 0, min: 0, noValue: NONE }),
  },
  'bars'
);

const rejected = timeseries(
  {
    title: 'Rejected: queue full',
    description:
      "AWS/Connect QueueCapacityExceededError per queue: contacts refused because the queue's maximum contacts was " +
      'reached. Any value means callers heard the queue-full branch of the flow.',
    w: 8,
    h: 7,
    targets: [
      cloudwatch({
        refId: 'A',
        namespace: 'AWS/Connect',
        metricName: 'QueueCapacityExceededError',
        dimensions: QUEUE_DIMS,
        label: '${QueueName}',
      }),
    ],
    fieldConfig: fieldConfig({
      unit: unitOf('AWS/Connect', 'QueueCapacityExceededError'),
      decimals: 0,
      min: 0,
      noValue: NONE,
    }),
    links: [linkTo('noc')],
  },
  'bars'
);

// fact: callback-not-dialable-dimensions: AWS's page files this metric per queue (its dimension list) and per flow
// (its table); both are asked for, and whichever AWS publishes is drawn. fact: counter-statistics: Sum.
const undialable = timeseries(
  {
    title: 'Undialable callbacks',
    description:
      'AWS/Connect CallBackNotDialableNumber per queue (or per flow, the other form AWS names): queued callbacks ' +
      'that could not be dialled because the number is in a country the instance may not call. The customer waits ' +
      'for a call that never comes.',
    w: 8,
    h: 7,
    targets: [
      cloudwatch({
        refId: 'A',
        namespace: 'AWS/Connect',
        metricName: 'CallBackNotDialableNumber',
        dimensions: QUEUE_DIMS,
        label: '${QueueName}',
      }),
      cloudwatch({
        refId: 'B',
        namespace: 'AWS/Connect',
        metricName: 'CallBackNotDialableNumber',
        dimensions: { InstanceId: ['$instance'], MetricGroup: ['ContactFlow'], ContactFlowName: ['*'] },
        label: 'flow ${ContactFlowName}',
      }),
    ],
    fieldConfig: fieldConfig({
      unit: unitOf('AWS/Connect', 'CallBackNotDialableNumber'),
      decimals: 0,
      min: 0,
      noValue: NONE,
    }),
    // A queue per legend row with its total, the queues with callbacks first; the others say "None in this range".
    options: {
      legend: {
        displayMode: 'table',
        placement: 'right',
        showLegend: true,
        calcs: ['sum'],
        sortBy: 'Total',
        sortDesc: true,
      },
    },
    links: [linkTo('noc')],
  },
  'bars'
);

export const queues = dashboard({
  key: 'queues',
  description:
    'Amazon Connect queues in real time: contacts waiting, oldest contact, agents and slots; queue history, missed calls, full queues and undialable callbacks.',
  tags: ['queues', 'real-time'],
  refresh: '10s',
  time: { from: 'now-3h', to: 'now' },
  variables: [datasourceVar, regionVar, instanceVar, queueVar, channelVar, ...goalVariables()],
  links: [{ title: 'NOC wall (kiosk)', uid: DASHBOARDS.wall.uid, query: '?kiosk' }],
  panels: layout([
    row('Now (real time)'),
    wallboard,
    totals,
    perQueue,
    row('Today (historical metrics)'),
    today,
    row('History (CloudWatch)'),
    queueSize,
    longestWait,
    missed,
    rejected,
    undialable,
  ]),
});
