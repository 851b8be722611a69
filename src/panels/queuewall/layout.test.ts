import { BORDER, capacityOf, GAP, minimumTile, nameFont, tileFonts, tileShape, wallGrid } from './layout';

const PANEL = { primary: 16, secondary: 16 };
/** A 55″ TV read from 3 m (viewing.test.ts: 31 px names and values, 16 px labels). */
const TV = { primary: 31, secondary: 16 };

describe('minimumTile and capacity', () => {
  it('a tile just large enough for 16 px labels: 3 metrics on a 1888 × 1018 wall hold 30 tiles', () => {
    const min = minimumTile(3, PANEL, 1);
    // Labels are 0.8 units: 16 px needs a unit of 20 px. Worked out by hand from tileShape's units.
    expect(tileFonts(min.width, min.height, 3, 1, PANEL).label).toBe(16);
    expect(capacityOf(1888, 1018, min)).toBe(
      Math.floor(1896 / (min.width + GAP)) * Math.floor(1026 / (min.height + GAP))
    );
    expect(capacityOf(1888, 1018, min)).toBeGreaterThanOrEqual(24);
    expect(capacityOf(1888, 1018, min)).toBeLessThan(160);
  });

  it('a TV from 3 m needs larger tiles, so fewer fit', () => {
    expect(capacityOf(1888, 1018, minimumTile(3, TV, 1))).toBeLessThan(
      capacityOf(1888, 1018, minimumTile(3, PANEL, 1))
    );
  });

  it('fontScale above 1 raises the minimum, below 1 does not lower it', () => {
    const base = minimumTile(3, PANEL, 1);
    expect(minimumTile(3, PANEL, 1.5).width).toBeGreaterThan(base.width);
    expect(minimumTile(3, PANEL, 0.5)).toEqual(base);
  });
});

describe('tileFonts', () => {
  it('grows with the tile, never below the floors', () => {
    const small = tileFonts(220, 160, 3, 1, PANEL);
    const big = tileFonts(620, 420, 3, 1, PANEL);
    expect(big.hero).toBeGreaterThan(small.hero);
    expect(big.hero).toBeGreaterThan(big.value);
    expect(big.value).toBeGreaterThan(big.label);
    for (const f of [small, big, tileFonts(100, 60, 5, 0.5, TV)]) {
      expect(Math.min(f.label, f.title, f.value, f.hero)).toBeGreaterThanOrEqual(16);
    }
    expect(tileFonts(100, 60, 5, 0.5, TV).value).toBeGreaterThanOrEqual(31);
  });

  it('fits the content in a tile at least the minimum size: every row of text inside the height', () => {
    for (const [w, h, n] of [
      [0, 0, 3],
      [400, 300, 3],
      [300, 600, 7],
      [900, 200, 2],
      [0, 0, 5],
    ]) {
      const min = minimumTile(n, PANEL, 1);
      const [width, height] = [Math.max(w, min.width), Math.max(h, min.height)];
      const f = tileFonts(width, height, n, 1, PANEL);
      const cellRows = Math.ceil((n - 1) / f.cellColumns);
      // What QueueTile.tsx stacks: border, header (line 1.25, padding), body padding, hero, gaps, rows of cells.
      const used =
        2 * BORDER +
        f.title * 1.25 +
        f.padding +
        2 * f.padding +
        (f.label * 1.2 + f.hero * 1.1) +
        f.padding / 2 +
        cellRows * (f.label * 1.2 + f.value * 1.1) +
        (cellRows - 1) * (f.padding / 2);
      expect(used).toBeLessThanOrEqual(height);
    }
  });

  it('cells: up to three columns for the metrics after the first', () => {
    expect(tileShape(1).cellColumns).toBe(1);
    expect(tileShape(3).cellColumns).toBe(2);
    expect(tileShape(6).cellColumns).toBe(3);
  });
});

describe('nameFont', () => {
  it('keeps a short name at the title size and shrinks a long one, not below the floor', () => {
    const f = tileFonts(300, 220, 3, 1, PANEL);
    expect(nameFont('VIP', 300, f)).toBe(f.title);
    const long = nameFont('Overflow queue for the north-west region 123', 300, f);
    expect(long).toBeLessThan(f.title);
    expect(long).toBe(16);
    const medium = nameFont('Technical support', 300, f);
    expect(medium).toBeGreaterThanOrEqual(16);
    expect(medium).toBeLessThanOrEqual(f.title);
  });
});

describe('wallGrid', () => {
  it('fills the panel with the largest tiles: 8 queues on 1600×900', () => {
    const g = wallGrid(1600, 900, 8, 3, minimumTile(3, PANEL, 1), 220);
    expect(g.columns * g.rows).toBeGreaterThanOrEqual(8);
    expect(g.scroll).toBe(false);
    expect(g.columns * g.tileWidth + (g.columns - 1) * GAP).toBeLessThanOrEqual(1600);
    expect(g.rows * g.tileHeight + (g.rows - 1) * GAP).toBeLessThanOrEqual(900);
  });

  it('one queue takes the whole panel', () => {
    expect(wallGrid(800, 400, 1, 3, minimumTile(3, PANEL, 1), 220)).toMatchObject({
      columns: 1,
      rows: 1,
      tileWidth: 800,
      tileHeight: 400,
      scroll: false,
    });
  });

  it('never makes tiles narrower than the minimum width (except a panel narrower than one tile)', () => {
    const g = wallGrid(1000, 2000, 12, 3, minimumTile(3, PANEL, 1), 300);
    expect(g.tileWidth).toBeGreaterThanOrEqual(300);
    expect(wallGrid(200, 400, 3, 3, minimumTile(3, PANEL, 1), 300).columns).toBe(1);
  });
});
