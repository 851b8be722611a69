import { GAP, gridLayout, MIN_TILE_HEIGHT, tileFonts } from './layout';

describe('gridLayout', () => {
  it('fills a TV with the largest tiles: 8 queues on 1600×900', () => {
    const g = gridLayout(1600, 900, 8, 220);
    expect(g.columns * g.rows).toBeGreaterThanOrEqual(8);
    expect(g.scroll).toBe(false);
    expect(g.columns * g.tileWidth + (g.columns - 1) * GAP).toBeLessThanOrEqual(1600);
    expect(g.rows * g.tileHeight + (g.rows - 1) * GAP).toBeLessThanOrEqual(900);
    // no other column count gives larger tiles (limited to the drawn shape)
    for (let c = 1; c <= 7; c++) {
      const r = Math.ceil(8 / c);
      const w = (1600 - GAP * (c - 1)) / c;
      const h = (900 - GAP * (r - 1)) / r;
      expect(Math.min(w, h * 1.2)).toBeLessThanOrEqual(Math.min(g.tileWidth, g.tileHeight * 1.2) + 1);
    }
  });

  it('one queue takes the whole panel', () => {
    expect(gridLayout(800, 400, 1, 220)).toEqual({
      columns: 1,
      rows: 1,
      tileWidth: 800,
      tileHeight: 400,
      scroll: false,
    });
  });

  it('never makes tiles narrower than the minimum width (except a panel narrower than one tile)', () => {
    const g = gridLayout(1000, 2000, 40, 300);
    expect(g.tileWidth).toBeGreaterThanOrEqual(300);
    expect(gridLayout(200, 400, 3, 300).columns).toBe(1);
  });

  it('scrolls with tiles of the minimum height when the queues do not fit', () => {
    const g = gridLayout(600, 300, 30, 220);
    expect(g).toMatchObject({ columns: 2, rows: 15, tileHeight: MIN_TILE_HEIGHT, scroll: true });
  });
});

describe('tileFonts', () => {
  it('grows with the tile, and with fontScale', () => {
    const small = tileFonts(220, 160, 3, 1);
    const big = tileFonts(520, 420, 3, 1);
    expect(big.hero).toBeGreaterThan(small.hero * 2);
    expect(big.hero).toBeGreaterThan(big.value);
    expect(big.value).toBeGreaterThan(big.label);
    expect(tileFonts(520, 420, 3, 1.5).hero).toBeCloseTo(big.hero * 1.5, -1);
  });

  it('fits the content in the tile height at fontScale 1', () => {
    for (const [w, h, n] of [
      [220, 120, 3],
      [400, 300, 3],
      [300, 600, 7],
      [900, 200, 2],
    ]) {
      const f = tileFonts(w, h, n, 1);
      const cellRows = Math.ceil((n - 1) / f.cellColumns);
      const used =
        f.padding * 2 + f.title * 1.3 + f.label * 1.2 + f.hero * 1.1 + cellRows * (f.label * 1.2 + f.value * 1.1);
      expect(used).toBeLessThanOrEqual(h);
    }
  });

  it('cells: up to three columns for the metrics after the first', () => {
    expect(tileFonts(400, 300, 1, 1).cellColumns).toBe(1);
    expect(tileFonts(400, 300, 3, 1).cellColumns).toBe(2);
    expect(tileFonts(400, 300, 6, 1).cellColumns).toBe(3);
  });
});
