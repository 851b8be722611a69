import React, { memo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2, useTheme2 } from '@grafana/ui';
import { cardBackground } from '../shared/colour/palette';
import { statusLook } from '../queuewall/statusStyle';
import type { ConnectorView, LegView, QualityValue, SideView } from './diagram';
import { ARROW_HEAD, PATH_COLUMNS, VALUE_LINE_HEIGHT, type DiagramFonts } from './layout';
import { CALLPATH_METRICS, endpointName, isRightward, legsOf, legTitle, SIDES, sideTitle } from './metrics';
import { REDUCER_OPTIONS, type CallPathOptions } from './options';
import { describeThreshold, formatQuality, QUALITY_INFO, type Severity } from './quality';

/**
 * One Voice Connector: customer ⇄ Voice Connector ⇄ remote end. Each link between two boxes shows the leg that
 * flows left to right above the side's MOS and RTT, and the leg that flows back below; leg lines and values take
 * the colour of their severity, the badge the worst of all.
 */

interface Props {
  view: ConnectorView;
  width: number;
  height: number;
  fonts: DiagramFonts;
  options: CallPathOptions;
  /** The last known diagram of a failed refresh: greyed, not judged now. */
  stale?: boolean;
}

const WORDS: Record<Severity, string> = { alert: 'alert', warn: 'warning', ok: 'ok', nodata: 'no data' };

/** Each leg line's style, so that a leg's severity is not told by colour alone. */
const LINE_STYLE: Record<Severity, { style: 'solid' | 'dashed' | 'dotted'; weight: number }> = {
  alert: { style: 'solid', weight: 1.6 },
  warn: { style: 'dashed', weight: 1.3 },
  ok: { style: 'solid', weight: 1 },
  nodata: { style: 'dotted', weight: 1 },
};

/** What a screen reader says on the diagram: the connector, its status and which values are in alarm. */
export function connectorLabel(view: ConnectorView, statusLabel: string, stale: boolean): string {
  const alarms: string[] = [];
  for (const leg of Object.values(view.legs)) {
    for (const v of [leg.jitter, leg.loss]) {
      if (v.severity === 'alert' || v.severity === 'warn') {
        alarms.push(`${QUALITY_INFO[v.quality].label} ${legTitle(leg.leg)} ${WORDS[v.severity]}`);
      }
    }
  }
  for (const side of Object.values(view.sides)) {
    for (const v of [side.mos, side.rtt]) {
      if (v.severity === 'alert' || v.severity === 'warn') {
        alarms.push(`${QUALITY_INFO[v.quality].label} ${sideTitle(side.side)} ${WORDS[v.severity]}`);
      }
    }
  }
  return [
    `Voice Connector ${view.title}: ${statusLabel}`,
    alarms.length ? `in alarm: ${alarms.join(', ')}` : undefined,
    stale ? 'not updated: the last refresh failed' : undefined,
  ]
    .filter(Boolean)
    .join('; ');
}

export const ConnectorDiagram = memo(function ConnectorDiagram({
  view,
  width,
  height,
  fonts,
  options,
  stale = false,
}: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const look = statusLook(theme, stale ? 'stale' : view.severity);
  const status = statusLook(theme, view.severity);
  const subtitle = [view.title !== view.id ? view.id : undefined, view.region].filter(Boolean).join(' · ');
  return (
    <section
      className={styles.card}
      role="group"
      tabIndex={0}
      data-testid="callpath-connector"
      data-connector={view.key}
      data-severity={view.severity}
      data-stale={stale ? 'true' : undefined}
      aria-label={connectorLabel(view, status.label, stale)}
      style={{
        width,
        height,
        borderColor: look.accent,
        borderStyle: look.borderStyle,
        padding: fonts.padding,
        gap: fonts.padding / 2,
      }}
    >
      <header className={styles.header}>
        <div className={styles.titles}>
          <span className={styles.title} style={{ fontSize: fonts.title }} title={view.title}>
            {view.title}
          </span>
          {subtitle && (
            <span className={styles.subtitle} style={{ fontSize: fonts.label }}>
              {subtitle}
            </span>
          )}
        </div>
        {view.missingMetrics.length > 0 && (
          <span
            className={styles.missing}
            data-testid="callpath-missing"
            style={{ fontSize: fonts.label }}
            title={`Not in the panel's queries for this connector: ${view.missingMetrics.join(', ')}`}
          >
            <Icon name="info-circle" aria-hidden />
            {view.missingMetrics.length} of {CALLPATH_METRICS.length} metrics missing
          </span>
        )}
        {/* The wall palette's colours, not Badge's: the chip must match the legs and values it sums up. */}
        <span
          data-testid="callpath-badge"
          className={styles.badge}
          style={{
            fontSize: fonts.label,
            background: look.headerBackground,
            color: look.headerText,
            borderColor: look.accent,
            borderStyle: look.borderStyle,
          }}
        >
          <Icon name={look.icon} aria-hidden style={{ width: fonts.label, height: fonts.label }} />
          {stale ? `${status.label} (not updated)` : status.label}
        </span>
      </header>
      {/* One grid for both links, so that their rows (and arrows) line up whatever wraps. */}
      <div className={styles.path}>
        <Endpoint name={endpointName('customer')} column={1} fonts={fonts} />
        <Link view={view} side={view.sides[SIDES[0]]} column={2} fonts={fonts} options={options} stale={stale} />
        <Endpoint name={endpointName('vc')} column={3} fonts={fonts} />
        <Link view={view} side={view.sides[SIDES[1]]} column={4} fonts={fonts} options={options} stale={stale} />
        <Endpoint name={endpointName('remote')} column={5} fonts={fonts} />
      </div>
    </section>
  );
});

