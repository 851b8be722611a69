import type { PanelModel } from '@grafana/data';
import { readViewing } from '../shared/wall/viewing';
import { readStaffedHours } from './staffedHours';
import { clamp, isObject, needsMigration, readBoolean, readNumber, type Loose } from '../shared/readOptions';
import {
  DEFAULT_OPTIONS,
  FONT_SCALE,
  OPTIONS_VERSION,
  TILE_MIN_WIDTH,
  defaultDirection,
  type MetricRule,
  type QueueWallOptions,
  type SortBy,
} from './options';

/**
 * Brings saved options to the current shape (version 2). Handles absent options (a new panel), options written by
 * hand in provisioned dashboards (numbers as strings, a rule without direction, a rule given as just a field name,
 * unknown values) and every older version. Total and idempotent: whatever comes in, valid options come out, so the
 * panel also runs it on every render as a guard.
 *
 * History: version 1 is the first shape. Version 2 adds `viewing`, `staffedHours` and a rule's `onlyWhileWaiting`
 * (absent: judged always, as version 1 did; only the defaults of a new panel set it). Options without `version` are
 * treated as version 0 (hand-written): each field is read leniently as described above.
 */

export function migrateRule(input: unknown): MetricRule | undefined {
  const raw: Loose = typeof input === 'string' ? { field: input } : isObject(input) ? input : {};
  const field = typeof raw.field === 'string' ? raw.field.trim() : '';
  if (field === '') {
    return undefined;
  }
  const rule: MetricRule = {
    field,
    direction: raw.direction === 'above' || raw.direction === 'below' ? raw.direction : defaultDirection(field),
  };
  if (typeof raw.label === 'string' && raw.label.trim() !== '') {
    rule.label = raw.label;
  }
  const warn = readNumber(raw.warn);
  const alert = readNumber(raw.alert);
  if (warn !== undefined) {
    rule.warn = warn;
  }
  if (alert !== undefined) {
    rule.alert = alert;
  }
  if (readBoolean(raw.onlyWhileWaiting, false)) {
    rule.onlyWhileWaiting = true;
  }
  return rule;
}

const SORTS: SortBy[] = ['severity', 'name', 'oldest'];

export function migrateOptions(input: unknown): QueueWallOptions {
  const raw = isObject(input) ? input : {};
  const tiles = isObject(raw.tiles) ? raw.tiles : {};
  // An absent list means "the defaults"; an empty list is the user's choice (tiles with the name only).
  const metrics = Array.isArray(tiles.metrics)
    ? tiles.metrics.map(migrateRule).filter((r): r is MetricRule => r !== undefined)
    : DEFAULT_OPTIONS.tiles.metrics.map((r) => ({ ...r }));
  const tileMinWidth = readNumber(raw.tileMinWidth);
  const fontScale = readNumber(raw.fontScale);
  return {
    version: OPTIONS_VERSION,
    tiles: { metrics },
    sortBy: SORTS.includes(raw.sortBy as SortBy) ? (raw.sortBy as SortBy) : DEFAULT_OPTIONS.sortBy,
    tileMinWidth: tileMinWidth !== undefined ? clamp(tileMinWidth, TILE_MIN_WIDTH) : DEFAULT_OPTIONS.tileMinWidth,
    fontScale: fontScale !== undefined && fontScale > 0 ? clamp(fontScale, FONT_SCALE) : DEFAULT_OPTIONS.fontScale,
    showTicking: readBoolean(raw.showTicking, DEFAULT_OPTIONS.showTicking),
    hideQuiet: readBoolean(raw.hideQuiet, DEFAULT_OPTIONS.hideQuiet),
    viewing: readViewing(raw.viewing),
    staffedHours: readStaffedHours(raw.staffedHours) ?? '',
  };
}

/** Grafana's migration handler: runs before the panel first loads when shouldMigrate says so. */
export const migrationHandler = (panel: PanelModel<Partial<QueueWallOptions>>): QueueWallOptions =>
  migrateOptions(panel.options);

/** Whatever the plugin version, options of another shape version (or none) are migrated. */
export const shouldMigrate = (panel: PanelModel): boolean => needsMigration(panel.options, OPTIONS_VERSION);
