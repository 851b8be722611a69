import { createTheme } from '@grafana/data';
import { contrastRatio, parseColour } from './contrast';
import { simulate } from './colourVision';
import { colourDifference } from './deltaE';
import { cardBackground, textOn, WALL_PALETTE } from './palette';

/**
 * The wall's status colours against the targets of issue 15: text 4.5:1 and other indicators 3:1 on the card
 * (WCAG 1.4.3, 1.4.11); alert, warning and ok differing in lightness as well as hue; and told apart by deuteranopes
 * and protanopes (CIEDE2000 after Machado's simulation).
 */
const PAIRS = [
  ['alert', 'warn'],
  ['alert', 'ok'],
  ['warn', 'ok'],
] as const;

describe.each(['dark', 'light'] as const)('the %s wall palette', (mode) => {
  const theme = createTheme({ colors: { mode } });
  const palette = WALL_PALETTE[mode];
  const card = cardBackground(theme);

  it('every status colour is text-grade on the card (4.5:1)', () => {
    for (const c of Object.values(palette)) {
      expect([c, contrastRatio(c, card) >= 4.5]).toEqual([c, true]);
    }
  });

  it('the neutral texts (labels, quiet and stale values) are text-grade on the card too', () => {
    for (const c of [theme.colors.text.primary, theme.colors.text.secondary]) {
      expect([c, contrastRatio(c, card, card) >= 4.5]).toEqual([c, true]);
    }
  });

  it('text on a filled header or banner is text-grade', () => {
    for (const c of Object.values(palette)) {
      expect([c, contrastRatio(textOn(c), c) >= 4.5]).toEqual([c, true]);
    }
  });

  it.each(PAIRS)('%s and %s differ in lightness (at least 1.3:1), not only in hue', (a, b) => {
    expect(contrastRatio(palette[a], palette[b])).toBeGreaterThanOrEqual(1.3);
  });

  it.each(PAIRS)('%s and %s stay apart for deuteranopes and protanopes (ΔE2000 ≥ 20)', (a, b) => {
    for (const d of ['deuteranopia', 'protanopia'] as const) {
      const diff = colourDifference(simulate(parseColour(palette[a]), d), simulate(parseColour(palette[b]), d));
      expect([d, diff >= 20]).toEqual([d, true]);
    }
  });
});
