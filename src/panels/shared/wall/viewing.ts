import { clamp, isObject, readNumber } from '../readOptions';

/**
 * How far the wall is read from, and so how large its text must be (both panels' "Viewing" option).
 *
 * A character must subtend about 16 minutes of arc to be read without effort (ISO 9241-303 asks 16′, at least 11′):
 * its height is 2 · d · tan(8′), 14 mm at 3 m. On a 16:9 screen the pixel pitch is the screen's height over its
 * rows, 0.634 mm on a 55″ TV at 1080 rows, so 14 mm is 22 px of cap height; Inter's capitals are 0.727 em, so the
 * font must be 31 px. The panels size their main text (names, values) at least that large, their secondary text
 * (labels, units) at least half of it, and no text at all below 16 px, whatever the mode.
 */

export type ViewingMode = 'panel' | 'tv' | 'distance';

export interface Viewing {
  /** panel: sizes follow the panel (16 px at least); tv: a 55″ TV read from 3 m; distance: the two numbers below. */
  mode: ViewingMode;
  /** Metres from the screen to the viewer farthest away who must read it. */
  distanceM: number;
  /** The screen's diagonal in inches (16:9). */
  screenInches: number;
}

export const DEFAULT_VIEWING: Viewing = { mode: 'panel', distanceM: 3, screenInches: 55 };
export const TV_VIEWING = { distanceM: 3, screenInches: 55 };
export const DISTANCE_M = { min: 0.5, max: 20 };
export const SCREEN_INCHES = { min: 10, max: 120 };

export const VIEWING_OPTIONS: Array<{ value: ViewingMode; label: string; description: string }> = [
  { value: 'panel', label: 'Fit the panel', description: 'Text as large as the panel allows, never below 16 px' },
  { value: 'tv', label: 'TV (55″ at 3 m)', description: 'Text readable on a 55″ TV from 3 metres' },
  { value: 'distance', label: 'Distance', description: 'Text readable from the distance and screen size below' },
];

/** No text of either panel is smaller, in any mode (WCAG's and the wall's floor at 1080p). */
export const MIN_TEXT_PX = 16;
/** 16 minutes of arc (ISO 9241-303's preferred character height). */
const CHARACTER_ARC_MINUTES = 16;
/** Cap height of Inter, Grafana's font, in ems. */
const CAP_HEIGHT_EM = 0.727;

export interface TextFloors {
  /** Names and values. */
  primary: number;
  /** Labels, units, details. */
  secondary: number;
}

/**
 * The smallest font sizes (CSS px) that read from `distanceM` on a 16:9 screen of `screenInches` showing `screenRows`
 * CSS pixel rows (the browser's screen height: 1080 on a 1080p TV, also on a 4K TV at 200 %).
 */
export function legibleFontPx(distanceM: number, screenInches: number, screenRows: number): number {
  const characterMm = 2 * distanceM * 1000 * Math.tan(((CHARACTER_ARC_MINUTES / 2 / 60) * Math.PI) / 180);
  const screenHeightMm = (screenInches * 25.4 * 9) / Math.hypot(16, 9);
  const pitchMm = screenHeightMm / screenRows;
  return Math.ceil(characterMm / pitchMm / CAP_HEIGHT_EM);
}

export function textFloors(viewing: Viewing, screenRows: number): TextFloors {
  if (viewing.mode === 'panel') {
    return { primary: MIN_TEXT_PX, secondary: MIN_TEXT_PX };
  }
  const { distanceM, screenInches } = viewing.mode === 'tv' ? TV_VIEWING : viewing;
  const primary = Math.max(MIN_TEXT_PX, legibleFontPx(distanceM, screenInches, screenRows));
  return { primary, secondary: Math.max(MIN_TEXT_PX, Math.round(primary / 2)) };
}

/** The screen's CSS pixel rows (1080 when the page cannot tell). */
export function screenRows(): number {
  // globalThis, not window: the dashboards' build (Node) imports this module too.
  const h = (globalThis as { screen?: { height?: number } }).screen?.height;
  return typeof h === 'number' && h > 0 ? h : 1080;
}

const MODES: ViewingMode[] = ['panel', 'tv', 'distance'];

/** Lenient reading of a saved (or hand-written) viewing option. */
export function readViewing(input: unknown): Viewing {
  const raw = isObject(input) ? input : typeof input === 'string' ? { mode: input } : {};
  const distance = readNumber(raw.distanceM);
  const inches = readNumber(raw.screenInches);
  return {
    mode: MODES.includes(raw.mode as ViewingMode) ? (raw.mode as ViewingMode) : DEFAULT_VIEWING.mode,
    distanceM: distance !== undefined && distance > 0 ? clamp(distance, DISTANCE_M) : DEFAULT_VIEWING.distanceM,
    screenInches: inches !== undefined && inches > 0 ? clamp(inches, SCREEN_INCHES) : DEFAULT_VIEWING.screenInches,
  };
}
