/**
 * The grid of diagrams and their text sizes, from the panel size alone: on a TV the diagrams fill the screen and
 * every size follows the diagram, so the same dashboard reads on a laptop and across a room.
 */
import { cardGrid, GAP as GRID_GAP, type CardGrid } from '../shared/grid';
import type { TextFloors } from '../shared/wall/viewing';

export { GAP } from '../shared/grid';
/** Below this height a diagram cannot show its three rows per link; the grid scrolls instead. */
export const MIN_DIAGRAM_HEIGHT = 170;
/** The shape the diagram is drawn for (width / height): three boxes in a row with two links between them. */
const DIAGRAM_ASPECT = 2.2;

export type GridLayout = CardGrid;

/** The grid of diagrams (../shared/grid.ts) for diagrams at least `minWidth` wide. */
export function diagramGrid(
  width: number,
  height: number,
  count: number,
  minWidth: number,
  minHeight = MIN_DIAGRAM_HEIGHT
): GridLayout {
  return cardGrid(width, height, count, {
    minWidth: Math.min(width, minWidth),
    minHeight: Math.max(MIN_DIAGRAM_HEIGHT, minHeight),
    aspect: DIAGRAM_ASPECT,
  });
}

export interface DiagramFonts {
  /** Connector name. */
  title: number;
  /** Jitter, loss, MOS and RTT. */
  value: number;
  /** The words before the values and the connector id. */
  label: number;
  /** The names in the three boxes. */
  node: number;
  /** Thickness of the leg lines. */
  line: number;
  padding: number;
}

/** The diagram's columns: box, link, box, link, box (ConnectorDiagram's grid uses these fractions). */
export const PATH_COLUMNS = [1, 2, 1.1, 2, 1];
const PATH_FRACTIONS = PATH_COLUMNS.reduce((a, b) => a + b, 0);
/** The widest word in a box ("Connector", "Customer") in ems, about nine characters of 0.55 em. */
const NODE_WORD_EMS = 5.2;

/** Line height of the rows of values (ConnectorDiagram sets it; the sizes below count on it). */
export const VALUE_LINE_HEIGHT = 1.25;
/** Half the height of an arrowhead, in line thicknesses: a leg's line takes twice that. */
export const ARROW_HEAD = 2.5;
/** Thickness of a leg's line in units. */
const LINE = 0.22;

/** Height of the diagram in units for values on `lines` lines per row (see diagramFonts). */
const rowsHeight = (lines: number) =>
  1.1 * (1.2 + 1.6 + 0.3 + 2 * (2 * ARROW_HEAD * LINE) + 3 * lines * VALUE_LINE_HEIGHT);
const LINK_SHARE = PATH_FRACTIONS / 2;
/** Width in units of a link holding its values on one line, or wrapped onto two. */
const LINK_WIDTH = { 1: 12.5, 2: 7.5 } as const;

/** The smallest unit at which every text of a diagram meets the floors. */
export function minimumUnit(floors: TextFloors): number {
  return Math.max(floors.primary / 1, floors.primary / 1.2, floors.secondary / 0.75);
}

/**
 * The smallest diagram (px) whose text meets the floors, times fontScale: values on one line or wrapped onto two,
 * whichever is smaller, and wide enough for the boxes' names ("Connector") at the label floor.
 */
export function minimumDiagram(floors: TextFloors, fontScale: number): { width: number; height: number } {
  const unit = minimumUnit(floors) * Math.max(1, fontScale);
  const padding = Math.max(4, Math.round(unit * 0.6));
  const node = Math.max(floors.secondary, Math.round(unit * 0.85));
  // A box is 1 of PATH_FRACTIONS of the width inside the padding: diagramFonts' `box`, solved for the width.
  const forNames = Math.ceil(
    ((node * NODE_WORD_EMS + padding + 2) * PATH_FRACTIONS) / Math.min(...PATH_COLUMNS) + 2 * padding
  );
  const shapes = ([1, 2] as const).map((lines) => ({
    width: Math.max(forNames, Math.ceil(LINK_SHARE * LINK_WIDTH[lines] * unit)),
    height: Math.ceil(rowsHeight(lines) * unit),
  }));
  return shapes[0].width * shapes[0].height <= shapes[1].width * shapes[1].height ? shapes[0] : shapes[1];
}

/** How many diagrams of at least `min` fit in the panel. */
export function diagramCapacity(width: number, height: number, min: { width: number; height: number }): number {
  const columns = Math.floor((width + GRID_GAP) / (min.width + GRID_GAP));
  const rows = Math.floor((height + GRID_GAP) / (min.height + GRID_GAP));
  return Math.max(0, columns) * Math.max(0, rows);
}

/**
 * Text sizes for a diagram of the given size, in units of the values' font size. Height: padding 1.2 (0.6 above
 * and below), the title 1.6, a gap 0.3, the two leg lines (2 × 1.1 with their arrowheads) and the three rows of
 * values (the leg's, the side's MOS and RTT, the other leg's) of 1.25 a line, plus a tenth for what rounding and
 * fonts add. The diagram is drawn one of two ways, whichever gives the larger text:
 * - one line per row: a link (2 of 7.1 fractions of the width) holds "Jitter 12.3 ms Loss 0.12 %" and its padding
 *   in about 12.5 units;
 * - two lines per row (the values wrap, which suits tall diagrams): "Jitter 12.3 ms" in about 7.5 units.
 * A box's name is sized to fit its box. No text below the floors (the grid gives every diagram at least
 * minimumDiagram); fontScale below 1 makes text smaller than the diagram allows, above 1 raises the floors.
 */
export function diagramFonts(
  width: number,
  height: number,
  fontScale: number,
  floors: TextFloors = { primary: 0, secondary: 0 }
): DiagramFonts {
  const oneLine = Math.min(width / (LINK_SHARE * LINK_WIDTH[1]), height / rowsHeight(1));
  const twoLines = Math.min(width / (LINK_SHARE * LINK_WIDTH[2]), height / rowsHeight(2));
  const fit = Math.max(6, oneLine, twoLines);
  const unit = Math.max(minimumUnit(floors) * Math.max(1, fontScale), fit * Math.min(1, fontScale));
  const px = (u: number) => Math.max(1, Math.floor(unit * u));
  const padding = Math.max(4, px(0.6));
  const box = (width - 2 * padding) * (Math.min(...PATH_COLUMNS) / PATH_FRACTIONS) - padding - 2;
  return {
    title: Math.max(floors.primary, px(1.2)),
    value: Math.max(floors.primary, px(1)),
    label: Math.max(floors.secondary, px(0.75)),
    node: Math.max(floors.secondary, 6, Math.min(px(0.85), Math.floor(box / NODE_WORD_EMS))),
    line: Math.max(2, px(LINE)),
    padding,
  };
}
