import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, IconName } from '@grafana/data';
import { Icon, useStyles2, useTheme2 } from '@grafana/ui';
import { paletteOf, textOn } from '../shared/colour/palette';
import { MIN_TEXT_PX } from '../shared/wall/viewing';

/**
 * A state of the panel in words (no data, a wrong query, a failed query), sized to the panel so that it reads on a
 * wall. An error fills the panel with the alert colour: a broken wall must never look like a quiet one. Shared with
 * the call path panel.
 */
export function PanelMessage({
  icon,
  tone = 'info',
  title,
  children,
  testId = 'panel-message',
  width,
  height,
}: {
  testId?: string;
  icon: IconName;
  tone?: 'info' | 'error';
  title: string;
  children?: React.ReactNode;
  /** The panel's size: the text grows with it (never below 16 px). */
  width?: number;
  height?: number;
}) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const size = messageSize(width, height);
  const detail = Math.max(MIN_TEXT_PX, Math.round(size * 0.5));
  const background = tone === 'error' ? paletteOf(theme).alert : undefined;
  const colour = background ? textOn(background) : theme.colors.text.primary;
  return (
    <div
      className={styles.box}
      data-testid={testId}
      role={tone === 'error' ? 'alert' : 'status'}
      style={{ background, color: colour, gap: Math.round(size * 0.3) }}
    >
      <Icon name={icon} aria-hidden style={{ width: size * 1.5, height: size * 1.5 }} />
      <div className={styles.title} style={{ fontSize: size }}>
        {title}
      </div>
      {children && (
        <div
          className={styles.detail}
          style={{ fontSize: detail, color: background ? colour : theme.colors.text.secondary }}
        >
          {children}
        </div>
      )}
    </div>
  );
}

/** The title's size: a twentieth of the panel's width or an eighth of its height, 16 to 64 px. */
export function messageSize(width = 800, height = 400): number {
  const fit = Math.round(Math.min(width / 20, height / 8));
  return Math.max(MIN_TEXT_PX, Math.min(64, fit));
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    boxSizing: 'border-box',
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    textAlign: 'center',
    padding: theme.spacing(2),
    borderRadius: theme.shape.radius.default,
    overflow: 'auto',
  }),
  title: css({ fontWeight: theme.typography.fontWeightBold, lineHeight: 1.25 }),
  detail: css({ maxWidth: '48em', lineHeight: 1.3 }),
});
