/**
 * The wallboard's grid and text sizes, from the panel's size and the viewing distance: tiles as large as the panel
 * allows, never with text below the floors of ../shared/wall/viewing.ts. When every queue does not fit at that size
 * the wall shows the exceptions first (../shared/wall/exceptionsFirst.ts) and summarises the rest.
 */
import { cardGrid, GAP } from '../shared/grid';
import type { TextFloors } from '../shared/wall/viewing';

export { GAP } from '../shared/grid';
/** The tile's border (each side), part of its size. */
export const BORDER = 3;
/** Cells of the metrics after the first: at most this many side by side. */
export const MAX_CELL_COLUMNS = 3;

// Sizes in units (the tile's one scale): the CSS of QueueTile.tsx draws exactly these.
const U = {
  title: 1.15,
  hero: 2.4,
  value: 1.5,
  label: 0.8,
  padding: 0.5,
};
/** Line heights QueueTile.tsx sets. */
export const LINE = { title: 1.25, label: 1.2, value: 1.1 };
/** A cell's width in units: "12:34" with an alarm icon, or a label of ten characters ("On contact"). */
const CELL_WIDTH = 6;
/** The hero's width: "1:02:09" with its icon. */
const HERO_WIDTH = 12;
/** Average advance of Grafana's font (Inter) per character, in ems, with a margin: names are fitted with it. */
const EM_PER_CHAR = 0.6;

export interface TileShape {
  cellColumns: number;
  cellRows: number;
  /** Width and height in units, beyond the border. */
  widthUnits: number;
  heightUnits: number;
}

/** The shape of a tile with `metricCount` metrics: the first large, the others in rows of up to three cells. */
export function tileShape(metricCount: number): TileShape {
  const others = Math.max(0, metricCount - 1);
  const cellColumns = Math.min(MAX_CELL_COLUMNS, Math.max(1, others));
  const cellRows = Math.ceil(others / cellColumns);
  const gap = U.padding / 2;
  const header = U.title * LINE.title + U.padding;
  const hero = metricCount > 0 ? U.label * LINE.label + U.hero * LINE.value : 0;
  const cells = cellRows * (U.label * LINE.label + U.value * LINE.value) + Math.max(0, cellRows - 1) * gap;
  const bodyGaps = metricCount > 1 ? gap : 0;
  const heightUnits = header + 2 * U.padding + hero + bodyGaps + cells;
  const widthUnits =
    2 * U.padding + Math.max(metricCount > 0 ? HERO_WIDTH : 8, cellColumns * CELL_WIDTH + (cellColumns - 1) * gap);
  return { cellColumns, cellRows, widthUnits, heightUnits };
}

export interface TileFonts {
  /** Queue name (long names are set smaller, never below the primary floor: nameFont). */
  title: number;
  /** The worst metric's value. */
  hero: number;
  /** The other metrics' values. */
  value: number;
  /** Metric labels. */
  label: number;
  padding: number;
  cellColumns: number;
  /** The floor a name may shrink to. */
  minTitle: number;
}

/** The smallest unit at which every text of a tile meets the floors. */
export function minimumUnit(floors: TextFloors): number {
  return Math.max(floors.secondary / U.label, floors.primary / U.title, floors.primary / U.value);
}

/** The smallest tile (px, border included) whose text meets the floors, times fontScale. */
export function minimumTile(metricCount: number, floors: TextFloors, fontScale: number) {
  const shape = tileShape(metricCount);
  const unit = minimumUnit(floors) * Math.max(1, fontScale);
  return {
    width: Math.ceil(shape.widthUnits * unit + 2 * BORDER),
    height: Math.ceil(shape.heightUnits * unit + 2 * BORDER),
  };
}

/**
 * Text sizes for a tile of the given size: the largest unit that fits its height and width. fontScale below 1 makes
 * the text smaller than that, never below the floors; above 1 it raises the floors (minimumTile makes the tiles
 * large enough for them), so the text never outgrows its tile.
 */
export function tileFonts(
  tileWidth: number,
  tileHeight: number,
  metricCount: number,
  fontScale: number,
  floors: TextFloors = { primary: 0, secondary: 0 }
): TileFonts {
  const shape = tileShape(metricCount);
  const fit = Math.min((tileWidth - 2 * BORDER) / shape.widthUnits, (tileHeight - 2 * BORDER) / shape.heightUnits);
  const unit = Math.max(minimumUnit(floors) * Math.max(1, fontScale), fit * Math.min(1, fontScale));
  const px = (u: number) => Math.floor(unit * u);
  return {
    title: Math.max(floors.primary, px(U.title)),
    hero: Math.max(floors.primary, px(U.hero)),
    value: Math.max(floors.primary, px(U.value)),
    label: Math.max(floors.secondary, px(U.label)),
    padding: Math.max(4, px(U.padding)),
    cellColumns: shape.cellColumns,
    minTitle: floors.primary,
  };
}

/**
 * The name's font: the title size when the name fits the header, smaller for a long name down to the primary floor,
 * and cut with an ellipsis only below that (the full name stays in the tile's title and accessible name).
 */
export function nameFont(name: string, tileWidth: number, fonts: TileFonts): number {
  // The header holds the status icon (one title size) and a gap beside the name.
  const room = (font: number) => tileWidth - 2 * BORDER - 2 * fonts.padding - font * 1.4;
  const fits = (font: number) => name.length * EM_PER_CHAR * font <= room(font);
  if (fits(fonts.title)) {
    return fonts.title;
  }
  const best = Math.floor(room(0) / (name.length * EM_PER_CHAR + 1.4));
  return Math.max(fonts.minTitle, Math.min(fonts.title, best));
}

export interface WallPlan {
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
  /** How many tiles the panel holds at the smallest readable size. */
  capacity: number;
  /** The tiles do not fit even so (a tiny panel): the grid scrolls. */
  scroll: boolean;
}

/** How many tiles of at least `min` (px) fit in the panel. */
export function capacityOf(width: number, height: number, min: { width: number; height: number }): number {
  const columns = Math.floor((width + GAP) / (min.width + GAP));
  const rows = Math.floor((height + GAP) / (min.height + GAP));
  return Math.max(0, columns) * Math.max(0, rows);
}

/**
 * The grid for `count` tiles of the given minimum size (and the user's minimum width): the column count that gives
 * the largest tiles (../shared/grid.ts).
 */
export function wallGrid(
  width: number,
  height: number,
  count: number,
  metricCount: number,
  min: { width: number; height: number },
  tileMinWidth: number
): WallPlan {
  const shape = tileShape(metricCount);
  const grid = cardGrid(width, height, count, {
    minWidth: Math.min(width, Math.max(min.width, tileMinWidth)),
    minHeight: min.height,
    aspect: shape.widthUnits / shape.heightUnits,
  });
  return {
    columns: grid.columns,
    rows: grid.rows,
    tileWidth: grid.cellWidth,
    tileHeight: grid.cellHeight,
    capacity: capacityOf(width, height, min),
    scroll: grid.scroll,
  };
}
