import React, { memo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, Tooltip, useStyles2, useTheme2 } from '@grafana/ui';
import { cardBackground } from '../shared/colour/palette';
import { describeRule } from './format';
import { BORDER, LINE, nameFont, type TileFonts } from './layout';
import { statusLook } from './statusStyle';
import { TickingValue } from './TickingValue';
import { sameTile, type Tile, type TileMetric } from './tiles';

interface Props {
  tile: Tile;
  width: number;
  height: number;
  fonts: TileFonts;
  /** The data is old: the tile is grey, its ages frozen. */
  stale: boolean;
}

const SEVERITY_WORDS = { alert: 'alert', warn: 'warning', ok: 'ok', nodata: 'no data' } as const;

/** What a screen reader says on the tile: its name, status and which metrics are in alarm. */
export function tileLabel(tile: Tile, statusLabel: string, stale: boolean): string {
  const alarms = tile.metrics
    .filter((m) => m.severity === 'alert' || m.severity === 'warn')
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'alert' ? -1 : 1))
    .map((m) => `${m.label} ${SEVERITY_WORDS[m.severity]}`);
  return [
    `${tile.name}: ${statusLabel}`,
    alarms.length > 0 ? `in alarm: ${alarms.join(', ')}` : undefined,
    stale ? 'stale data, not updating' : undefined,
  ]
    .filter(Boolean)
    .join('; ');
}

/**
 * Props that draw the same tile: the panel builds new tile and font objects on every render, so memo's identity
 * check alone would re-render every tile on the wall whenever one age crossed a threshold.
 */
function sameProps(a: Props, b: Props): boolean {
  return (
    a.width === b.width &&
    a.height === b.height &&
    a.stale === b.stale &&
    (a.fonts === b.fonts || (Object.keys(a.fonts) as Array<keyof TileFonts>).every((k) => a.fonts[k] === b.fonts[k])) &&
    sameTile(a.tile, b.tile)
  );
}

/**
 * One queue: its name on a header marked by its worst rule, that rule's value large, the others in cells. One
 * focus stop, named with the status and the metrics in alarm; the rules show on hover and focus. Re-rendered only
 * when what it draws changes (new values, a severity, the size): the counting ages tick by themselves
 * (TickingValue).
 */
export const QueueTile = memo(function QueueTile({ tile, width, height, fonts, stale }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const look = statusLook(theme, stale ? 'stale' : tile.status);
  const statusLabel = statusLook(theme, tile.status).label;
  const hero = tile.metrics[tile.hero];
  const others = tile.metrics.filter((_, i) => i !== tile.hero);
  const quiet = tile.status === 'quiet';
  const rules = tile.metrics.map(
    (m) => `${m.label}: ${m.waived ? 'not judged while no contact waits' : describeRule(m.rule, m.unit)}`
  );
  const name = nameFont(tile.name, width, fonts);
  return (
    // The grid's item: Chrome never lays out a grid item on its own (its size is the grid's), so the tile inside,
    // a block of given size with size, layout and paint containment, is the relayout boundary (styles.tile).
    <div className={styles.place} style={{ width, height }}>
      <Tooltip
        content={
          <div>
            <strong>{tile.name}</strong>
            {rules.map((r) => (
              <div key={r}>{r}</div>
            ))}
          </div>
        }
        placement="top"
      >
        <div
          role="group"
          tabIndex={0}
          aria-label={tileLabel(tile, statusLabel, stale)}
          data-testid="queuewall-tile"
          data-queue={tile.name}
          data-status={tile.status}
          data-stale={stale ? 'true' : undefined}
          className={styles.tile}
          style={{ width, height, borderColor: look.accent, borderStyle: look.borderStyle }}
        >
          <div
            className={styles.header}
            style={{
              background: look.headerBackground,
              color: look.headerText,
              fontSize: fonts.title,
              padding: `${fonts.padding / 2}px ${fonts.padding}px`,
            }}
          >
            <Icon
              name={look.icon}
              aria-hidden
              style={{
                width: fonts.title,
                height: fonts.title,
                flexShrink: 0,
                color: look.headerBackground === 'transparent' ? look.accent : undefined,
              }}
            />
            <span className={styles.name} title={tile.name} data-testid="queuewall-name" style={{ fontSize: name }}>
              {tile.name}
            </span>
          </div>
          <div className={styles.body} style={{ padding: fonts.padding, gap: fonts.padding / 2 }}>
            {hero && (
              <MetricCell metric={hero} quiet={quiet} stale={stale} size={fonts.hero} labelSize={fonts.label} hero />
            )}
            {others.length > 0 && (
              <div
                className={styles.cells}
                style={{ gridTemplateColumns: `repeat(${fonts.cellColumns}, minmax(0, 1fr))`, gap: fonts.padding / 2 }}
              >
                {others.map((m) => (
                  <MetricCell
                    key={m.field}
                    metric={m}
                    quiet={quiet}
                    stale={stale}
                    size={fonts.value}
                    labelSize={fonts.label}
                  />
                ))}
              </div>
            )}
          </div>
        </div>
      </Tooltip>
    </div>
  );
}, sameProps);

