import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, Icon, Tooltip, useStyles2, useTheme2, type BadgeColor } from '@grafana/ui';
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
}

const BADGE: Record<Severity, { color: BadgeColor; text: string }> = {
  alert: { color: 'red', text: 'Alert' },
  warn: { color: 'orange', text: 'Warning' },
  ok: { color: 'green', text: 'OK' },
  nodata: { color: 'darkgrey', text: 'No data' },
};

export function ConnectorDiagram({ view, width, height, fonts, options }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const look = statusLook(theme, view.severity);
  const subtitle = [view.title !== view.id ? view.id : undefined, view.region].filter(Boolean).join(' · ');
  const badge = BADGE[view.severity];
  return (
    <section
      className={styles.card}
      data-testid="callpath-connector"
      data-connector={view.key}
      data-severity={view.severity}
      aria-label={`Voice Connector ${view.title}: ${badge.text}`}
      style={{ width, height, borderColor: look.accent, padding: fonts.padding, gap: fonts.padding / 2 }}
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
          <Tooltip content={`Not in the panel's queries for this connector: ${view.missingMetrics.join(', ')}`}>
            <span className={styles.missing} data-testid="callpath-missing" style={{ fontSize: fonts.label }}>
              <Icon name="info-circle" />
              {view.missingMetrics.length} of {CALLPATH_METRICS.length} metrics missing
            </span>
          </Tooltip>
        )}
        <Badge
          data-testid="callpath-badge"
          color={badge.color}
          text={badge.text}
          icon={look.icon}
          className={styles.badge}
          style={{ fontSize: fonts.label }}
        />
      </header>
      {/* One grid for both links, so that their rows (and arrows) line up whatever wraps. */}
      <div className={styles.path}>
        <Endpoint name={endpointName('customer')} column={1} fonts={fonts} />
        <Link view={view} side={view.sides[SIDES[0]]} column={2} fonts={fonts} options={options} />
        <Endpoint name={endpointName('vc')} column={3} fonts={fonts} />
        <Link view={view} side={view.sides[SIDES[1]]} column={4} fonts={fonts} options={options} />
        <Endpoint name={endpointName('remote')} column={5} fonts={fonts} />
      </div>
    </section>
  );
}

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
}: {
  view: ConnectorView;
  side: SideView;
  column: number;
  fonts: DiagramFonts;
  options: CallPathOptions;
}) {
  const styles = useStyles2(getStyles);
  const [rightward, leftward] = legsOf(side.side).map((leg) => view.legs[leg.id]);
  const context = sideTitle(side.side);
  const at = (row: number) => ({ gridColumn: column, gridRow: row });
  return (
    <div className={styles.link} data-testid="callpath-side" data-side={side.side}>
      <LegValues leg={rightward} fonts={fonts} options={options} place={at(1)} />
      <LegLine leg={rightward} fonts={fonts} place={at(2)} />
      <div
        className={styles.values}
        style={{ columnGap: fonts.padding, padding: `0 ${fonts.padding / 2}px`, ...at(3) }}
      >
        <Value value={side.mos} context={context} fonts={fonts} options={options} />
        <Value value={side.rtt} context={context} fonts={fonts} options={options} />
      </div>
      <LegLine leg={leftward} fonts={fonts} place={at(4)} />
      <LegValues leg={leftward} fonts={fonts} options={options} place={at(5)} />
    </div>
  );
}

type Place = { gridColumn: number; gridRow: number };

function LegValues({
  leg,
  fonts,
  options,
  place,
}: {
  leg: LegView;
  fonts: DiagramFonts;
  options: CallPathOptions;
  place: Place;
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
      <Value value={leg.jitter} context={context} fonts={fonts} options={options} />
      <Value value={leg.loss} context={context} fonts={fonts} options={options} />
    </div>
  );
}

/** The leg's line with its arrowhead: solid in the severity's colour, dashed and neutral without data. */
function LegLine({ leg, fonts, place }: { leg: LegView; fonts: DiagramFonts; place: Place }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const look = statusLook(theme, leg.severity);
  const right = isRightward(leg.leg);
  const head = fonts.line * ARROW_HEAD;
  const colour = look.accent;
  return (
    <div
      className={styles.line}
      data-testid="callpath-leg"
      data-leg={leg.leg.id}
      data-severity={leg.severity}
      role="img"
      aria-label={`${legTitle(leg.leg)}: ${look.label}`}
      style={{ flexDirection: right ? 'row' : 'row-reverse', height: head * 2, ...place }}
    >
      <div
        className={styles.shaft}
        style={{ borderTop: `${fonts.line}px ${leg.severity === 'nodata' ? 'dashed' : 'solid'} ${colour}` }}
      />
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
}: {
  value: QualityValue;
  context: string;
  fonts: DiagramFonts;
  options: CallPathOptions;
}) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const look = statusLook(theme, value.severity);
  const info = QUALITY_INFO[value.quality];
  const text = formatQuality(value.quality, value.value);
  const how = REDUCER_OPTIONS.find((r) => r.value === options.reducer)?.label.toLowerCase() ?? options.reducer;
  const tip =
    value.value === null
      ? `${info.label}, ${context}: ${value.missing ?? 'No data'}`
      : `${info.label}, ${context}: ${text} (${how}; ${describeThreshold(value.quality, options.thresholds[value.quality])})`;
  return (
    <Tooltip content={tip} placement="top">
      <span
        className={styles.value}
        data-testid="callpath-value"
        data-quality={value.quality}
        data-severity={value.severity}
        tabIndex={0}
      >
        <span className={styles.valueLabel} style={{ fontSize: fonts.label }}>
          {info.label}
        </span>
        <span className={styles.valueText} style={{ fontSize: fonts.value, color: look.valueText }}>
          {text}
        </span>
      </span>
    </Tooltip>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    // The cell's size includes border and padding (Grafana's global styles say so too; a host page may not).
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    overflow: 'hidden',
    background: theme.colors.background.secondary,
    border: '3px solid',
    borderRadius: theme.shape.radius.default,
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
    lineHeight: 1.4,
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
