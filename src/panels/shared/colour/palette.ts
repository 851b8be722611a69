import type { GrafanaTheme2 } from '@grafana/data';
import { contrastRatio } from './contrast';

/**
 * The wall's status colours. Grafana's theme tokens fail a wall's needs (measured on the tile background, dark theme):
 * error.main is 2.87:1 (non-text indicators need 3:1), warning.text and success.text have the same lightness
 * (1.02:1), and under deuteranopia error.main and success.main differ by ΔE2000 4.8, which is no difference at a
 * glance. These three differ in lightness as well as hue (each pair at least 1.3:1), stay at least ΔE2000 20 apart
 * under deuteranopia and protanopia, and are text-grade (4.5:1) on the tile: palette.test.ts computes all of it.
 * The shipped dashboards colour their stats and tables with the same values (dashboards/src/builders.ts), so a
 * value has one colour wherever a dashboard shows it.
 */
export const WALL_PALETTE = {
  dark: { alert: '#FF5A6E', warn: '#FADE2A', ok: '#4CC3C9' },
  light: { alert: '#751220', warn: '#9E6101', ok: '#085B6C' },
} as const;

export type PaletteStatus = keyof (typeof WALL_PALETTE)['dark'];

export const paletteOf = (theme: GrafanaTheme2) => (theme.isLight ? WALL_PALETTE.light : WALL_PALETTE.dark);

/** The tile and diagram background both panels draw on (the contrast targets are measured against it). */
export const cardBackground = (theme: GrafanaTheme2) => theme.colors.background.secondary;

const INK = { dark: '#111217', white: '#ffffff' };

/** Text for a filled background: near-black or white, whichever contrasts more. */
export function textOn(background: string): string {
  return contrastRatio(INK.dark, background) >= contrastRatio(INK.white, background) ? INK.dark : INK.white;
}