function Endpoint({ name, column, fonts }: { name: string; column: number; fonts: DiagramFonts }) {
  const styles = useStyles2(getStyles);
  return (
    <div
      className={styles.endpoint}
      style={{ fontSize: fonts.node, padding: fonts.padding / 2, gridColumn: column, gridRow: '1 / span 5' }}
    >
      {name}
    </div>
  );
}

/** A side's five rows in its grid column: leg values, line, MOS and RTT, line, leg values. */
function Link({
  view,
  side,
  column,
  fonts,
  options,
  stale,
}: {
  view: ConnectorView;
  side: SideView;
  column: number;
  fonts: DiagramFonts;
  options: CallPathOptions;
  stale: boolean;
}) {
  const styles = useStyles2(getStyles);
  const [rightward, leftward] = legsOf(side.side).map((leg) => view.legs[leg.id]);
  const context = sideTitle(side.side);
  const at = (row: number) => ({ gridColumn: column, gridRow: row });
  return (
    <div className={styles.link} data-testid="callpath-side" data-side={side.side}>
      <LegValues leg={rightward} fonts={fonts} options={options} place={at(1)} stale={stale} />
      <LegLine leg={rightward} fonts={fonts} place={at(2)} stale={stale} />
      <div
        className={styles.values}
        style={{ columnGap: fonts.padding, padding: `0 ${fonts.padding / 2}px`, ...at(3) }}
      >
        <Value value={side.mos} context={context} fonts={fonts} options={options} stale={stale} />
        <Value value={side.rtt} context={context} fonts={fonts} options={options} stale={stale} />
      </div>
      <LegLine leg={leftward} fonts={fonts} place={at(4)} stale={stale} />
      <LegValues leg={leftward} fonts={fonts} options={options} place={at(5)} stale={stale} />
    </div>
  );
}

type Place = { gridColumn: number; gridRow: number };

function LegValues({
  leg,
  fonts,
  options,
  place,
  stale,
}: {
  leg: LegView;
  fonts: DiagramFonts;
  options: CallPathOptions;
  place: Place;
  stale: boolean;
}) {
  const styles = useStyles2(getStyles);
  const context = legTitle(leg.leg);
  return (
    <div
      className={styles.values}
      data-testid="callpath-leg-values"
      data-leg={leg.leg.id}
      style={{ columnGap: fonts.padding, padding: `0 ${fonts.padding / 2}px`, ...place }}
    >
      <Value value={leg.jitter} context={context} fonts={fonts} options={options} stale={stale} />
      <Value value={leg.loss} context={context} fonts={fonts} options={options} stale={stale} />
    </div>
  );
}

/**
 * The leg's line with its arrowhead, in the severity's colour and style: thick for an alert, dashed for a warning,
 * dotted without data (never colour alone).
 */
function LegLine({ leg, fonts, place, stale }: { leg: LegView; fonts: DiagramFonts; place: Place; stale: boolean }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const look = statusLook(theme, stale ? 'stale' : leg.severity);
  const right = isRightward(leg.leg);
  const line = LINE_STYLE[leg.severity];
  const thickness = Math.round(fonts.line * line.weight);
  const head = thickness * ARROW_HEAD;
  const colour = look.accent;
  return (
    <div
      className={styles.line}
      data-testid="callpath-leg"
      data-leg={leg.leg.id}
      data-severity={leg.severity}
      role="img"
      data-line-style={line.style}
      aria-label={`${legTitle(leg.leg)}: ${statusLook(theme, leg.severity).label}`}
      style={{ flexDirection: right ? 'row' : 'row-reverse', height: fonts.line * ARROW_HEAD * 2, ...place }}
    >
      <div className={styles.shaft} style={{ borderTop: `${thickness}px ${line.style} ${colour}` }} />
      <div
        className={styles.head}
        style={{
          borderTop: `${head}px solid transparent`,
          borderBottom: `${head}px solid transparent`,
          [right ? 'borderLeft' : 'borderRight']: `${head * 1.6}px solid ${colour}`,
        }}
      />
    </div>
  );
}

