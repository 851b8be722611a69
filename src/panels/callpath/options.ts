import { DEFAULT_VIEWING, type Viewing } from '../shared/wall/viewing';
import type { QualityThresholds } from './quality';

/**
 * The call path panel's options as saved in a dashboard. `version` lets migrate.ts bring older or hand-written
 * options (provisioned dashboards) to this shape; bump it whenever the shape changes.
 */
export const OPTIONS_VERSION = 2;

/**
 * How a series becomes the one number on the diagram. "last": the latest point with a value; "mean": the mean over
 * the time range; "worst": the worst point of the range (the highest jitter, loss and RTT, the lowest MOS).
 */
export type Reducer = 'last' | 'mean' | 'worst';

export type SortBy = 'name' | 'severity';

export interface CallPathOptions {
  version: number;
  thresholds: QualityThresholds;
  reducer: Reducer;
  sortBy: SortBy;
  /** Diagrams are at least this wide (px); the grid picks the column count that gives the largest diagrams. */
  diagramMinWidth: number;
  /** Multiplies every text size (e.g. 1.5 on a TV seen from across the room). */
  fontScale: number;
  /** How far the wall is read from: the smallest text sizes (../shared/wall/viewing.ts). */
  viewing: Viewing;
}

/**
 * NOC defaults (README.md explains them): a clean G.711 call scores 4.2–4.4, some users are dissatisfied below about
 * 3.8 and many below 3.5; jitter should stay under 30 ms and beyond 50 ms jitter buffers add delay or discard
 * packets; around 1 % loss becomes noticeable, 3 % makes speech hard to follow. RTT is measured on one side of the
 * Voice Connector only: 150 ms (about 75 ms one way) spends half of ITU-T G.114's 150 ms one-way budget on that
 * side, 300 ms all of it.
 */
export const DEFAULT_THRESHOLDS: QualityThresholds = {
  mos: { warn: 3.8, alert: 3.5 },
  jitterMs: { warn: 30, alert: 50 },
  lossPercent: { warn: 1, alert: 3 },
  rttMs: { warn: 150, alert: 300 },
};

export const DEFAULT_OPTIONS: CallPathOptions = {
  version: OPTIONS_VERSION,
  thresholds: DEFAULT_THRESHOLDS,
  reducer: 'last',
  // Alerts first: with many connectors a wall must not scatter the ones in trouble (or scroll one off-screen).
  sortBy: 'severity',
  diagramMinWidth: 420,
  fontScale: 1,
  viewing: DEFAULT_VIEWING,
};

export const REDUCER_OPTIONS: Array<{ value: Reducer; label: string; description: string }> = [
  { value: 'last', label: 'Last', description: 'The latest point with a value' },
  {
    value: 'mean',
    label: 'Mean',
    description: 'The mean over the time range (loss: all packets counted against all expected)',
  },
  { value: 'worst', label: 'Worst', description: 'The worst point of the range: max jitter, loss, RTT; min MOS' },
];

export const SORT_OPTIONS: Array<{ value: SortBy; label: string; description: string }> = [
  { value: 'severity', label: 'Severity', description: 'Alert first, then warn, then ok, then no data' },
  { value: 'name', label: 'Name', description: 'Connectors in alphabetical order: each keeps its place on the wall' },
];

export const DIAGRAM_MIN_WIDTH = { min: 240, max: 1600 };
export const FONT_SCALE = { min: 0.5, max: 3 };
