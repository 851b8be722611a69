import { legibleFontPx, readViewing, textFloors } from './viewing';

describe('viewing distance', () => {
  it('a 55″ TV read from 3 m needs 31 px characters at 1080 rows (issue 15, ISO 9241-303: 16 arc-minutes)', () => {
    // 2 × 3000 mm × tan(8′) = 13.96 mm; a 55″ 16:9 screen is 684.9 mm high, 0.634 mm per row at 1080: 22.0 px of
    // cap height, 30.3 px of font at Inter's 0.727 em capitals: 31 px.
    expect(legibleFontPx(3, 55, 1080)).toBe(31);
    // twice as far, twice as large; a 4K TV at 200 % has the same CSS rows
    expect(legibleFontPx(6, 55, 1080)).toBe(61);
    expect(legibleFontPx(0.5, 27, 1440)).toBeLessThan(16);
  });

  it('floors: 16 px whatever the mode; the distance raises names and values', () => {
    expect(textFloors(readViewing({}), 1080)).toEqual({ primary: 16, secondary: 16 });
    expect(textFloors(readViewing('tv'), 1080)).toEqual({ primary: 31, secondary: 16 });
    expect(textFloors(readViewing({ mode: 'distance', distanceM: 6, screenInches: 55 }), 1080)).toEqual({
      primary: 61,
      secondary: 31,
    });
    expect(textFloors(readViewing({ mode: 'distance', distanceM: 0.5, screenInches: 27 }), 1440)).toEqual({
      primary: 16,
      secondary: 16,
    });
  });
});
