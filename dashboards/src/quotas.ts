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
 * the proxy derives it from in-use and the percentage metrics (docs/api.md, quota), with its precision. Every value
 * says whether it is now (the last period of the range) or the peak (its busiest period): a near-breach an hour ago
 * must not read as "fine" because the last minute is. Thresholds: 80 % used is a warning, 90 % an alert (Connect
 * starts refusing at 100 %: breaches, throttled calls).
 */

const used = highIsBad(80, 90);
const HEADROOM = lowIsBad(5, 15);
// The quota cannot always be derived (nothing in use, a quota below 1): the proxy says why in a notice, and the cells
// say so rather than staying empty or reading as 0.
const NOT_DERIVED = 'Not derived';
const NO_QUOTA = 'No quota';

const connect = (metricName: string, group: string, refId: string, label: string, hide = false) =>
  cloudwatch({
    refId,
    namespace: 'AWS/Connect',
    metricName,
    dimensions: { InstanceId: ['$instance'], MetricGroup: [group] },
    label,
    hide,
  });

/**
 * One column of the quota table, a value per channel. "Now" is the last period of the range, "peak" its busiest
 * period (docs/api.md, quota); each value's name says which, so that no colour has to.
 */
const perChannel = (column: string, when: 'now' | 'peak') => ({
  targets: [quota('A', 'table')],
  transformations: onlyFields('Channel', column),
  displayName: `\${__data.fields.Channel} ${when}`,
});

const usedGauges = (title: string, description: string, column: 'Used' | 'Peak used', when: 'now' | 'peak') => {
  const { targets, transformations, displayName } = perChannel(column, when);
  return gauge(
    {
      title,
      description,
      w: 12,
      h: 7,
      targets,
      transformations,
      fieldConfig: fieldConfig({ unit: 'percent', min: 0, max: 100, decimals: 0, thresholds: used, displayName }),
    },
    ['lastNotNull'],
    true
  );
};

const headroomStats = (
  title: string,
  description: string,
  column: 'Headroom' | 'Headroom at peak',
  when: 'now' | 'peak'
) => {
  const { targets, transformations, displayName } = perChannel(column, when);
  return stat(
    {
      title,
      description,
      w: 12,
      h: 5,
      targets,
      transformations,
      fieldConfig: fieldConfig({ unit: 'short', decimals: 0, thresholds: HEADROOM, displayName, noValue: NO_QUOTA }),
    },
    ['lastNotNull'],
    true
  );
};

// The peak first: a near-breach earlier in the range stays on screen after the channel has calmed down.
const peakUsed = usedGauges(
  'Quota used at peak (in range)',
  "Share of each channel's concurrency quota in use in the busiest period of the time range. Orange from 80 %, " +
    'red from 90 %.',
  'Peak used',
  'peak'
);
const usedNow = usedGauges(
  'Quota used now',
  "Share of each channel's concurrency quota in use in the last period of the time range (now, when the range " +
    'ends now). Orange from 80 %, red from 90 %.',
  'Used',
  'now'
);
const headroomAtPeak = headroomStats(
  'Lowest headroom (at peak, in range)',
  'Contacts each channel could still take in the busiest period of the range: quota − peak in use. Orange below ' +
    '15, red below 5. "No quota" when the quota cannot be derived (the panel\'s notice says why).',
  'Headroom at peak',
  'peak'
);
const headroomNow = headroomStats(
  'Headroom now',
  'Contacts each channel can still take in the last period of the range: quota − in use now. Orange below 15, red ' +
    'below 5. "No quota" when the quota cannot be derived (the panel\'s notice says why).',
  'Headroom',
  'now'
);

