import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, Tooltip, useStyles2, useTheme2 } from '@grafana/ui';
import { describeRule, formatValue } from './format';
import type { TileFonts } from './layout';
import { statusLook } from './statusStyle';
import type { Tile, TileMetric } from './tiles';

interface Props {
  tile: Tile;
  width: number;
  height: number;
  fonts: TileFonts;
}

/** One queue: its name on a header coloured by the worst rule, the first metric large, the others in cells. */
export function QueueTile({ tile, width, height, fonts }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const look = statusLook(theme, tile.status);
  const [hero, ...others] = tile.metrics;
  return (
    <div
      data-testid="queuewall-tile"
      data-queue={tile.name}
      data-status={tile.status}
      className={styles.tile}
      style={{
        width,
        height,
        borderColor: look.accent,
        opacity: tile.status === 'quiet' ? 0.65 : 1,
      }}
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
        <Icon name={look.icon} size="xl" title={look.label} style={{ width: fonts.title, height: fonts.title }} />
        <span className={styles.name} title={tile.name}>
          {tile.name}
        </span>
      </div>
      <div className={styles.body} style={{ padding: fonts.padding, gap: fonts.padding / 2 }}>
        {hero && <MetricCell metric={hero} quiet={tile.status === 'quiet'} size={fonts.hero} labelSize={fonts.label} />}
        {others.length > 0 && (
          <div
            className={styles.cells}
            style={{ gridTemplateColumns: `repeat(${fonts.cellColumns}, minmax(0, 1fr))`, gap: fonts.padding / 2 }}
          >
            {others.map((m, i) => (
              <MetricCell
                key={`${m.field}-${i}`}
                metric={m}
                quiet={tile.status === 'quiet'}
                size={fonts.value}
                labelSize={fonts.label}
              />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

function MetricCell({
  metric,
  quiet,
  size,
  labelSize,
}: {
  metric: TileMetric;
  quiet: boolean;
  size: number;
  labelSize: number;
}) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  // In a quiet queue nothing is alarming: the values keep the neutral colour.
  const look = statusLook(theme, quiet ? 'quiet' : metric.severity);
  const text = formatValue(metric.value, metric.unit, metric.decimals);
  const tip = `${metric.label}: ${metric.value === null ? 'no data' : text} (${describeRule(metric.rule, metric.unit)})`;
  return (
    <Tooltip content={tip} placement="top">
      <div
        className={styles.cell}
        data-testid="queuewall-metric"
        data-field={metric.field}
        data-severity={metric.severity}
        data-ticking={metric.ticking ? 'true' : undefined}
      >
        <div className={styles.label} style={{ fontSize: labelSize }}>
          {metric.label}
        </div>
        <div className={styles.value} style={{ fontSize: size, color: look.valueText }}>
          {metric.value === null ? 'no data' : text}
        </div>
      </div>
    </Tooltip>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tile: css({
    display: 'flex',
    flexDirection: 'column',
    overflow: 'hidden',
    background: theme.colors.background.secondary,
    border: `3px solid`,
    borderRadius: theme.shape.radius.default,
  }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    fontWeight: theme.typography.fontWeightMedium,
    lineHeight: 1.3,
    minWidth: 0,
  }),
  name: css({
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
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
    lineHeight: 1.2,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    maxWidth: '100%',
  }),
  value: css({
    fontWeight: theme.typography.fontWeightBold,
    lineHeight: 1.1,
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    maxWidth: '100%',
  }),
});
