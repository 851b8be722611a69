/**
 * The queue wallboard's options as saved in a dashboard. `version` lets migrate.ts bring older or hand-written
 * options (provisioned dashboards) to this shape; bump it whenever the shape changes.
 */
export const OPTIONS_VERSION = 1;

/**
 * "above": a value at or above the threshold is bad (contacts waiting, oldest age).
 * "below": a value at or below the threshold is bad (agents available).
 */
export type Direction = 'above' | 'below';

export interface MetricRule {
  /** Field name in the real-time frame (CONTACTS_IN_QUEUE...), or its display name. */
  field: string;
  /** Shown on the tile; default: the field's display name (Connect's report name). */
  label?: string;
  warn?: number;
  alert?: number;
  direction: Direction;
}

export type SortBy = 'severity' | 'name' | 'oldest';

export interface QueueWallOptions {
  version: number;
  tiles: { metrics: MetricRule[] };
  /** severity: alert, warn, ok, no data, quiet; ties by oldest age, then name. */
  sortBy: SortBy;
  /** Tiles are at least this wide (px); the grid picks the column count that gives the largest tiles. */
  tileMinWidth: number;
  /** Multiplies every text size (e.g. 1.5 on a TV seen from across the room). */
  fontScale: number;
  /** The oldest contact's age keeps counting between refreshes while the queue has contacts. */
  showTicking: boolean;
  /** Hides queues with no contacts and no agents (closed or unused queues). */
  hideQuiet: boolean;
}

export const SORT_OPTIONS: Array<{ value: SortBy; label: string; description: string }> = [
  { value: 'severity', label: 'Severity', description: 'Alert first, then warn, then ok; ties by oldest contact' },
  { value: 'oldest', label: 'Oldest contact', description: 'The queue whose contact has waited longest first' },
  { value: 'name', label: 'Name', description: 'Queue names in alphabetical order' },
];

/** Metrics where fewer is worse: a new rule for them starts with "below". */
const LOW_IS_BAD = new Set(['AGENTS_AVAILABLE', 'AGENTS_ONLINE', 'AGENTS_STAFFED', 'SLOTS_AVAILABLE']);

export function defaultDirection(field: string): Direction {
  return LOW_IS_BAD.has(field) ? 'below' : 'above';
}

export const DEFAULT_METRICS: MetricRule[] = [
  { field: 'CONTACTS_IN_QUEUE', warn: 5, alert: 10, direction: 'above' },
  { field: 'OLDEST_CONTACT_AGE', warn: 60, alert: 180, direction: 'above' },
  { field: 'AGENTS_AVAILABLE', warn: 1, alert: 0, direction: 'below' },
];

export const DEFAULT_OPTIONS: QueueWallOptions = {
  version: OPTIONS_VERSION,
  tiles: { metrics: DEFAULT_METRICS },
  sortBy: 'severity',
  tileMinWidth: 220,
  fontScale: 1,
  showTicking: true,
  hideQuiet: false,
};

export const TILE_MIN_WIDTH = { min: 120, max: 1200 };
export const FONT_SCALE = { min: 0.5, max: 3 };
