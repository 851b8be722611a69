import { REALTIME_METRICS, isRealtimeMetricName } from '../../connect/realtimeMetrics';
import type { MetricRule, QueueWallOptions } from './options';
import { resolveMetric, type QueueRow, type QueueRows } from './queueRows';
import { valueSeverity, worstSeverity, type Severity } from './severity';
import { OLDEST_FIELD, hasContacts, isTicking, tickingAge } from './ticking';

/** What a tile shows: the queue, its status and one cell per metric rule. */

export interface TileMetric {
  /** The field name the rule resolved to. */
  field: string;
  label: string;
  /** The value at `now` (the oldest age counting); null when the answer has none. */
  value: number | null;
  unit?: string;
  decimals?: number;
  severity: Severity;
  rule: MetricRule;
  ticking: boolean;
}

/** "quiet": no contacts and no agents (closed or unused); never alarming, whatever the rules say. */
export type TileStatus = Severity | 'quiet';

export interface Tile {
  key: string;
  name: string;
  id?: string;
  status: TileStatus;
  metrics: TileMetric[];
  /** The oldest contact's age at `now` (seconds), for sorting; null without that column. */
  oldestAge: number | null;
}

const STATUS_RANK: Record<TileStatus, number> = { alert: 4, warn: 3, ok: 2, nodata: 1, quiet: 0 };

/**
 * No contact waiting or scheduled and no agent online: every contact and agent metric in the answer is 0 (or
 * empty). Unknown when the answer has no such metric.
 */
export function isQuiet(row: QueueRow): boolean {
  const relevant = Object.keys(row.values).filter(
    (f) => isRealtimeMetricName(f) && REALTIME_METRICS[f].kind !== 'slots'
  );
  return relevant.length > 0 && relevant.every((f) => !row.values[f]);
}

function tileOf(row: QueueRow, data: QueueRows, options: QueueWallOptions, now: number): Tile {
  const ticking = options.showTicking && isTicking(row, now);
  const contacts = hasContacts(row);
  // Without ticking, the rules judge Connect's values as answered.
  const valueAt = (field: string): number | null => {
    const raw = row.values[field] ?? null;
    return field === OLDEST_FIELD && options.showTicking ? tickingAge(raw, row.snapshots[field], now, contacts) : raw;
  };
  const quiet = isQuiet(row);
  const metrics = options.tiles.metrics.map((rule): TileMetric => {
    const field = resolveMetric(rule.field, data.metrics);
    const info = data.metrics[field];
    const value = valueAt(field);
    return {
      field,
      label:
        rule.label || info?.displayName || (isRealtimeMetricName(field) ? REALTIME_METRICS[field].reportName : field),
      value,
      unit: info?.unit,
      decimals: info?.decimals,
      severity: valueSeverity(value, rule),
      rule,
      ticking: field === OLDEST_FIELD && ticking,
    };
  });
  return {
    key: row.id ?? row.name,
    name: row.name,
    id: row.id,
    status: quiet ? 'quiet' : worstSeverity(metrics.map((m) => m.severity)),
    metrics,
    oldestAge: valueAt(OLDEST_FIELD),
  };
}

const byName = (a: Tile, b: Tile) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });
const byOldest = (a: Tile, b: Tile) => (b.oldestAge ?? -1) - (a.oldestAge ?? -1);
const byStatus = (a: Tile, b: Tile) => STATUS_RANK[b.status] - STATUS_RANK[a.status];

export function compareTiles(sortBy: QueueWallOptions['sortBy']): (a: Tile, b: Tile) => number {
  switch (sortBy) {
    case 'name':
      return byName;
    case 'oldest':
      return (a, b) => byOldest(a, b) || byStatus(a, b) || byName(a, b);
    default:
      return (a, b) => byStatus(a, b) || byOldest(a, b) || byName(a, b);
  }
}

export function buildTiles(data: QueueRows, options: QueueWallOptions, now: number): Tile[] {
  return data.rows
    .map((row) => tileOf(row, data, options, now))
    .filter((t) => !(options.hideQuiet && t.status === 'quiet'))
    .sort(compareTiles(options.sortBy));
}
