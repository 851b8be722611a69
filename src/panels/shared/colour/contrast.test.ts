import { composite, contrastRatio, parseColour } from './contrast';

describe('contrastRatio (WCAG 2.x)', () => {
  it("gives WCAG's reference values", () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    // #767676 is the lightest grey that passes 4.5:1 on white (WebAIM's reference value 4.54:1)
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
    // order does not matter
    expect(contrastRatio('#ffffff', '#767676')).toBe(contrastRatio('#767676', '#ffffff'));
  });

  it('reads the forms Grafana themes write, and composites translucent text over its background', () => {
    expect(parseColour('#abc')).toEqual({ r: 170, g: 187, b: 204, a: 1 });
    expect(parseColour('rgba(204, 204, 220, 0.65)')).toEqual({ r: 204, g: 204, b: 220, a: 0.65 });
    expect(parseColour('#ff990026').a).toBeCloseTo(0x26 / 255, 5);
    expect(composite(parseColour('rgba(255, 255, 255, 0.5)'), parseColour('#000000'))).toEqual({
      r: 127.5,
      g: 127.5,
      b: 127.5,
      a: 1,
    });
    // translucent text on a dark background is darker than the same text opaque
    expect(contrastRatio('rgba(204, 204, 220, 0.65)', '#22252b', '#22252b')).toBeLessThan(
      contrastRatio('rgb(204, 204, 220)', '#22252b')
    );
    expect(() => parseColour('red')).toThrow('not a colour');
  });
});
