import React, { createContext, useContext, useSyncExternalStore } from 'react';
import { formatValue } from './format';
import { tickingAge } from './ticking';
import type { Ticker } from './ticker';

/** The panel's one-second clock (QueueWallPanel provides it). */
export const TickerContext = createContext<Ticker | undefined>(undefined);

const noSubscription = () => () => undefined;

/**
 * A value's text. A counting age (the oldest contact, while contacts wait) subscribes to the panel's clock and
 * re-renders alone each second: Connect's answer plus the time since its snapshot. Anything else renders once.
 */
export function TickingValue({
  answered,
  snapshot,
  ticking,
  value,
  unit,
  decimals,
}: {
  answered: number | null;
  snapshot?: number;
  ticking: boolean;
  /** The value at the panel's last render (what a non-counting value shows). */
  value: number | null;
  unit?: string;
  decimals?: number;
}) {
  const ticker = useContext(TickerContext);
  const live = ticking && ticker !== undefined;
  const now = useSyncExternalStore(live ? ticker.subscribe : noSubscription, live ? ticker.now : () => 0);
  const shown = live ? tickingAge(answered, snapshot, now, true) : value;
  return <>{shown === null ? 'no data' : formatValue(shown, unit, decimals)}</>;
}
