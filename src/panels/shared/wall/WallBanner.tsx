import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, IconName } from '@grafana/data';
import { Icon, useStyles2, useTheme2 } from '@grafana/ui';
import { paletteOf, textOn } from '../colour/palette';

/** Line heights the banner sets; bannerHeight counts on them. */
const LINE = { headline: 1.25, detail: 1.25 };

/** The banner's height for a headline of `size` px and `details` lines of `detailSize` px. */
export function bannerHeight(size: number, detailSize: number, details: number): number {
  const padding = Math.round(size * 0.3);
  return Math.ceil(size * LINE.headline + details * detailSize * LINE.detail + 2 * padding);
}

/**
 * What a wall must say from the door: the panel has no news ("NO DATA since 17:00 — proxy unreachable") or old
 * news ("STALE 15 min"). Full width, filled with the alert or warning colour, the headline at least as large as a
 * tile's name, so a broken wall never looks like a quiet one.
 */
export function WallBanner({
  tone,
  icon,
  headline,
  details = [],
  size,
  detailSize,
  testId,
}: {
  tone: 'error' | 'warning';
  icon: IconName;
  headline: string;
  details?: string[];
  /** Headline font size (px). */
  size: number;
  /** Details font size (px). */
  detailSize: number;
  testId: string;
}) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const background = paletteOf(theme)[tone === 'error' ? 'alert' : 'warn'];
  const padding = Math.round(size * 0.3);
  return (
    <div
      className={styles.banner}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
      style={{
        background,
        color: textOn(background),
        padding: `${padding}px ${Math.round(size * 0.5)}px`,
        height: bannerHeight(size, detailSize, details.length),
      }}
      title={[headline, ...details].join('\n')}
    >
      <div className={styles.headline} style={{ fontSize: size, lineHeight: LINE.headline }}>
        <Icon name={icon} aria-hidden style={{ width: size, height: size, flexShrink: 0 }} />
        <span className={styles.text}>{headline}</span>
      </div>
      {details.map((d, i) => (
        <div key={i} className={styles.text} style={{ fontSize: detailSize, lineHeight: LINE.detail }}>
          {d}
        </div>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  banner: css({
    boxSizing: 'border-box',
    width: '100%',
    flexShrink: 0,
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    borderRadius: theme.shape.radius.default,
    overflow: 'hidden',
  }),
  headline: css({
    display: 'flex',
    alignItems: 'center',
    gap: '0.4em',
    fontWeight: theme.typography.fontWeightBold,
    minWidth: 0,
  }),
  text: css({
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    minWidth: 0,
  }),
});
