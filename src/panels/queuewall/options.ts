import { DEFAULT_VIEWING, type Viewing } from '../shared/wall/viewing';

/**
 * The queue wallboard's options as saved in a dashboard. `version` lets migrate.ts bring older or hand-written
 * options (provisioned dashboards) to this shape; bump it whenever the shape changes.
 */
export const OPTIONS_VERSION = 2;

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
  /**
   * Judge the value only while contacts wait in the queue, or within the panel's staffed hours: "no agent
   * available" on a queue with nothing to answer is no warning.
   */
  onlyWhileWaiting?: boolean;
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
  /** How far the wall is read from: the smallest text sizes (../shared/wall/viewing.ts). */
  viewing: Viewing;
  /**
   * "08:00-20:00" in the dashboard's time zone, or empty: within these hours a rule judged only while contacts wait
   * judges always (no agent available while the queue is open is a warning before the first call arrives).
   */
  staffedHours: string;
}

export const SORT_OPTIONS: Array<{ value: SortBy; label: string; description: string }> = [
  { value: 'severity', label: 'Severity', description: 'Alert first, then warn, then ok; ties by oldest contact' },
  { value: 'oldest', label: 'Oldest contact', description: 'The queue whose contact has waited longest first' },
  { value: 'name', label: 'Name', description: 'Queue names in alphabetical order' },
];

/** Metrics where fewer is worse: a new rule for them starts with "below". */
const LOW_IS_BAD = new Set(['AGENTS_AVAILABLE', 'AGENTS_ONLINE', 'AGENTS_STAFFED', 'SLOTS_AVAILABLE']);

/** Capacity metrics: a shortage matters while contacts wait; a new rule for them is judged only then. */
const WHILE_WAITING = new Set(['AGENTS_AVAILABLE', 'SLOTS_AVAILABLE']);

export const defaultOnlyWhileWaiting = (field: string): boolean => WHILE_WAITING.has(field);

export function defaultDirection(field: string): Direction {
  return LOW_IS_BAD.has(field) ? 'below' : 'above';
}

export const DEFAULT_METRICS: MetricRule[] = [
  { field: 'CONTACTS_IN_QUEUE', warn: 5, alert: 10, direction: 'above' },
  { field: 'OLDEST_CONTACT_AGE', warn: 60, alert: 180, direction: 'above' },
  // No agent available is a warning while contacts wait (or within staffed hours); contacts waiting and their
  // age make the alerts: an empty queue whose agents are all busy elsewhere is not a problem.
  { field: 'AGENTS_AVAILABLE', warn: 0, direction: 'below', onlyWhileWaiting: true },
];

export const DEFAULT_OPTIONS: QueueWallOptions = {
  version: OPTIONS_VERSION,
  tiles: { metrics: DEFAULT_METRICS },
  sortBy: 'severity',
  tileMinWidth: 220,
  fontScale: 1,
  showTicking: true,
  hideQuiet: false,
  viewing: DEFAULT_VIEWING,
  staffedHours: '',
};

export const TILE_MIN_WIDTH = { min: 120, max: 1200 };
export const FONT_SCALE = { min: 0.5, max: 3 };
