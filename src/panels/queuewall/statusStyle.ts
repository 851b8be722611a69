import type { GrafanaTheme2, IconName } from '@grafana/data';
import type { TileStatus } from './tiles';

/** How each status looks, from the theme only: the wall follows the light or dark theme like any panel. */
export interface StatusLook {
  /** Tile border and, for alert and warn, the header's background. */
  accent: string;
  /** Text on the header. */
  headerText: string;
  headerBackground: string;
  /** Values judged with this status. */
  valueText: string;
  icon: IconName;
  label: string;
}

export function statusLook(theme: GrafanaTheme2, status: TileStatus): StatusLook {
  const c = theme.colors;
  switch (status) {
    case 'alert':
      return {
        accent: c.error.main,
        headerText: c.error.contrastText,
        headerBackground: c.error.main,
        valueText: c.error.text,
        icon: 'exclamation-triangle',
        label: 'Alert',
      };
    case 'warn':
      return {
        accent: c.warning.main,
        headerText: c.warning.contrastText,
        headerBackground: c.warning.main,
        valueText: c.warning.text,
        icon: 'exclamation-circle',
        label: 'Warning',
      };
    case 'ok':
      return {
        accent: c.success.main,
        headerText: c.text.primary,
        headerBackground: 'transparent',
        valueText: c.success.text,
        icon: 'check-circle',
        label: 'OK',
      };
    case 'quiet':
      return {
        accent: c.border.weak,
        headerText: c.text.secondary,
        headerBackground: 'transparent',
        valueText: c.text.secondary,
        icon: 'minus-circle',
        label: 'Quiet: no contacts and no agents',
      };
    default:
      return {
        accent: c.border.medium,
        headerText: c.text.secondary,
        headerBackground: 'transparent',
        valueText: c.text.disabled,
        icon: 'question-circle',
        label: 'No data',
      };
  }
}
