import React, { createContext, useContext, useLayoutEffect, useRef } from 'react';
import { css } from '@emotion/css';
import { formatValue } from './format';
import { LINE } from './layout';
import { tickingAge } from './ticking';
import type { Ticker } from './ticker';

/**
 * The width of a counting age's box: digits are one `ch` each (tabular figures: Inter's are 0.638 em, its ch 0.636
 * em), colons and points 0.6 ch (Inter's colon is 0.53 ch), anything else (a unit's letters) a generous 1.6 ch. A
 * clock never overflows its box (which would clip it: paint containment) and barely exceeds its text.
 */
export function clockWidth(text: string): string {
  let ch = 0;
  for (const c of text) {
    ch += c >= '0' && c <= '9' ? 1 : c === ':' || c === '.' || c === ',' || c === ' ' ? 0.6 : 1.6;
  }
  return `${Math.round(ch * 100) / 100}ch`;
}

const styles = {
  // A box of given size (clockWidth, one line of the value's line height) with strict containment: a relayout
  // boundary (Chrome: size and layout containment, a paint layer of its own, a block child, not a flex or grid item).
  // The ticking text relays out 14 boxes of one text each instead of 14 tiles of nested flex boxes (2.7 ms to 0.6 ms
  // a tick on the NOC wall, measured on the 2-core test machine).
  clock: css({
    display: 'block',
    contain: 'strict',
    height: `${LINE.value}em`,
    textAlign: 'center',
    fontVariantNumeric: 'tabular-nums',
  }),
};

/** The panel's one-second clock (QueueWallPanel provides it). */
export const TickerContext = createContext<Ticker | undefined>(undefined);

/**
 * A value's text. A counting age (the oldest contact, while contacts wait) follows the panel's clock: Connect's
 * answer plus the time since its snapshot. Anything else is written once.
 *
 * The text node is made and written by this component, never rendered by React (the span React renders has no
 * children, so React never touches it): a tick costs a string comparison per counting age and a `data` write when
 * its shown second changed, with no React render or commit at all. Rendering the ages with React
 * (useSyncExternalStore) cost a render and commit of every counting age per tick, twice a second when a timer fired
 * before the second turned (the frame of a tick 21–24 ms at p99 against 18–19 still, docs/benchmarks.md).
 */
export function TickingValue({
  answered,
  snapshot,
  ticking,
  value,
  unit,
  decimals,
  className,
}: {
  answered: number | null;
  snapshot?: number;
  ticking: boolean;
  /** The value at the panel's last render (what a non-counting value shows). */
  value: number | null;
  unit?: string;
  decimals?: number;
  /** The span's class: QueueTile lets it shrink and clip like the value box it sits in. */
  className?: string;
}) {
  const ticker = useContext(TickerContext);
  const live = ticking && ticker !== undefined;
  const ref = useRef<HTMLSpanElement>(null);
  // Before the browser paints (a layout effect): the first frame already shows the text, and a new answer or
  // options rewrite it at once, whatever a tick wrote before.
  useLayoutEffect(() => {
    const span = ref.current;
    if (!span) {
      return undefined;
    }
    const text = (now: number) => {
      const shown = live ? tickingAge(answered, snapshot, now, true) : value;
      return shown === null ? 'no data' : formatValue(shown, unit, decimals);
    };
    const node = span.ownerDocument.createTextNode(text(live ? ticker.now() : 0));
    if (!live) {
      span.replaceChildren(node);
      return undefined;
    }
    // A counting age sits in a box of its own size (clockWidth), contained: Chrome lays out and paints that box
    // alone when its text changes, not the tile around it.
    const box = span.ownerDocument.createElement('span');
    box.className = styles.clock;
    box.style.width = clockWidth(node.data);
    box.append(node);
    span.replaceChildren(box);
    // Only when the shown second changed: a tick that fires early (timers are late or early by a few ms) writes
    // nothing, and nothing is laid out again.
    return ticker.subscribe(() => {
      const next = text(ticker.now());
      if (node.data !== next) {
        const width = clockWidth(next);
        if (box.style.width !== width) {
          // 9:59 to 10:00: a wider box, laid out with its tile (once in ten minutes at most).
          box.style.width = width;
        }
        node.data = next;
      }
    });
  }, [live, ticker, answered, snapshot, value, unit, decimals]);
  return <span ref={ref} className={className} />;
}
