import { parseColour } from './contrast';
import { simulate } from './colourVision';
import { colourDifference } from './deltaE';

describe('simulate (Machado et al. 2009, severity 1)', () => {
  it('leaves greys grey: every row of the matrices adds up to 1', () => {
    for (const grey of ['#000000', '#777777', '#ffffff']) {
      for (const d of ['protanopia', 'deuteranopia', 'tritanopia'] as const) {
        const s = simulate(parseColour(grey), d);
        const g = parseColour(grey);
        expect(Math.abs(s.r - g.r) + Math.abs(s.g - g.g) + Math.abs(s.b - g.b)).toBeLessThan(1);
      }
    }
  });

  it("reproduces the issue's measurement: Grafana's error.main and success.main differ by about ΔE 5 to a deuteranope", () => {
    // Issue 15 measured ΔE 5 with another tool; the same pair is ΔE 72 to a trichromat.
    const [red, green] = [parseColour('#d10e5c'), parseColour('#1a7f4b')];
    expect(colourDifference(red, green)).toBeGreaterThan(60);
    expect(colourDifference(simulate(red, 'deuteranopia'), simulate(green, 'deuteranopia'))).toBeGreaterThan(3.5);
    expect(colourDifference(simulate(red, 'deuteranopia'), simulate(green, 'deuteranopia'))).toBeLessThan(6.5);
  });

  it('red and green collapse for protanopes and deuteranopes, not for tritanopes', () => {
    const [red, green] = [parseColour('#cc3333'), parseColour('#669933')];
    const apart = (d: 'protanopia' | 'deuteranopia' | 'tritanopia') =>
      colourDifference(simulate(red, d), simulate(green, d));
    expect(apart('deuteranopia')).toBeLessThan(apart('tritanopia') / 2);
    expect(apart('protanopia')).toBeLessThan(apart('tritanopia') / 2);
  });
});
