import type { PanelModel } from '@grafana/data';
import { clamp, isObject, needsMigration, readNumber, type Loose } from '../shared/readOptions';
import { readViewing } from '../shared/wall/viewing';
import {
  DEFAULT_OPTIONS,
  DIAGRAM_MIN_WIDTH,
  FONT_SCALE,
  OPTIONS_VERSION,
  type CallPathOptions,
  type Reducer,
  type SortBy,
} from './options';
import { QUALITIES, type Quality, type QualityThreshold, type QualityThresholds } from './quality';

/**
 * Brings saved options to the current shape (version 2). Handles absent options (a new panel), options written by
 * hand in provisioned dashboards (numbers as strings, Grafana's reducer names, short threshold keys) and every
 * older version. Total and idempotent: whatever comes in, valid options come out, so the panel also runs it on
 * every render as a guard. A value the user set is never replaced by a default; only what is missing or unreadable
 * is filled.
 *
 * Thresholds: a missing one takes the default (Grafana itself fills missing options with the defaults when it
 * loads a panel, so that is what a cleared field means after a reload too); `null` switches it off.
 *
 * History: version 1 is the first shape; version 2 adds `viewing` and sorts by severity by default. Options without `version` are treated as version 0 (hand-written): each
 * field is read leniently as described above.
 */

/** Keys a hand-written dashboard may use for a quality, besides its own. */
const QUALITY_ALIASES: Record<Quality, string[]> = {
  mos: ['MOS'],
  jitterMs: ['jitter'],
  lossPercent: ['loss', 'packetLoss'],
  rttMs: ['rtt', 'RTT'],
};

function readThresholdValue(v: unknown, fallback: number | null): number | null {
  if (v === null) {
    return null;
  }
  return readNumber(v) ?? fallback;
}

function migrateThreshold(quality: Quality, thresholds: Loose): QualityThreshold {
  const fallback = DEFAULT_OPTIONS.thresholds[quality];
  const key = [quality, ...QUALITY_ALIASES[quality]].find((k) => k in thresholds);
  const raw = key === undefined ? undefined : thresholds[key];
  if (!isObject(raw)) {
    return { ...fallback };
  }
  return {
    warn: readThresholdValue(raw.warn, fallback.warn),
    alert: readThresholdValue(raw.alert, fallback.alert),
  };
}

export function migrateThresholds(input: unknown): QualityThresholds {
  const raw = isObject(input) ? input : {};
  return Object.fromEntries(QUALITIES.map((q) => [q, migrateThreshold(q, raw)])) as QualityThresholds;
}

/** Ours, and the names of Grafana's own reducers (ReducerID) that mean the same. */
const REDUCER_NAMES: Record<string, Reducer> = {
  last: 'last',
  lastNotNull: 'last',
  mean: 'mean',
  avg: 'mean',
  worst: 'worst',
  max: 'worst',
  min: 'worst',
};

function migrateReducer(v: unknown): Reducer {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(REDUCER_NAMES, v)
    ? REDUCER_NAMES[v]
    : DEFAULT_OPTIONS.reducer;
}

const SORTS: SortBy[] = ['name', 'severity'];

export function migrateOptions(input: unknown): CallPathOptions {
  const raw = isObject(input) ? input : {};
  const minWidth = readNumber(raw.diagramMinWidth);
  const fontScale = readNumber(raw.fontScale);
  return {
    version: OPTIONS_VERSION,
    thresholds: migrateThresholds(raw.thresholds),
    reducer: migrateReducer(raw.reducer),
    // Version 1 sorted by name by default: a saved version 1 panel without a sort keeps that.
    sortBy: SORTS.includes(raw.sortBy as SortBy)
      ? (raw.sortBy as SortBy)
      : raw.version === 1
        ? 'name'
        : DEFAULT_OPTIONS.sortBy,
    diagramMinWidth: minWidth !== undefined ? clamp(minWidth, DIAGRAM_MIN_WIDTH) : DEFAULT_OPTIONS.diagramMinWidth,
    fontScale: fontScale !== undefined && fontScale > 0 ? clamp(fontScale, FONT_SCALE) : DEFAULT_OPTIONS.fontScale,
    viewing: readViewing(raw.viewing),
  };
}

/** Grafana's migration handler: runs before the panel first loads when shouldMigrate says so. */
export const migrationHandler = (panel: PanelModel<Partial<CallPathOptions>>): CallPathOptions =>
  migrateOptions(panel.options);

/** Whatever the plugin version, options of another shape version (or none) are migrated. */
export const shouldMigrate = (panel: PanelModel): boolean => needsMigration(panel.options, OPTIONS_VERSION);
