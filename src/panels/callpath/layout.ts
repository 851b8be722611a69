/**
 * The grid of diagrams and their text sizes, from the panel size alone: on a TV the diagrams fill the screen and
 * every size follows the diagram, so the same dashboard reads on a laptop and across a room.
 */
import { cardGrid, type CardGrid } from '../shared/grid';

export { GAP } from '../shared/grid';
/** Below this height a diagram cannot show its three rows per link; the grid scrolls instead. */
export const MIN_DIAGRAM_HEIGHT = 170;
/** The shape the diagram is drawn for (width / height): three boxes in a row with two links between them. */
const DIAGRAM_ASPECT = 2.2;

export type GridLayout = CardGrid;

/** The grid of diagrams (../shared/grid.ts) for diagrams at least `minWidth` wide. */
export function diagramGrid(width: number, height: number, count: number, minWidth: number): GridLayout {
  return cardGrid(width, height, count, { minWidth, minHeight: MIN_DIAGRAM_HEIGHT, aspect: DIAGRAM_ASPECT });
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

/**
 * Text sizes for a diagram of the given size, in units of the values' font size. Height: padding 1.2 (0.6 above
 * and below), the title 1.6, a gap 0.3, the two leg lines (2 × 1.1 with their arrowheads) and the three rows of
 * values (the leg's, the side's MOS and RTT, the other leg's) of 1.25 a line, plus a tenth for what rounding and
 * fonts add. The diagram is drawn one of two ways, whichever gives the larger text:
 * - one line per row: a link (2 of 7.1 fractions of the width) holds "Jitter 12.3 ms Loss 0.12 %" and its padding
 *   in about 12.5 units;
 * - two lines per row (the values wrap, which suits tall diagrams): "Jitter 12.3 ms" in about 7.5 units.
 * A box's name is sized to fit its box.
 */
export function diagramFonts(width: number, height: number, fontScale: number): DiagramFonts {
  const chrome = 1.2 + 1.6 + 0.3 + 2 * (2 * ARROW_HEAD * LINE);
  const rows = (lines: number) => 1.1 * (chrome + 3 * lines * VALUE_LINE_HEIGHT);
  const linkShare = PATH_FRACTIONS / 2;
  const oneLine = Math.min(width / (linkShare * 12.5), height / rows(1));
  const twoLines = Math.min(width / (linkShare * 7.5), height / rows(2));
  const unit = Math.max(6, oneLine, twoLines) * fontScale;
  const px = (u: number) => Math.max(1, Math.round(unit * u));
  const padding = Math.max(4, px(0.6));
  const box = (width - 2 * padding) * (Math.min(...PATH_COLUMNS) / PATH_FRACTIONS) - padding - 2;
  return {
    title: px(1.2),
    value: px(1),
    label: px(0.75),
    node: Math.max(6, Math.min(px(0.85), Math.floor(box / NODE_WORD_EMS))),
    line: Math.max(2, px(LINE)),
    padding,
  };
}
