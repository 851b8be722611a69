import { REALTIME_METRIC_NAMES, REALTIME_METRICS, type RealtimeMetricName } from '../../src/connect/realtimeMetrics';
import { SIDE_QUALITY_METRICS, VOICE_CONNECTOR_MOS_RANGE } from '../../src/connect/voiceConnector';
import { CHANNEL_QUOTAS } from '../../src/connect/quotas';
import type { RealtimeUnit } from '../../src/connect/units';

/**
 * Every series the exporter can put on /metrics: names and labels by Prometheus conventions (base units in the
 * name, `_ratio` for 0..1, a `connect_` prefix for contact-center data and `switchboard_exporter_` for the
 * exporter's own health). The real-time names are derived from the domain module's catalogue, so a metric added
 * there is exported (and documented: docs/exporter.md is checked against exporterMetricsMarkdown()).
 */

export type ExportedSource = 'realtime' | 'quota' | 'voice_connector_mos' | 'historical';

export interface ExportedMetric {
  name: string;
  help: string;
  labels: readonly string[];
  source: ExportedSource;
  /** The real-time metric a `realtime` gauge carries. */
  realtimeMetric?: RealtimeMetricName;
}

export const QUEUE_LABELS = ['instance_id', 'instance_alias', 'queue', 'queue_id', 'channel'] as const;
export const QUOTA_LABELS = ['instance_id', 'instance_alias', 'channel'] as const;
export const MOS_LABELS = ['voice_connector_id', 'voice_connector', 'side', 'region'] as const;
/**
 * The day-so-far gauges are per queue, all exported channels together (no `channel`): a service level target is set
 * per queue, the Queues dashboard's "Today per queue" table shows these same numbers, and splitting a queue's day by
 * channel would leave each part too few contacts to judge. The service level carries its threshold as a label (like a
 * histogram's `le`): changing EXPORTER_SERVICE_LEVEL_SECONDS changes a label, not the name the alerts read.
 */
export const TODAY_LABELS = ['instance_id', 'instance_alias', 'queue', 'queue_id'] as const;
export const SERVICE_LEVEL_LABELS = [...TODAY_LABELS, 'threshold_seconds'] as const;

/**
 * The name suffix of each real-time unit. The proxy's frames are already in these units (OLDEST_CONTACT_AGE in
 * seconds whatever Connect sent), so values are copied, never converted. PERCENT has no real-time metric today;
 * a future one would need a `_ratio` gauge and a conversion, hence a name that cannot pass for one.
 */
const UNIT_SUFFIX: Record<RealtimeUnit, string> = { COUNT: '', SECONDS: '_seconds', PERCENT: '_percent' };

/** Connect's metrics kept for compatibility only (AGENTS_ON_CALL, replaced by AGENTS_ON_CONTACT) are left out. */
export const EXPORTED_REALTIME_METRICS: RealtimeMetricName[] = REALTIME_METRIC_NAMES.filter(
  (m) => REALTIME_METRICS[m].replacedBy === undefined
);

export const realtimeGaugeName = (m: RealtimeMetricName) =>
  `connect_queue_${m.toLowerCase()}${UNIT_SUFFIX[REALTIME_METRICS[m].unit]}`;

const realtimeMetrics: ExportedMetric[] = EXPORTED_REALTIME_METRICS.map((m) => ({
  name: realtimeGaugeName(m),
  help: `${REALTIME_METRICS[m].description.replace(/\.$/, '')}${REALTIME_METRICS[m].unit === 'SECONDS' ? ', in seconds' : ''}. Connect real-time ${m}, per queue and channel.`,
  labels: QUEUE_LABELS,
  source: 'realtime',
  realtimeMetric: m,
}));

const inUseNames = Object.values(CHANNEL_QUOTAS)
  .map((q) => q.inUse)
  .join(', ');

const quotaMetrics: ExportedMetric[] = [
  {
    name: 'connect_quota_contacts_in_use',
    help: `Contacts in progress that count against the channel's concurrency quota, latest minute (AWS/Connect ${inUseNames}).`,
    labels: QUOTA_LABELS,
    source: 'quota',
  },
  {
    name: 'connect_quota_contacts_limit',
    help: 'The concurrency quota of the channel, derived from in-use and percentage over the last hour (absent while nothing was in use).',
    labels: QUOTA_LABELS,
    source: 'quota',
  },
  {
    name: 'connect_quota_used_ratio',
    help: 'Share of the concurrency quota in use, 0 to 1.',
    labels: QUOTA_LABELS,
    source: 'quota',
  },
  {
    name: 'connect_quota_headroom_contacts',
    help: 'More contacts that fit under the concurrency quota now.',
    labels: QUOTA_LABELS,
    source: 'quota',
  },
];

