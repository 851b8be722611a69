import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2, useTheme2 } from '@grafana/ui';
import { cardBackground, paletteOf } from '../colour/palette';
import { hiddenParts, type Hidden } from './exceptionsFirst';

/**
 * The card that stands for everything the wall could not show at a readable size: "118 OK" large, then how many
 * cards it hides and of what kind ("138 queues not shown: 20 quiet"). Hidden alerts or warnings (only when even
 * the exceptions do not fit at the 16 px floor) lead, in their colour, with their icon, and are named. A note says
 * when the wall set its text below the viewing distance's size to show every exception (fitExceptions.ts).
 */
export function SummaryCard({
  hidden,
  noun,
  width,
  height,
  heroSize,
  titleSize,
  labelSize,
  padding,
  testId,
  note,
}: {
  hidden: Hidden;
  /** "queues", "connectors". */
  noun: string;
  width: number;
  height: number;
  heroSize: number;
  titleSize: number;
  labelSize: number;
  padding: number;
  testId: string;
  /** "Text scaled to fit 15 exceptions": shown small under the rest. */
  note?: string;
}) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const palette = paletteOf(theme);
  const parts = hiddenParts(hidden);
  const [lead, ...rest] = parts;
  const headline = `${hidden.total} ${noun} not shown`;
  // The exceptions it hides, by name: a NOC must know which queues are in trouble even when it cannot see them.
  const names = hidden.exceptions?.join(', ');
  // The lead ("98 OK") as large as the card's width allows, never above the tiles' hero size nor below the floor
  // (labelSize): a summary card is a tile like the others, and its text must not be cut off.
  const inner = width - 2 * padding - 6;
  const leadSize = lead
    ? Math.max(labelSize, Math.min(heroSize, Math.floor(inner / (lead.text.length * AVG_CHAR_EM + 0.95))))
    : heroSize;
  const trouble = lead && (lead.status === 'alert' || lead.status === 'warn');
  const leadColour = lead
    ? lead.status === 'alert' || lead.status === 'warn' || lead.status === 'ok'
      ? palette[lead.status]
      : theme.colors.text.secondary
    : theme.colors.text.secondary;
  return (
    <div
      role="group"
      tabIndex={0}
      aria-label={[
        `${headline}: ${parts.map((p) => p.text).join(', ')}`,
        names ? `not shown: ${names}` : undefined,
        note,
      ]
        .filter(Boolean)
        .join('; ')}
      data-testid={testId}
      data-hidden={hidden.total}
      className={styles.card}
      style={{ width, height, borderColor: trouble ? leadColour : theme.colors.text.secondary, padding }}
    >
      <div className={styles.title} style={{ fontSize: titleSize }}>
        <Icon name="eye-slash" aria-hidden style={{ width: titleSize, height: titleSize, flexShrink: 0 }} />
        <span className={styles.wrap} title={headline}>
          {headline}
        </span>
      </div>
      {lead && (
        <div className={styles.lead} style={{ fontSize: leadSize, color: leadColour }} data-testid={`${testId}-lead`}>
          {lead.status !== 'nodata' && lead.status !== 'quiet' && (
            <Icon
              name={
                lead.status === 'alert'
                  ? 'exclamation-triangle'
                  : lead.status === 'warn'
                    ? 'exclamation-circle'
                    : 'check-circle'
              }
              aria-hidden
              style={{ width: leadSize * 0.75, height: leadSize * 0.75, flexShrink: 0 }}
            />
          )}
          <span className={styles.text} title={lead.text}>
            {lead.text}
          </span>
        </div>
      )}
      {names && (
        <div
          className={styles.rest}
          style={{ fontSize: labelSize, color: leadColour }}
          title={names}
          data-testid={`${testId}-names`}
        >
          {names}
        </div>
      )}
      {rest.length > 0 && (
        <div className={styles.rest} style={{ fontSize: labelSize }} title={rest.map((p) => p.text).join(' · ')}>
          {rest.map((p) => p.text).join(' · ')}
        </div>
      )}
      {note && (
        <div className={styles.rest} style={{ fontSize: labelSize }} title={note} data-testid={`${testId}-note`}>
          {note}
        </div>
      )}
    </div>
  );
}

/** Average advance of a digit or letter in ems (Inter, bold): sizes the lead to the card's width. */
const AVG_CHAR_EM = 0.62;

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'space-evenly',
    alignItems: 'center',
    overflow: 'hidden',
    background: cardBackground(theme),
    border: '3px dashed',
    borderRadius: theme.shape.radius.default,
    '&:focus-visible': {
      outline: `3px solid ${theme.colors.text.maxContrast}`,
      outlineOffset: 2,
    },
  }),
  title: css({
    display: 'flex',
    alignItems: 'center',
    gap: '0.4em',
    maxWidth: '100%',
    lineHeight: 1.25,
    color: theme.colors.text.primary,
    fontWeight: theme.typography.fontWeightMedium,
  }),
  lead: css({
    display: 'flex',
    alignItems: 'center',
    gap: '0.2em',
    maxWidth: '100%',
    lineHeight: 1.1,
    fontWeight: theme.typography.fontWeightBold,
  }),
  rest: css({
    color: theme.colors.text.secondary,
    lineHeight: 1.2,
    maxWidth: '100%',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  }),
  wrap: css({
    whiteSpace: 'normal',
    textAlign: 'center',
    overflowWrap: 'anywhere',
    minWidth: 0,
  }),
  text: css({
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    minWidth: 0,
  }),
});
