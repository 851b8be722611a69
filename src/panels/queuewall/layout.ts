/**
 * The wallboard grid and its text sizes, from the panel size alone: on a TV the tiles fill the screen and every
 * size follows the tile, so the same dashboard reads on a laptop and across a room.
 */
import { cardGrid } from '../shared/grid';

export { GAP } from '../shared/grid';
/** Below this height a tile cannot show its numbers; the grid scrolls instead. */
export const MIN_TILE_HEIGHT = 120;
/** The tile shape the content is drawn for (width / height); the grid picks the column count closest to it. */
const TILE_ASPECT = 1.2;
/** Cells of the metrics after the first: at most this many side by side. */
export const MAX_CELL_COLUMNS = 3;

export interface GridLayout {
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
  /** The tiles need more height than the panel has: the grid scrolls. */
  scroll: boolean;
}

/** The grid of tiles (../shared/grid.ts) for tiles at least `minWidth` wide. */
export function gridLayout(width: number, height: number, count: number, minWidth: number): GridLayout {
  const { cellWidth, cellHeight, ...grid } = cardGrid(width, height, count, {
    minWidth,
    minHeight: MIN_TILE_HEIGHT,
    aspect: TILE_ASPECT,
  });
  return { ...grid, tileWidth: cellWidth, tileHeight: cellHeight };
}

export interface TileFonts {
  /** Queue name. */
  title: number;
  /** The first metric's value. */
  hero: number;
  /** The other metrics' values. */
  value: number;
  /** Metric labels. */
  label: number;
  padding: number;
  cellColumns: number;
}

/**
 * Text sizes for a tile that shows `metricCount` metrics: the first large, the others in cells of up to three
 * columns. The unit is the largest that fits the tile's height (header, hero, rows of cells) and width (five
 * characters, "12:34", in the hero and in each cell), times fontScale.
 */
export function tileFonts(tileWidth: number, tileHeight: number, metricCount: number, fontScale: number): TileFonts {
  const others = Math.max(0, metricCount - 1);
  const cellColumns = Math.min(MAX_CELL_COLUMNS, Math.max(1, others));
  const cellRows = Math.ceil(others / cellColumns);
  // Height in units: padding 1.2, title 1.6, hero label 0.9 + value 3.2, each cell row label 0.9 + value 2.
  const heightUnits = 1.2 + 1.6 + (metricCount > 0 ? 4.1 : 0) + cellRows * 2.9;
  const widthUnits = Math.max(11, cellColumns * 6.5);
  const unit = Math.max(6, Math.min(tileWidth / widthUnits, tileHeight / heightUnits)) * fontScale;
  const px = (u: number) => Math.round(unit * u);
  return {
    title: px(1.15),
    hero: px(2.8),
    value: px(1.7),
    label: px(0.7),
    padding: Math.max(4, px(0.5)),
    cellColumns,
  };
}