const mosMetrics: ExportedMetric[] = [
  {
    name: 'connect_voice_connector_mos',
    help: `Estimated mean opinion score (${VOICE_CONNECTOR_MOS_RANGE.min.toFixed(1)} to ${VOICE_CONNECTOR_MOS_RANGE.max}) of the calls through a Voice Connector, per side (customer: your SIP infrastructure, remote: the other party), latest 1-minute average (AWS/ChimeVoiceConnector ${Object.values(
      SIDE_QUALITY_METRICS
    )
      .map((s) => s.mos)
      .join(', ')}).`,
    labels: MOS_LABELS,
    source: 'voice_connector_mos',
  },
];

/** The day-so-far gauges and the GetMetricDataV2 metric (and column of the historical frame) each one carries. */
export const TODAY_GAUGES = {
  serviceLevel: 'connect_queue_today_service_level_ratio',
  abandonment: 'connect_queue_today_abandonment_ratio',
  queued: 'connect_queue_today_contacts_queued',
} as const;

const todayMetrics: ExportedMetric[] = [
  {
    name: TODAY_GAUGES.serviceLevel,
    help: 'Share of the contacts queued today (since midnight in EXPORTER_TIME_ZONE) answered or abandoned within threshold_seconds, 0 to 1. Connect historical SERVICE_LEVEL, per queue; absent while the queue has had no contact today.',
    labels: SERVICE_LEVEL_LABELS,
    source: 'historical',
  },
  {
    name: TODAY_GAUGES.abandonment,
    help: 'Share of the contacts queued today abandoned by the customer while waiting, 0 to 1. Connect historical ABANDONMENT_RATE, per queue; absent while the queue has had no contact today.',
    labels: TODAY_LABELS,
    source: 'historical',
  },
  {
    name: TODAY_GAUGES.queued,
    help: 'Contacts queued today that have ended (the volume behind the two ratios). Connect historical CONTACTS_QUEUED, per queue.',
    labels: TODAY_LABELS,
    source: 'historical',
  },
];

export const EXPORTED_METRICS: readonly ExportedMetric[] = [
  ...realtimeMetrics,
  ...quotaMetrics,
  ...mosMetrics,
  ...todayMetrics,
];

/** The exporter's own health, always present while it runs. */
export const HEALTH_METRICS = {
  lastSuccess: {
    name: 'switchboard_exporter_last_success_timestamp_seconds',
    help: 'When the exporter last read this query successfully (Unix time); the values of a query that fails stay as they were, so alert on this age.',
    labels: ['query', 'target'] as const,
  },
  errors: {
    name: 'switchboard_exporter_poll_errors_total',
    help: 'Polls in which this query failed (the values kept are those of its last success).',
    labels: ['query', 'target'] as const,
  },
  duration: {
    name: 'switchboard_exporter_last_poll_duration_seconds',
    help: 'Duration of the last poll, all queries together.',
    labels: [] as const,
  },
};

/** What the `query` label of the health metrics names. */
export const HEALTH_QUERIES = ['instances', 'realtime', 'quota', 'voice_connector_mos', 'historical'] as const;
export type HealthQuery = (typeof HEALTH_QUERIES)[number];

/** The metrics table of docs/exporter.md, generated from this catalogue (its docs test keeps the page current). */
export function exporterMetricsMarkdown(): string {
  const labels = (l: readonly string[]) => (l.length ? l.map((x) => `\`${x}\``).join(', ') : '');
  const rows = [
    ...EXPORTED_METRICS.map((m) => `| \`${m.name}\` | gauge | ${labels(m.labels)} | ${m.help} |`),
    `| \`${HEALTH_METRICS.lastSuccess.name}\` | gauge | ${labels(HEALTH_METRICS.lastSuccess.labels)} | ${HEALTH_METRICS.lastSuccess.help} |`,
    `| \`${HEALTH_METRICS.errors.name}\` | counter | ${labels(HEALTH_METRICS.errors.labels)} | ${HEALTH_METRICS.errors.help} |`,
    `| \`${HEALTH_METRICS.duration.name}\` | gauge |  | ${HEALTH_METRICS.duration.help} |`,
  ];
  return ['| metric | type | labels | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

if (require.main === module) {
  process.stdout.write(`${exporterMetricsMarkdown()}\n`);
}
