import { FieldType, type DataFrame, type Field } from '@grafana/data';

/**
 * The proxy's real-time table frames (docs/api.md: grouped by QUEUE, format table) folded into one row per queue.
 * Several queries may answer for the same queues (e.g. one for contacts, one for agents): their columns are merged
 * by queue name.
 */

export const QUEUE_FIELD = 'Queue';
export const QUEUE_ID_FIELD = 'Queue ID';

export interface MetricInfo {
  /** The field name: the Connect metric (CONTACTS_IN_QUEUE...). */
  name: string;
  /** config.displayName: Connect's report name ("In queue"). */
  displayName?: string;
  unit?: string;
  decimals?: number;
  description?: string;
}

export interface QueueRow {
  name: string;
  id?: string;
  /** By field name; null when Connect answered no value. */
  values: Record<string, number | null>;
  /** When each value was true: the snapshotTime (epoch ms) of the frame it came from. */
  snapshots: Record<string, number | undefined>;
}

export interface QueueRows {
  rows: QueueRow[];
  /** The number fields seen, by field name. */
  metrics: Record<string, MetricInfo>;
  /** Frames with rows but without a Queue column (a query not grouped by QUEUE, or in time-series format). */
  framesWithoutQueue: number;
  /** The newest snapshot of the frames that gave rows. */
  snapshotTime?: number;
}

// Contacts add up across the rows of one queue (a second grouping such as CHANNEL splits them); everything else
// takes the maximum: an agent who serves two channels is in both rows, so adding would count them twice.
const ADDITIVE = new Set(['CONTACTS_IN_QUEUE', 'CONTACTS_SCHEDULED']);

const findField = (frame: DataFrame, name: string, type: FieldType) =>
  frame.fields.find((f) => f.type === type && (f.name === name || f.config.displayName === name));

export function snapshotTimeOf(frame: DataFrame): number | undefined {
  const t = (frame.meta?.custom as Record<string, unknown> | undefined)?.snapshotTime;
  return typeof t === 'number' && Number.isFinite(t) ? t : undefined;
}

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function combine(field: string, a: number | null, b: number | null): number | null {
  if (a === null) {
    return b;
  }
  if (b === null) {
    return a;
  }
  return ADDITIVE.has(field) ? a + b : Math.max(a, b);
}

/** One frame's rows by queue name, repeated queues folded. */
function frameRows(frame: DataFrame, queueField: Field, metrics: Field[]): Map<string, QueueRow> {
  const idField = findField(frame, QUEUE_ID_FIELD, FieldType.string);
  const snapshot = snapshotTimeOf(frame);
  const out = new Map<string, QueueRow>();
  for (let i = 0; i < frame.length; i++) {
    const id = idField?.values[i] ?? undefined;
    const name = queueField.values[i] || id;
    if (typeof name !== 'string' || name === '') {
      continue;
    }
    let row = out.get(name);
    if (!row) {
      row = { name, id: typeof id === 'string' ? id : undefined, values: {}, snapshots: {} };
      out.set(name, row);
    }
    for (const f of metrics) {
      const v = numberOrNull(f.values[i]);
      row.values[f.name] = f.name in row.values ? combine(f.name, row.values[f.name], v) : v;
      row.snapshots[f.name] = snapshot;
    }
  }
  return out;
}

export function queueRowsFromFrames(frames: DataFrame[]): QueueRows {
  const byName = new Map<string, QueueRow>();
  const metrics: Record<string, MetricInfo> = {};
  let framesWithoutQueue = 0;
  let snapshotTime: number | undefined;

  for (const frame of frames) {
    const queueField = findField(frame, QUEUE_FIELD, FieldType.string);
    if (!queueField) {
      if (frame.length > 0) {
        framesWithoutQueue++;
      }
      continue;
    }
    const numberFields = frame.fields.filter((f) => f.type === FieldType.number);
    for (const f of numberFields) {
      metrics[f.name] ??= {
        name: f.name,
        displayName: f.config.displayName,
        unit: f.config.unit,
        decimals: f.config.decimals ?? undefined,
        description: f.config.description,
      };
    }
    const rows = frameRows(frame, queueField, numberFields);
    const snapshot = snapshotTimeOf(frame);
    if (rows.size > 0 && snapshot !== undefined) {
      snapshotTime = Math.max(snapshotTime ?? snapshot, snapshot);
    }
    for (const [name, row] of rows) {
      const merged = byName.get(name);
      if (!merged) {
        byName.set(name, row);
        continue;
      }
      merged.id ??= row.id;
      for (const [field, value] of Object.entries(row.values)) {
        // Two queries answered the same metric for the same queue: the newer snapshot tells the truth.
        const newer = (row.snapshots[field] ?? -Infinity) > (merged.snapshots[field] ?? -Infinity);
        if (!(field in merged.values) || newer) {
          merged.values[field] = value;
          merged.snapshots[field] = row.snapshots[field];
        }
      }
    }
  }
  return { rows: [...byName.values()], metrics, framesWithoutQueue, snapshotTime };
}

/** The field name a rule means: a field name, or a display name ("In queue") as users see it in tables. */
export function resolveMetric(field: string, metrics: Record<string, MetricInfo>): string {
  if (field in metrics) {
    return field;
  }
  return Object.values(metrics).find((m) => m.displayName === field)?.name ?? field;
}
