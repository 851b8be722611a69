import {
  COLORS,
  fieldConfig,
  historical,
  layout,
  row,
  stat,
  table,
  thresholds,
  timeseries,
  type HistoricalTarget,
} from './builders';
import { dashboard } from './dashboard';
import { AGE_UNIT, GOALS, SERVICE_LEVEL_SECONDS, withTodayColumnNames } from './queueRules';
import { channelVar, datasourceVar, goalVariables, instanceVar, queueVar, regionVar } from './variables';

/**
 * Service level (issue 17): how the contact center is doing today against its targets, how today compares with the
 * same weekday last week, and the last 30 days; per channel and routing profile. Everything comes from Connect's
 * historical metrics (GetMetricDataV2) for the queues and channels chosen; the targets are the dashboard's variables,
 * carried by the queries as goals (queueRules.ts).
 */

const SL = { name: 'SERVICE_LEVEL', threshold: { comparison: 'LT' as const, seconds: SERVICE_LEVEL_SECONDS } };
const SL_FIELD = `SERVICE_LEVEL < ${SERVICE_LEVEL_SECONDS} s`;
const within = `answered or abandoned within ${SERVICE_LEVEL_SECONDS} s, of the contacts queued`;

const query = (t: Omit<HistoricalTarget, 'queues' | 'channels'>) =>
  historical({ queues: '$queue', channels: '$channel', goals: GOALS, ...t });

/** Percent fields coloured by their goals (the datasource sets each field's thresholds from the target variables). */
const percent = { unit: 'percent', decimals: 1, color: { mode: 'thresholds' } };

const todayStat = (title: string, description: string, metric: HistoricalTarget['metrics'][number], unit: string) =>
  stat({
    title,
    description,
    w: 6,
    h: 5,
    targets: [query({ groupings: [], metrics: [metric], interval: 'TOTAL' })],
    fieldConfig: fieldConfig({
      unit,
      decimals: unit === 'percent' ? 1 : unit === 'short' ? 0 : undefined,
      // a goal's thresholds (service level, abandonment) colour the value; the others stay neutral
      thresholds: thresholds(COLORS.info),
      noValue: 'No contacts yet today',
    }),
    options: { textMode: 'value', colorMode: unit === 'percent' ? 'background' : 'value' },
  });

const slToday = todayStat(
  'Service level today',
  `Contacts ${within}, today so far. Coloured by the service level targets (variables).`,
  SL,
  'percent'
);
const abandonedToday = todayStat(
  'Abandonment today',
  'Contacts abandoned in queue, of the contacts queued, today so far. Coloured by the abandonment targets.',
  { name: 'ABANDONMENT_RATE' },
  'percent'
);
const abandonedCount = todayStat(
  'Contacts abandoned today',
  'Contacts the customer hung up on while waiting in the queue, today so far.',
  { name: 'CONTACTS_ABANDONED' },
  'short'
);
const handledToday = todayStat(
  'Contacts handled today',
  'Contacts an agent connected to, today so far.',
  { name: 'CONTACTS_HANDLED' },
  'short'
);

/** Today by 15 minutes, and the same weekday last week drawn over it (dashed). */
const versusLastWeek = (
  title: string,
  description: string,
  metric: HistoricalTarget['metrics'][number],
  unit: string
) =>
  timeseries({
    title,
    description,
    w: 12,
    h: 9,
    targets: [
      query({ refId: 'A', groupings: [], metrics: [metric], interval: 'FIFTEEN_MIN', format: 'timeseries' }),
      query({
        refId: 'B',
        groupings: [],
        metrics: [metric],
        interval: 'FIFTEEN_MIN',
        format: 'timeseries',
        offsetDays: 7,
      }),
    ],
    fieldConfig: fieldConfig({
      unit,
      ...(unit === 'percent' ? { decimals: 1, min: 0, max: 100 } : { decimals: 0, min: 0 }),
      custom: {
        lineWidth: 3,
        showPoints: 'always',
        pointSize: 6,
        // the goals' lines (service level 80 and 70) drawn across the chart
        thresholdsStyle: { mode: unit === 'percent' ? 'line' : 'off' },
      },
      // last week: dashed and thinner, so the two lines differ without colour
      overrides: [
        { refId: 'B', properties: { 'custom.lineStyle': { fill: 'dash', dash: [10, 10] }, 'custom.lineWidth': 2 } },
      ],
    }),
  });

