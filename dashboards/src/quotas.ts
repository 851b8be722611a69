import {
  NONE,
  onlyFields,
  bargauge,
  cloudwatch,
  COLORS,
  expression,
  fieldConfig,
  gauge,
  highIsBad,
  layout,
  lowIsBad,
  quota,
  row,
  stat,
  table,
  thresholds,
  timeseries,
  unitOf,
} from './builders';
import { dashboard, linkTo } from './dashboard';
import { channelVar, datasourceVar, instanceVar, regionVar } from './variables';

/**
 * Service quotas: concurrency in use against the instance's quotas per channel. The quota itself is not published;
 * the proxy derives it from in-use and the percentage metrics (docs/api.md, quota). Thresholds: 80 % used is a
 * warning, 90 % an alert (Connect starts refusing at 100 %: breaches, throttled calls).
 */

const used = highIsBad(80, 90);
const connect = (metricName: string, group: string, refId: string, label: string, hide = false) =>
  cloudwatch({
    refId,
    namespace: 'AWS/Connect',
    metricName,
    dimensions: { InstanceId: ['$instance'], MetricGroup: [group] },
    label,
    hide,
  });

const usedGauges = gauge(
  {
    title: 'Concurrency used',
    description:
      "Peak share of each channel's concurrency quota in use over the time range. Orange from 80 %, red from 90 %.",
    w: 12,
    h: 7,
    targets: [quota('A', 'table')],
    transformations: onlyFields('Channel', 'Used'),
    fieldConfig: fieldConfig({
      unit: 'percent',
      min: 0,
      max: 100,
      decimals: 0,
      thresholds: used,
      displayName: '${__data.fields.Channel}',
    }),
  },
  ['lastNotNull'],
  true
);

const headroom = stat(
  {
    title: 'Headroom',
    description: 'Concurrent contacts each channel can still take before its quota (quota − peak in use).',
    w: 12,
    h: 7,
    targets: [quota('A', 'table')],
    transformations: onlyFields('Channel', 'Headroom'),
    fieldConfig: fieldConfig({
      unit: 'short',
      decimals: 0,
      thresholds: lowIsBad(5, 15),
      displayName: '${__data.fields.Channel}',
    }),
  },
  ['lastNotNull'],
  true
);

const quotaTable = table({
  title: 'Quotas per channel',
  description:
    'In use now, peak in use, the derived quota, the share used, headroom, contacts above quota (breaches) and throttled calls over the range.',
  w: 24,
  h: 6,
  targets: [quota('A', 'table')],
  fieldConfig: fieldConfig({
    unit: 'short',
    decimals: 0,
    overrides: [
      {
        name: 'Used',
        properties: {
          unit: 'percent',
          thresholds: used,
          'custom.cellOptions': { type: 'gauge', mode: 'basic' },
          min: 0,
          max: 100,
        },
      },
      { name: 'Headroom', properties: { thresholds: lowIsBad(5, 15), 'custom.cellOptions': { type: 'color-text' } } },
      { name: 'Breaches', properties: { thresholds: highIsBad(1, 10), 'custom.cellOptions': { type: 'color-text' } } },
      { name: 'Throttled', properties: { thresholds: highIsBad(1, 10), 'custom.cellOptions': { type: 'color-text' } } },
    ],
  }),
});

const inUseTrend = timeseries({
  title: 'In use against quota',
  description: 'Concurrent contacts per channel and the quota derived for it (dashed).',
  w: 12,
  h: 8,
  targets: [quota('A', 'timeseries')],
  fieldConfig: fieldConfig({
    unit: 'short',
    decimals: 0,
    min: 0,
    // The frames are per channel (label `channel`): "VOICE In use", "VOICE Quota".
    displayName: '${__field.labels.channel} ${__field.name}',
    overrides: [
      { name: 'Quota', properties: { 'custom.lineStyle': { fill: 'dash', dash: [10, 10] } } },
      {
        name: 'Used',
        properties: {
          'custom.hideFrom': { legend: true, tooltip: false, viz: true },
          'custom.axisPlacement': 'hidden',
          unit: 'percent',
        },
      },
    ],
  }),
});

