import type { GrafanaTheme2, IconName } from '@grafana/data';
import { paletteOf, textOn } from '../shared/colour/palette';
import type { TileStatus } from './tiles';

/**
 * How each status looks. Never colour alone: each status has its own icon and border style (solid, dashed for
 * quiet and stale, dotted for no data), alert and warning tiles a filled header, and the words of `label` in the
 * tile's accessible name. Colours come from the wall palette (../shared/colour/palette.ts), neutral ones from the
 * theme, so the wall follows the light or dark theme like any panel.
 */
export interface StatusLook {
  /** Tile border and icons. */
  accent: string;
  borderStyle: 'solid' | 'dashed' | 'dotted';
  /** Text on the header. */
  headerText: string;
  headerBackground: string;
  /** Values judged with this status. */
  valueText: string;
  icon: IconName;
  label: string;
}

export type LookStatus = TileStatus | 'stale';

export function statusLook(theme: GrafanaTheme2, status: LookStatus): StatusLook {
  const c = theme.colors;
  const palette = paletteOf(theme);
  switch (status) {
    case 'alert':
    case 'warn':
      return {
        accent: palette[status],
        borderStyle: 'solid',
        headerText: textOn(palette[status]),
        headerBackground: palette[status],
        valueText: palette[status],
        icon: status === 'alert' ? 'exclamation-triangle' : 'exclamation-circle',
        label: status === 'alert' ? 'Alert' : 'Warning',
      };
    case 'ok':
      return {
        accent: palette.ok,
        borderStyle: 'solid',
        headerText: c.text.primary,
        headerBackground: 'transparent',
        valueText: palette.ok,
        icon: 'check-circle',
        label: 'OK',
      };
    case 'quiet':
      return {
        accent: c.text.secondary,
        borderStyle: 'dashed',
        headerText: c.text.secondary,
        headerBackground: 'transparent',
        valueText: c.text.secondary,
        icon: 'minus-circle',
        label: 'Quiet: no contacts and no agents',
      };
    case 'stale':
      return {
        accent: c.text.secondary,
        borderStyle: 'dashed',
        headerText: c.text.primary,
        headerBackground: 'transparent',
        valueText: c.text.secondary,
        icon: 'pause-circle',
        label: 'Stale: not updated',
      };
    default:
      return {
        accent: c.text.secondary,
        borderStyle: 'dotted',
        headerText: c.text.secondary,
        headerBackground: 'transparent',
        valueText: c.text.secondary,
        icon: 'question-circle',
        label: 'No data',
      };
  }
}