const quotaTable = table({
  title: 'Quotas per channel',
  description:
    'Per channel, busiest first: in use now and at the peak of the range, the derived quota and how far it may be ' +
    'off (Quota ±: AWS publishes the percentage, not the quota, and chats only in whole percent), the share used ' +
    'and the headroom now and at the peak, contacts above quota (breaches) and throttled calls over the range. ' +
    '"Not derived": the panel\'s notice says why.',
  w: 24,
  h: 7,
  targets: [quota('A', 'table')],
  fieldConfig: fieldConfig({
    unit: 'short',
    decimals: 0,
    // Breaches: no counter for emails; Throttled: voice only.
    noValue: 'n/a',
    overrides: [
      // Narrow enough for "Headroom at peak" to fit on a 1600 px wall screen.
      { name: 'Channel', properties: { 'custom.width': 90 } },
      { name: 'Quota ±', properties: { noValue: NOT_DERIVED, 'custom.width': 110 } },
      { name: 'In use', properties: { displayName: 'In use now' } },
      { name: 'Quota', properties: { noValue: NOT_DERIVED } },
      ...(['Used', 'Peak used'] as const).map((name) => ({
        name,
        properties: {
          ...(name === 'Used' ? { displayName: 'Used now' } : {}),
          unit: 'percent',
          thresholds: used,
          'custom.cellOptions': { type: 'gauge', mode: 'basic' },
          min: 0,
          max: 100,
        },
      })),
      ...(['Headroom', 'Headroom at peak'] as const).map((name) => ({
        name,
        properties: {
          ...(name === 'Headroom' ? { displayName: 'Headroom now' } : {}),
          thresholds: HEADROOM,
          noValue: NO_QUOTA,
          'custom.cellOptions': { type: 'color-text' },
        },
      })),
      { name: 'Breaches', properties: { thresholds: highIsBad(1, 10), 'custom.cellOptions': { type: 'color-text' } } },
      { name: 'Throttled', properties: { thresholds: highIsBad(1, 10), 'custom.cellOptions': { type: 'color-text' } } },
    ],
  }),
  options: { sortBy: [{ displayName: 'Peak used', desc: true }] },
});

const inUseTrend = timeseries({
  title: 'In use against quota',
  description:
    "Concurrent contacts per channel and the quota derived for it (dashed; its precision is the table's Quota ±). " +
    'Tasks and emails in use are published every 5 minutes, calls and chats every minute.',
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

// fact: quota-scales. Connect's percentages do not share one scale: ConcurrentCallsPercentage is 0–1, the chat, task
// and email ones 0–100. Calls are multiplied by 100 so that one percent axis fits all. fact: email-metric-group: the
// email metrics are asked for under both MetricGroup spellings; AWS publishes one of them.
const percentTrend = timeseries({
  title: 'Concurrency percentage',
  description:
    "AWS's own share of each quota in use, the maximum of each period, on one 0–100 % axis: " +
    'ConcurrentCallsPercentage (published 0–1, × 100 here), ConcurrentActiveChatsPercentage (0–100 in whole ' +
    'percent), ConcurrentTasksPercentage and ConcurrentEmailsPercentage (0–100, published every 5 minutes; emails ' +
    'under MetricGroup Emails or Email). Calls and chats are published every minute. Lines at 80 % and 90 %.',
  w: 12,
  h: 8,
  targets: [
    connect('ConcurrentCallsPercentage', 'VoiceCalls', 'A', 'Calls (0–1)', true),
    expression('B', 'a * 100', 'Calls'),
    connect('ConcurrentActiveChatsPercentage', 'Chats', 'C', 'Chats'),
    connect('ConcurrentTasksPercentage', 'Tasks', 'D', 'Tasks'),
    // One line whichever spelling AWS sends (the other is empty): MAX of the two at each period.
    connect('ConcurrentEmailsPercentage', 'Emails', 'E', 'Emails (MetricGroup Emails)', true),
    connect('ConcurrentEmailsPercentage', 'Email', 'F', 'Emails (MetricGroup Email)', true),
    expression('G', 'MAX([e, f])', 'Emails'),
  ],
  fieldConfig: fieldConfig({
    unit: unitOf('AWS/Connect', 'ConcurrentTasksPercentage'),
    decimals: 0,
    min: 0,
    max: 100,
    thresholds: thresholds(COLORS.ok, [80, COLORS.warn], [90, COLORS.alert]),
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

// Tiles, not bars: four short names fit a 2 × 2 grid whole, where a bar gauge cut them ("Calls abov…") and clipped
// its fourth row (issue 13).
const breachTotals = stat(
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
    options: { textMode: 'value_and_name', graphMode: 'none' },
    links: [linkTo('noc')],
  },
  ['sum']
);

export const quotas = dashboard({
  key: 'quotas',
  description:
    'Amazon Connect concurrency quotas per channel: share used and headroom at the peak of the range and now, the derived quotas, breaches and throttled calls.',
  tags: ['quotas'],
  refresh: '1m',
  time: { from: 'now-6h', to: 'now' },
  variables: [datasourceVar, regionVar, instanceVar, channelVar],
  panels: layout([
    row('Peak in the range and now'),
    peakUsed,
    usedNow,
    headroomAtPeak,
    headroomNow,
    quotaTable,
    row('Over time'),
    inUseTrend,
    percentTrend,
    breaches,
    breachTotals,
  ]),
});
