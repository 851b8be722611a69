import { parseColour } from './contrast';
import { colourDifference, deltaE2000, toLab } from './deltaE';

describe('CIEDE2000', () => {
  // Sharma, Wu and Dalal (2005), table 1: test pairs with their published ΔE00.
  it.each([
    [{ L: 50, a: 2.6772, b: -79.7751 }, { L: 50, a: 0, b: -82.7485 }, 2.0425],
    [{ L: 50, a: 3.1571, b: -77.2803 }, { L: 50, a: 0, b: -82.7485 }, 2.8615],
    [{ L: 50, a: 0, b: 0 }, { L: 50, a: -1, b: 2 }, 2.3669],
    [{ L: 50, a: 2.49, b: -0.001 }, { L: 50, a: -2.49, b: 0.0009 }, 7.1792],
    [{ L: 50, a: 2.5, b: 0 }, { L: 73, a: 25, b: -18 }, 27.1492],
    [{ L: 60.2574, a: -34.0099, b: 36.2677 }, { L: 60.4626, a: -34.1751, b: 39.4387 }, 1.2644],
    [{ L: 2.0776, a: 0.0795, b: -1.135 }, { L: 0.9033, a: -0.0636, b: -0.5514 }, 0.9082],
  ])('%o vs %o: %f', (x, y, expected) => {
    expect(deltaE2000(x, y)).toBeCloseTo(expected, 4);
  });

  it('L*a*b* of sRGB white, black and mid grey (D65)', () => {
    expect(toLab(parseColour('#ffffff')).L).toBeCloseTo(100, 2);
    expect(toLab(parseColour('#000000')).L).toBeCloseTo(0, 5);
    // sRGB 119 is L* 50.0 (a common reference: #777777 ≈ L* 50)
    expect(toLab(parseColour('#777777')).L).toBeCloseTo(50.03, 1);
    expect(colourDifference(parseColour('#123456'), parseColour('#123456'))).toBe(0);
  });
});
