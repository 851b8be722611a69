import { diagramFonts, diagramGrid, GAP, MIN_DIAGRAM_HEIGHT, diagramCapacity, minimumDiagram } from './layout';

describe('diagramGrid', () => {
  it('puts two connectors side by side on a wide panel and stacks them on a tall one', () => {
    expect(diagramGrid(1600, 400, 2, 420)).toMatchObject({ columns: 2, rows: 1, scroll: false });
    expect(diagramGrid(800, 900, 2, 420)).toMatchObject({ columns: 1, rows: 2, scroll: false });
  });

  it('adds columns when rows would get too low, never below the minimum width', () => {
    // One column would make six rows of 100 px: two columns of three rows fit.
    const g = diagramGrid(1000, 650, 6, 420);
    expect(g).toMatchObject({ columns: 2, rows: 3, scroll: false });
    expect(g.cellWidth).toBeGreaterThanOrEqual(420);
    // Three columns would be 328 px wide: below the minimum, so it scrolls rather than shrinks.
    expect(diagramGrid(1000, 300, 6, 420)).toMatchObject({ columns: 2, scroll: true });
  });

  it('scrolls when the diagrams cannot keep their minimum height', () => {
    const g = diagramGrid(500, 300, 5, 420);
    expect(g).toMatchObject({ columns: 1, rows: 5, cellHeight: MIN_DIAGRAM_HEIGHT, scroll: true });
  });

  it('fills the panel: cells and gaps add up to at most its size', () => {
    const g = diagramGrid(1234, 777, 3, 300);
    expect(g.columns * g.cellWidth + (g.columns - 1) * GAP).toBeLessThanOrEqual(1234);
    expect(g.rows * g.cellHeight + (g.rows - 1) * GAP).toBeLessThanOrEqual(777);
  });
});

describe('diagramFonts', () => {
  it('grows with the diagram; the text size option raises the floors and shrinks what the diagram allows', () => {
    const small = diagramFonts(420, 200, 1);
    const large = diagramFonts(900, 420, 1);
    expect(large.value).toBeGreaterThan(small.value);
    const floors = { primary: 16, secondary: 16 };
    expect(diagramFonts(420, 200, 1.5, floors).value).toBeGreaterThan(diagramFonts(420, 200, 1, floors).value);
    expect(diagramFonts(900, 420, 0.5).value).toBeLessThan(large.value);
    expect(small.title).toBeGreaterThan(small.label);
  });

  it('never sets text below the floors, and the smallest diagram holds it', () => {
    for (const floors of [
      { primary: 16, secondary: 16 },
      { primary: 31, secondary: 16 },
    ]) {
      const min = minimumDiagram(floors, 1);
      const f = diagramFonts(min.width, min.height, 1, floors);
      expect(Math.min(f.title, f.value)).toBeGreaterThanOrEqual(floors.primary);
      expect(Math.min(f.label, f.node)).toBeGreaterThanOrEqual(floors.secondary);
      // the boxes' names fit their boxes at that size
      expect(f.node * 5.2).toBeLessThanOrEqual((min.width - 2 * f.padding) / 7.1);
    }
    // 24 connectors do not fit a 1888 × 1018 wall at 16 px: the panel shows the exceptions first
    expect(diagramCapacity(1888, 1018, minimumDiagram({ primary: 16, secondary: 16 }, 1))).toBeLessThan(24);
  });

  it('lets the values wrap onto two lines when the diagram is tall, for larger text', () => {
    // One line per row would hold the values at about 600 / 44 px.
    expect(diagramFonts(600, 600, 1).value).toBeGreaterThan(20);
    expect(diagramFonts(600, 170, 1).value).toBeLessThan(15);
  });

  it('sizes the boxes’ names to their boxes (a seventh of the width)', () => {
    for (const width of [300, 600, 1200]) {
      const f = diagramFonts(width, 400, 1.5);
      expect(f.node * 5.2).toBeLessThanOrEqual(width / 7.1);
    }
  });

  it('keeps text readable in a tiny diagram', () => {
    expect(diagramFonts(100, 50, 1).value).toBeGreaterThanOrEqual(6);
    expect(diagramFonts(100, 50, 1).line).toBeGreaterThanOrEqual(2);
  });
});
