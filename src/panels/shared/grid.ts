/**
 * The grid both Switchboard panels lay their cards out on (wallboard tiles, call-path diagrams): from the panel's
 * size alone, so a card fills a TV as it fills a laptop.
 */

export const GAP = 8;

export interface CardGrid {
  columns: number;
  rows: number;
  cellWidth: number;
  cellHeight: number;
  /** The cards need more height than the panel has: the grid scrolls. */
  scroll: boolean;
}

export interface CardShape {
  /** Cards are at least this wide (px). */
  minWidth: number;
  /** Below this height a card cannot show its content; the grid scrolls instead. */
  minHeight: number;
  /** The shape the card is drawn for (width / height): a card's usable size is limited to it. */
  aspect: number;
}

/**
 * Tries every column count the minimum width allows and keeps the one with the largest usable card; ties keep fewer
 * columns (fewer empty places). When even the most columns leave cards lower than the minimum: that many columns,
 * cards of the minimum height, scrolling.
 */
export function cardGrid(width: number, height: number, count: number, shape: CardShape): CardGrid {
  const n = Math.max(1, count);
  const maxColumns = Math.max(1, Math.min(n, Math.floor((width + GAP) / (shape.minWidth + GAP))));
  const widthOf = (columns: number) => Math.floor((width - GAP * (columns - 1)) / columns);
  let best: CardGrid | undefined;
  let bestScore = -1;
  for (let columns = 1; columns <= maxColumns; columns++) {
    const rows = Math.ceil(n / columns);
    const cellWidth = widthOf(columns);
    const cellHeight = Math.floor((height - GAP * (rows - 1)) / rows);
    const score = Math.min(cellWidth, cellHeight * shape.aspect);
    if (cellHeight >= shape.minHeight && score > bestScore) {
      best = { columns, rows, cellWidth, cellHeight, scroll: false };
      bestScore = score;
    }
  }
  return (
    best ?? {
      columns: maxColumns,
      rows: Math.ceil(n / maxColumns),
      cellWidth: widthOf(maxColumns),
      cellHeight: shape.minHeight,
      scroll: true,
    }
  );
}