function Value({
  value,
  context,
  fonts,
  options,
  stale,
}: {
  value: QualityValue;
  context: string;
  fonts: DiagramFonts;
  options: CallPathOptions;
  stale: boolean;
}) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const look = statusLook(theme, stale ? 'stale' : value.severity);
  const alarm = value.severity === 'alert' || value.severity === 'warn';
  const info = QUALITY_INFO[value.quality];
  const text = formatQuality(value.quality, value.value);
  const how = REDUCER_OPTIONS.find((r) => r.value === options.reducer)?.label.toLowerCase() ?? options.reducer;
  const tip =
    value.value === null
      ? `${info.label}, ${context}: ${value.missing ?? 'No data'}`
      : `${info.label}, ${context}: ${text} (${how}; ${describeThreshold(value.quality, options.thresholds[value.quality])})`;
  // One focus stop per diagram (its name lists the values in alarm): a value explains itself on hover only.
  return (
    <span
      className={styles.value}
      data-testid="callpath-value"
      data-quality={value.quality}
      data-severity={value.severity}
      title={tip}
    >
      <span className={styles.valueLabel} style={{ fontSize: fonts.label }}>
        {info.label}
      </span>
      <span
        className={styles.valueText}
        style={{ fontSize: fonts.value, color: look.valueText }}
        data-alarm={alarm ? value.severity : undefined}
      >
        {alarm && (
          <Icon
            name={statusLook(theme, value.severity).icon}
            aria-hidden
            style={{
              width: fonts.value * 0.8,
              height: fonts.value * 0.8,
              marginRight: '0.15em',
              verticalAlign: 'baseline',
            }}
          />
        )}
        {text}
      </span>
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    // The cell's size includes border and padding (Grafana's global styles say so too; a host page may not).
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    overflow: 'hidden',
    background: cardBackground(theme),
    borderWidth: 3,
    borderRadius: theme.shape.radius.default,
    '&:focus-visible': {
      outline: `3px solid ${theme.colors.text.maxContrast}`,
      outlineOffset: 2,
    },
  }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    minWidth: 0,
  }),
  titles: css({
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    flex: 1,
    minWidth: 0,
    overflow: 'hidden',
  }),
  title: css({
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.primary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    lineHeight: 1.3,
  }),
  subtitle: css({
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
  missing: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
  }),
  badge: css({
    flexShrink: 0,
    display: 'inline-flex',
    alignItems: 'center',
    gap: '0.3em',
    lineHeight: 1.4,
    padding: '0 0.4em',
    borderWidth: 2,
    borderRadius: theme.shape.radius.default,
    fontWeight: theme.typography.fontWeightMedium,
    whiteSpace: 'nowrap',
  }),
  path: css({
    flex: 1,
    minHeight: 0,
    display: 'grid',
    // The boxes are narrow, the links wide: the numbers need the room.
    gridTemplateColumns: PATH_COLUMNS.map((f) => `minmax(0, ${f}fr)`).join(' '),
    gridTemplateRows: 'repeat(5, auto)',
    alignContent: 'center',
    alignItems: 'center',
  }),
  endpoint: css({
    alignSelf: 'center',
    textAlign: 'center',
    color: theme.colors.text.primary,
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    // Names break between words only; diagramFonts sizes them to fit their box.
    overflow: 'hidden',
    lineHeight: 1.2,
  }),
  // The side's rows are items of the diagram's grid.
  link: css({
    display: 'contents',
  }),
  values: css({
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'center',
    alignItems: 'baseline',
    // Wrapped values stack without a gap: diagramFonts counts on these line heights.
    rowGap: 0,
    lineHeight: VALUE_LINE_HEIGHT,
  }),
  line: css({
    display: 'flex',
    alignItems: 'center',
  }),
  shaft: css({
    flex: 1,
    height: 0,
  }),
  head: css({
    width: 0,
    height: 0,
  }),
  value: css({
    display: 'inline-flex',
    alignItems: 'baseline',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  }),
  valueLabel: css({
    color: theme.colors.text.secondary,
  }),
  valueText: css({
    fontWeight: theme.typography.fontWeightBold,
    fontVariantNumeric: 'tabular-nums',
  }),
});