function MetricCell({
  metric,
  quiet,
  stale,
  size,
  labelSize,
  hero = false,
}: {
  metric: TileMetric;
  quiet: boolean;
  stale: boolean;
  size: number;
  labelSize: number;
  hero?: boolean;
}) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  // In a quiet queue nothing is alarming; on stale data nothing is current: the values keep a neutral colour.
  const look = statusLook(theme, stale ? 'stale' : quiet ? 'quiet' : metric.severity);
  const alarm = !quiet && (metric.severity === 'alert' || metric.severity === 'warn');
  const frozen = stale && metric.answered !== null && metric.field === 'OLDEST_CONTACT_AGE';
  return (
    <div
      className={styles.cell}
      data-testid="queuewall-metric"
      data-field={metric.field}
      data-severity={metric.severity}
      data-hero={hero ? 'true' : undefined}
      data-ticking={metric.ticking ? 'true' : undefined}
      data-frozen={frozen ? 'true' : undefined}
    >
      <div className={styles.label} style={{ fontSize: labelSize, lineHeight: LINE.label }}>
        {metric.label}
        {frozen ? ' (frozen)' : ''}
      </div>
      <div
        className={styles.value}
        style={{ fontSize: size, lineHeight: LINE.value, color: look.valueText }}
        data-alarm={alarm ? metric.severity : undefined}
      >
        {/* Never colour alone: a value in alarm carries its severity's icon (stale ones the pause sign). */}
        {(alarm || frozen) && (
          <Icon
            name={frozen ? 'pause-circle' : statusLook(theme, metric.severity).icon}
            aria-hidden
            className={styles.alarmIcon}
            style={{ width: size * 0.75, height: size * 0.75 }}
          />
        )}
        <TickingValue
          answered={metric.answered}
          snapshot={metric.snapshot}
          ticking={metric.ticking && !stale}
          value={metric.value}
          unit={metric.unit}
          decimals={metric.decimals}
          className={styles.valueText}
        />
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  place: css({
    display: 'block',
  }),
  tile: css({
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    overflow: 'hidden',
    // Its size is given (style width and height) and it clips (overflow hidden), so strict containment changes
    // nothing drawn and makes the tile a relayout boundary: an age's text changing each second lays out that tile
    // alone, not the page (Chrome: size and layout containment, a layer of its own, not a flex or grid item; the
    // `contain: layout style` tried before met none of the last three).
    contain: 'strict',
    background: cardBackground(theme),
    borderWidth: BORDER,
    borderRadius: theme.shape.radius.default,
    '&:focus-visible': {
      outline: `3px solid ${theme.colors.text.maxContrast}`,
      outlineOffset: 2,
    },
  }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    gap: '0.4em',
    fontWeight: theme.typography.fontWeightMedium,
    lineHeight: LINE.title,
    minWidth: 0,
    flexShrink: 0,
  }),
  name: css({
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    minWidth: 0,
  }),
  body: css({
    flex: 1,
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'space-evenly',
    minHeight: 0,
  }),
  cells: css({
    display: 'grid',
  }),
  cell: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    minWidth: 0,
  }),
  label: css({
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    maxWidth: '100%',
  }),
  value: css({
    display: 'flex',
    alignItems: 'center',
    gap: '0.15em',
    fontWeight: theme.typography.fontWeightBold,
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    maxWidth: '100%',
  }),
  // The value's text (TickingValue): clipped with the box it sits in, as the bare text was.
  valueText: css({
    minWidth: 0,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  }),
  alarmIcon: css({
    flexShrink: 0,
  }),
});
