import { REALTIME_METRICS, isRealtimeMetricName } from '../../src/connect/realtimeMetrics';
import { resourceRef } from '../../src/connect/resourceRefs';
import { HISTORICAL_UNIT_TO_GRAFANA, REALTIME_UNIT_TO_GRAFANA } from '../../src/connect/units';
import type { HistoricalQuery } from '../../src/connect/proxyApi';
import type { DataFrameJSON, FieldSchema } from '../frames';
import { EXPORTED_REALTIME_METRICS, TODAY_GAUGES, realtimeGaugeName } from './catalogue';

/**
 * The proxy's frames as Prometheus samples (pure). The frames are the same ones a dashboard receives from
 * POST /api/query, so the exporter shows exactly what the panels show: same names, same units, same nulls.
 * A frame that lacks a column the conversion needs throws, naming it: the frame contract changed, and exporting a
 * guess would be worse than the error gauge.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export class FrameShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameShapeError';
  }
}

export interface InstanceLabels {
  id: string;
  /** Empty when the alias is unknown (ListInstances failed or denied): an empty label is an absent one. */
  alias: string;
}

function column(frame: DataFrameJSON, name: string, what: string): { field: FieldSchema; values: unknown[] } {
  const i = frame.schema.fields.findIndex((f) => f.name === name);
  if (i < 0) {
    throw new FrameShapeError(
      `the ${what} frame has no "${name}" column (columns: ${frame.schema.fields.map((f) => f.name).join(', ')})`
    );
  }
  return { field: frame.schema.fields[i], values: frame.data.values[i] ?? [] };
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** A frame the proxy marked stale (an old answer served because AWS failed): not a fresh reading. */
export function staleReason(frames: DataFrameJSON[]): string | undefined {
  const stale = frames.find((f) => f.schema.meta?.custom?.stale === true);
  if (!stale) {
    return undefined;
  }
  return stale.schema.meta?.notices?.map((n) => n.text).join(' ') || 'the proxy served an old answer';
}

/**
 * A realtime table grouped by [QUEUE, CHANNEL]: a sample per row and exported metric, nulls (Connect could not
 * compute the value) left out. Each metric column's unit must be the one the domain catalogue gives it, so a
 * `_seconds` gauge can never carry milliseconds.
 */
export function realtimeSamples(frames: DataFrameJSON[], instance: InstanceLabels): Sample[] {
  const out: Sample[] = [];
  for (const frame of frames) {
    const queue = column(frame, 'Queue', 'realtime');
    const queueId = column(frame, 'Queue ID', 'realtime');
    const channel = column(frame, 'Channel', 'realtime');
    for (const [i, field] of frame.schema.fields.entries()) {
      if (!isRealtimeMetricName(field.name) || !EXPORTED_REALTIME_METRICS.includes(field.name)) {
        continue;
      }
      const expected = REALTIME_UNIT_TO_GRAFANA[REALTIME_METRICS[field.name].unit];
      if (field.config?.unit !== expected) {
        throw new FrameShapeError(
          `the realtime frame gives ${field.name} in "${field.config?.unit ?? 'no unit'}", the catalogue in "${expected}"`
        );
      }
      const name = realtimeGaugeName(field.name);
      (frame.data.values[i] ?? []).forEach((value, row) => {
        if (!isNumber(value)) {
          return;
        }
        out.push({
          name,
          labels: {
            instance_id: instance.id,
            instance_alias: instance.alias,
            queue: text(queue.values[row]),
            queue_id: text(queueId.values[row]),
            channel: text(channel.values[row]),
          },
          value,
        });
      });
    }
  }
  return out;
}

/**
 * A quota table: per channel in use, quota, share used (read in the unit its field declares: `percent` is 0..100,
 * `percentunit` 0..1; Prometheus wants the ratio) and headroom. Unknown quotas are left out, not exported as 0.
 */
export function quotaSamples(frames: DataFrameJSON[], instance: InstanceLabels): Sample[] {
  const out: Sample[] = [];
  for (const frame of frames) {
    const channel = column(frame, 'Channel', 'quota');
    const inUse = column(frame, 'In use', 'quota');
    const quota = column(frame, 'Quota', 'quota');
    const used = column(frame, 'Used', 'quota');
    const headroom = column(frame, 'Headroom', 'quota');
    const usedScale =
      used.field.config?.unit === 'percent' ? 0.01 : used.field.config?.unit === 'percentunit' ? 1 : NaN;
    if (Number.isNaN(usedScale)) {
      throw new FrameShapeError(
        `the quota frame gives "Used" in "${used.field.config?.unit ?? 'no unit'}", not percent or percentunit`
      );
    }
    channel.values.forEach((c, row) => {
      const labels = { instance_id: instance.id, instance_alias: instance.alias, channel: text(c) };
      const add = (name: string, value: unknown, scale = 1) => {
        if (isNumber(value)) {
          out.push({ name, labels, value: value * scale });
        }
      };
      add('connect_quota_contacts_in_use', inUse.values[row]);
      add('connect_quota_contacts_limit', quota.values[row]);
      add('connect_quota_used_ratio', used.values[row], usedScale);
      add('connect_quota_headroom_contacts', headroom.values[row]);
    });
  }
  return out;
}

export interface MosContext {
  side: 'customer' | 'remote';
  region: string;
  /** Voice Connector names by id (empty when unknown). */
  names: Map<string, string>;
  /** Points older than this (ms since epoch) are no current reading: the series is left out. */
  notBeforeMs: number;
}

/**
 * CloudWatch MOS frames (one per Voice Connector, labelled by VoiceConnectorId): the latest point at or after
 * `notBeforeMs`. A connector without calls has no MOS, and no series: absence is the truth, not a score.
 */
export function mosSamples(frames: DataFrameJSON[], mos: MosContext): Sample[] {
  const out: Sample[] = [];
  for (const frame of frames) {
    const time = column(frame, 'Time', 'voice connector MOS');
    const value = column(frame, 'Value', 'voice connector MOS');
    const id = value.field.labels?.VoiceConnectorId;
    if (!id) {
      throw new FrameShapeError('the voice connector MOS frame has no VoiceConnectorId label');
    }
    // The newest point, whatever the order of the series (CloudWatch's pages are ascending, but that is its choice).
    let latest: { t: number; v: number } | undefined;
    for (const [i, v] of value.values.entries()) {
      const t = time.values[i];
      if (isNumber(t) && isNumber(v) && t >= mos.notBeforeMs && (!latest || t > latest.t)) {
        latest = { t, v };
      }
    }
    if (latest) {
      out.push({
        name: 'connect_voice_connector_mos',
        labels: {
          voice_connector_id: id,
          voice_connector: mos.names.get(id) ?? '',
          side: mos.side,
          region: mos.region,
        },
        value: latest.v,
      });
    }
  }
  return out;
}

export interface TodayContext {
  /** Queue ids by name, from the instance's queue list (the frame names queues; an unknown one shows its id). */
  queueIds: Map<string, string>;
  /** The SERVICE_LEVEL threshold the query asked for (LT), seconds. */
  serviceLevelSeconds: number;
}

/** The metrics of the exporter's historical query, in its order: the Queues dashboard's Today table's first three. */
export const todayQueryMetrics = (serviceLevelSeconds: number): HistoricalQuery['metrics'] => [
  { name: 'SERVICE_LEVEL', threshold: { comparison: 'LT', seconds: serviceLevelSeconds } },
  { name: 'ABANDONMENT_RATE' },
  { name: 'CONTACTS_QUEUED' },
];

/** The column of SERVICE_LEVEL in the historical frame: its metric key (proxy/queries/historical/frames.ts). */
export const serviceLevelColumn = (seconds: number) => `SERVICE_LEVEL < ${seconds} s`;

/** A percentage field's factor to a 0..1 ratio: `percent` is 0..100, `percentunit` 0..1; anything else throws. */
function ratioScale(field: FieldSchema, what: string): number {
  const unit = field.config?.unit;
  if (unit === 'percent') {
    return 0.01;
  }
  if (unit === 'percentunit') {
    return 1;
  }
  throw new FrameShapeError(
    `the ${what} frame gives "${field.name}" in "${unit ?? 'no unit'}", not percent or percentunit`
  );
}

/**
 * A historical table grouped by QUEUE with interval TOTAL (the day so far): per queue the service level and the
 * abandonment rate as ratios (Connect's percentages divided by 100) and the contacts queued. A null (Connect's
 * "cannot be computed": no contact today) is left out, never exported as 0.
 */
export function todaySamples(frames: DataFrameJSON[], instance: InstanceLabels, today: TodayContext): Sample[] {
  const out: Sample[] = [];
  const what = 'historical';
  for (const frame of frames) {
    const queue = column(frame, 'Queue', what);
    const serviceLevel = column(frame, serviceLevelColumn(today.serviceLevelSeconds), what);
    const abandonment = column(frame, 'ABANDONMENT_RATE', what);
    const queued = column(frame, 'CONTACTS_QUEUED', what);
    const slScale = ratioScale(serviceLevel.field, what);
    const abScale = ratioScale(abandonment.field, what);
    if (queued.field.config?.unit !== HISTORICAL_UNIT_TO_GRAFANA.COUNT) {
      throw new FrameShapeError(
        `the historical frame gives CONTACTS_QUEUED in "${queued.field.config?.unit ?? 'no unit'}", not a count`
      );
    }
    queue.values.forEach((q, row) => {
      const name = text(q);
      const labels = {
        instance_id: instance.id,
        instance_alias: instance.alias,
        queue: name,
        // A queue the list does not name shows its id or ARN in the frame (as the tables do): the id is its last part.
        queue_id: today.queueIds.get(name) ?? (resourceRef(name).kind === 'id' ? (name.split('/').pop() ?? '') : ''),
      };
      const sl = serviceLevel.values[row];
      if (isNumber(sl)) {
        out.push({
          name: TODAY_GAUGES.serviceLevel,
          labels: { ...labels, threshold_seconds: String(today.serviceLevelSeconds) },
          value: sl * slScale,
        });
      }
      const ab = abandonment.values[row];
      if (isNumber(ab)) {
        out.push({ name: TODAY_GAUGES.abandonment, labels, value: ab * abScale });
      }
      const n = queued.values[row];
      if (isNumber(n)) {
        out.push({ name: TODAY_GAUGES.queued, labels, value: n });
      }
    });
  }
  return out;
}