const slVersus = versusLastWeek(
  'Service level by 15 minutes: today and the same weekday last week',
  `Contacts ${within}, per 15 minutes: today (solid) and the same weekday last week (dashed, "7 days earlier"), in the dashboard's time zone. The lines across are the targets.`,
  SL,
  'percent'
);
const handledVersus = versusLastWeek(
  'Contacts handled by 15 minutes: today and the same weekday last week',
  'Contacts handled per 15 minutes: today (solid) and the same weekday last week (dashed): is today busier than usual?',
  { name: 'CONTACTS_HANDLED' },
  'short'
);

const breakdown = (title: string, grouping: 'CHANNEL' | 'ROUTING_PROFILE', what: string) =>
  table({
    title,
    description: `Today so far per ${what}: service level (${within}), abandonment, contacts handled and abandoned, and the longest wait. Worst service level first. (Averages per queue: the Queues dashboard's Today per queue.)`,
    w: 12,
    h: 8,
    targets: [
      query({
        groupings: [grouping],
        metrics: [
          SL,
          { name: 'ABANDONMENT_RATE' },
          { name: 'CONTACTS_HANDLED' },
          { name: 'CONTACTS_ABANDONED' },
          { name: 'MAX_QUEUED_TIME' },
        ],
        interval: 'TOTAL',
      }),
    ],
    fieldConfig: fieldConfig({
      unit: 'short',
      decimals: 0,
      custom: { align: 'auto', cellOptions: { type: 'auto' } },
      overrides: withTodayColumnNames([
        { name: SL_FIELD, properties: { ...percent, 'custom.cellOptions': { type: 'color-background' } } },
        { name: 'ABANDONMENT_RATE', properties: { ...percent, 'custom.cellOptions': { type: 'color-text' } } },
        { name: 'MAX_QUEUED_TIME', properties: { unit: AGE_UNIT } },
      ]),
    }),
    options: { sortBy: [{ displayName: 'Service level', desc: false }] },
  });

const perChannel = breakdown('Today per channel', 'CHANNEL', 'channel');
const perRoutingProfile = breakdown('Today per routing profile', 'ROUTING_PROFILE', 'routing profile');

const daily = timeseries({
  title: 'Service level and abandonment per day, last 30 days',
  description: `Per day in the dashboard's time zone: service level (${within}) and abandonment rate. The lines across are the service level targets.`,
  w: 12,
  h: 9,
  timeFrom: 'now-30d/d',
  targets: [
    query({ groupings: [], metrics: [SL, { name: 'ABANDONMENT_RATE' }], interval: 'DAY', format: 'timeseries' }),
  ],
  fieldConfig: fieldConfig({
    unit: 'percent',
    decimals: 1,
    min: 0,
    max: 100,
    custom: { lineWidth: 3, showPoints: 'always', pointSize: 8, thresholdsStyle: { mode: 'line' } },
    overrides: [{ name: 'ABANDONMENT_RATE', properties: { 'custom.lineStyle': { fill: 'dash', dash: [10, 10] } } }],
  }),
});

const dailyVolume = timeseries(
  {
    title: 'Contacts handled and abandoned per day, last 30 days',
    description: "Per day in the dashboard's time zone: contacts handled and contacts abandoned in queue.",
    w: 12,
    h: 9,
    timeFrom: 'now-30d/d',
    targets: [
      query({
        groupings: [],
        metrics: [{ name: 'CONTACTS_HANDLED' }, { name: 'CONTACTS_ABANDONED' }],
        interval: 'DAY',
        format: 'timeseries',
      }),
    ],
    fieldConfig: fieldConfig({ unit: 'short', decimals: 0, min: 0 }),
  },
  'bars'
);

export const serviceLevel = dashboard({
  key: 'serviceLevel',
  description:
    'Amazon Connect service level from its historical metrics: today against the targets, today and the same weekday last week by 15 minutes, per channel and routing profile, and the last 30 days.',
  tags: ['service-level', 'historical'],
  refresh: '1m',
  time: { from: 'now/d', to: 'now' },
  variables: [datasourceVar, regionVar, instanceVar, queueVar, channelVar, ...goalVariables()],
  panels: layout([
    row('Today'),
    slToday,
    abandonedToday,
    handledToday,
    abandonedCount,
    slVersus,
    handledVersus,
    row('Today per channel and routing profile'),
    perChannel,
    perRoutingProfile,
    row('Last 30 days'),
    daily,
    dailyVolume,
  ]),
});