// Connect's percentage metrics do not share one scale: ConcurrentActiveChatsPercentage is 0–100, the others 0–1
// (src/connect/cloudwatchCatalog.ts). Chats are divided by 100 so that one axis fits all.
const percentTrend = timeseries({
  title: 'Concurrency percentage',
  description:
    'AWS/Connect ConcurrentCallsPercentage, ConcurrentActiveChatsPercentage (÷ 100: published as 0–100) and ' +
    'ConcurrentTasksPercentage, the maximum of each period. Lines at 80 % and 90 %.',
  w: 12,
  h: 8,
  targets: [
    connect('ConcurrentCallsPercentage', 'VoiceCalls', 'A', 'Calls'),
    connect('ConcurrentActiveChatsPercentage', 'Chats', 'B', 'Chats (0–100)', true),
    expression('C', 'b / 100', 'Chats'),
    connect('ConcurrentTasksPercentage', 'Tasks', 'D', 'Tasks'),
  ],
  fieldConfig: fieldConfig({
    unit: unitOf('AWS/Connect', 'ConcurrentCallsPercentage'),
    min: 0,
    max: 1,
    thresholds: thresholds(COLORS.ok, [0.8, COLORS.warn], [0.9, COLORS.alert]),
    color: { mode: 'palette-classic' },
    custom: { thresholdsStyle: { mode: 'dashed' } },
  }),
});

const breaches = timeseries(
  {
    title: 'Breaches and throttles',
    description:
      'Contacts above a concurrency quota (CallsBreachingConcurrencyQuota, ChatsBreachingActiveChatQuota, ' +
      'TasksBreachingConcurrencyQuota) and calls refused by the call-rate quota (ThrottledCalls). Zero is normal.',
    w: 16,
    h: 8,
    targets: [
      connect('CallsBreachingConcurrencyQuota', 'VoiceCalls', 'A', 'Calls above quota'),
      connect('ChatsBreachingActiveChatQuota', 'Chats', 'B', 'Chats above quota'),
      connect('TasksBreachingConcurrencyQuota', 'Tasks', 'C', 'Tasks above quota'),
      connect('ThrottledCalls', 'VoiceCalls', 'D', 'Throttled calls'),
    ],
    fieldConfig: fieldConfig({ unit: unitOf('AWS/Connect', 'ThrottledCalls'), decimals: 0, min: 0, noValue: NONE }),
  },
  'bars'
);

const breachTotals = bargauge(
  {
    title: 'Over the range',
    description: 'Totals of the breach and throttle counters over the time range. Any is red.',
    w: 8,
    h: 8,
    targets: [
      connect('CallsBreachingConcurrencyQuota', 'VoiceCalls', 'A', 'Calls above quota'),
      connect('ChatsBreachingActiveChatQuota', 'Chats', 'B', 'Chats above quota'),
      connect('TasksBreachingConcurrencyQuota', 'Tasks', 'C', 'Tasks above quota'),
      connect('ThrottledCalls', 'VoiceCalls', 'D', 'Throttled calls'),
    ],
    fieldConfig: fieldConfig({
      unit: 'short',
      decimals: 0,
      min: 0,
      thresholds: thresholds(COLORS.ok, [1, COLORS.alert]),
      noValue: '0',
    }),
    links: [linkTo('noc')],
  },
  ['sum']
);

export const quotas = dashboard({
  key: 'quotas',
  description: 'Amazon Connect concurrency quotas per channel: in use, headroom, breaches and throttled calls.',
  tags: ['quotas'],
  refresh: '1m',
  time: { from: 'now-6h', to: 'now' },
  variables: [datasourceVar, regionVar, instanceVar, channelVar],
  panels: layout([
    row('Now'),
    usedGauges,
    headroom,
    quotaTable,
    row('Over time'),
    inUseTrend,
    percentTrend,
    breaches,
    breachTotals,
  ]),
});
