import { REALTIME_METRICS, isRealtimeMetricName } from '../../connect/realtimeMetrics';
import type { MetricRule, QueueWallOptions } from './options';
import { resolveMetric, type QueueRow, type QueueRows } from './queueRows';
import { valueSeverity, worstSeverity, type Severity } from './severity';
import { OLDEST_FIELD, STALE_AFTER_MS, hasContacts, isTicking, tickingAge } from './ticking';

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
  /** The value Connect answered and when it was true: a ticking age counts on from them (TickingValue.tsx). */
  answered: number | null;
  snapshot?: number;
  /** Not judged now: the rule judges only while contacts wait (or within staffed hours), and none wait. */
  waived: boolean;
}

/** "quiet": no contacts and no agents (closed or unused); never alarming, whatever the rules say. */
export type TileStatus = Severity | 'quiet';

export interface Tile {
  key: string;
  name: string;
  id?: string;
  status: TileStatus;
  metrics: TileMetric[];
  /** Which metric the tile shows large: the worst (the first rule's when none is worse than ok). */
  hero: number;
  /** The oldest contact's age at `now` (seconds), for sorting; null without that column. */
  oldestAge: number | null;
}

/** What the rules need besides the row: whether the queue is within its staffed hours now. */
export interface JudgeContext {
  staffed: boolean;
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

const SEVERITY_RANK: Record<Severity, number> = { alert: 3, warn: 2, ok: 1, nodata: 0 };

/** The index of the worst metric; the first one when none is worse than ok. */
export function heroIndex(severities: Severity[]): number {
  let best = 0;
  severities.forEach((s, i) => {
    if (SEVERITY_RANK[s] > SEVERITY_RANK[severities[best]] && SEVERITY_RANK[s] > SEVERITY_RANK.ok) {
      best = i;
    }
  });
  return best;
}

function tileOf(row: QueueRow, data: QueueRows, options: QueueWallOptions, now: number, ctx: JudgeContext): Tile {
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
    const waived = Boolean(rule.onlyWhileWaiting) && !contacts && !ctx.staffed;
    return {
      field,
      label:
        rule.label || info?.displayName || (isRealtimeMetricName(field) ? REALTIME_METRICS[field].reportName : field),
      value,
      unit: info?.unit,
      decimals: info?.decimals,
      // A waived rule's value is shown as it is, judged by no threshold.
      severity: waived ? (value === null ? 'nodata' : 'ok') : valueSeverity(value, rule),
      rule,
      ticking: field === OLDEST_FIELD && ticking,
      answered: row.values[field] ?? null,
      snapshot: row.snapshots[field],
      waived,
    };
  });
  return {
    key: row.id ?? row.name,
    name: row.name,
    id: row.id,
    status: quiet ? 'quiet' : worstSeverity(metrics.map((m) => m.severity)),
    metrics,
    hero: heroIndex(metrics.map((m) => m.severity)),
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

export function buildTiles(
  data: QueueRows,
  options: QueueWallOptions,
  now: number,
  ctx: JudgeContext = { staffed: false }
): Tile[] {
  return data.rows
    .map((row) => tileOf(row, data, options, now, ctx))
    .filter((t) => !(options.hideQuiet && t.status === 'quiet'))
    .sort(compareTiles(options.sortBy));
}

/**
 * The next moment a tile can change without new data: a counting age crossing one of its rule's thresholds, or the
 * data going stale. Between refreshes the panel renders only then; the ages' text ticks by itself (TickingValue).
 */
export function nextChangeAt(data: QueueRows, options: QueueWallOptions, now: number): number | undefined {
  let next: number | undefined;
  const consider = (t: number) => {
    if (t > now && (next === undefined || t < next)) {
      next = t;
    }
  };
  if (data.snapshotTime !== undefined) {
    consider(data.snapshotTime + STALE_AFTER_MS + 1);
  }
  if (!options.showTicking) {
    return next;
  }
  const field = OLDEST_FIELD;
  const rules = options.tiles.metrics.filter((r) => resolveMetric(r.field, data.metrics) === field);
  for (const row of data.rows) {
    const value = row.values[field];
    const snapshot = row.snapshots[field];
    if (typeof value !== 'number' || snapshot === undefined || !isTicking(row, now)) {
      continue;
    }
    for (const rule of rules) {
      for (const threshold of [rule.warn, rule.alert]) {
        if (threshold !== undefined && threshold > value) {
          // The first millisecond at which value + elapsed reaches the threshold.
          consider(snapshot + Math.ceil((threshold - value) * 1000));
        }
      }
    }
  }
  return next;
}

/**
 * Whether two tiles draw the same: the panel builds new tiles whenever it renders (new data, or a wake-up when a
 * counting age crosses a threshold somewhere on the wall), and QueueTile re-renders only the tiles that differ. A
 * counting age's `value` is left out: its text follows the clock by itself (TickingValue) from `answered` and
 * `snapshot`; `oldestAge` only sorts.
 */
export function sameTile(a: Tile, b: Tile): boolean {
  return (
    a === b ||
    (a.key === b.key &&
      a.name === b.name &&
      a.status === b.status &&
      a.hero === b.hero &&
      a.metrics.length === b.metrics.length &&
      a.metrics.every((m, i) => sameMetric(m, b.metrics[i])))
  );
}

function sameMetric(a: TileMetric, b: TileMetric): boolean {
  return (
    a.field === b.field &&
    a.label === b.label &&
    a.unit === b.unit &&
    a.decimals === b.decimals &&
    a.severity === b.severity &&
    a.rule === b.rule &&
    a.ticking === b.ticking &&
    a.answered === b.answered &&
    a.snapshot === b.snapshot &&
    a.waived === b.waived &&
    (a.ticking || a.value === b.value)
  );
}
