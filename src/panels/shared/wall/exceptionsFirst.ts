/**
 * What a wall shows when its cards do not all fit at a readable size: every card in trouble (alert, then warning),
 * and one summary card for the rest, so that nothing bad is ever scrolled off or shrunk past reading.
 */

export type WallStatus = 'alert' | 'warn' | 'ok' | 'nodata' | 'quiet';

export interface Hidden {
  /** Cards not shown, by status. */
  counts: Record<WallStatus, number>;
  total: number;
  /** The alerts and warnings not shown (only when even they do not all fit), by name: alerts first. */
  exceptions?: string[];
}

export interface WallSelection<T> {
  shown: T[];
  /** Set when some cards are summarised instead of shown. */
  hidden?: Hidden;
}

const EXCEPTIONS = new Set<WallStatus>(['alert', 'warn']);

const emptyCounts = (): Record<WallStatus, number> => ({ alert: 0, warn: 0, ok: 0, nodata: 0, quiet: 0 });

/**
 * `items` in the order the wall shows them; `capacity` how many cards fit at the smallest readable size. All of them
 * when they fit; else the exceptions (in the same order), then the others in their order while places remain, and a
 * summary card taking one place for the rest. When even the exceptions do not fit (the wall already lowered its
 * text to the 16 px floor: fitExceptions.ts), the alerts come first, then as many warnings as fit beside the
 * summary, which counts the exceptions it hides and names them (`nameOf`).
 */
export function exceptionsFirst<T>(
  items: T[],
  capacity: number,
  statusOf: (item: T) => WallStatus,
  nameOf?: (item: T) => string
): WallSelection<T> {
  if (items.length <= capacity) {
    return { shown: items };
  }
  const places = Math.max(0, capacity - 1);
  const exceptions = items.filter((i) => EXCEPTIONS.has(statusOf(i)));
  const others = items.filter((i) => !EXCEPTIONS.has(statusOf(i)));
  // More exceptions than places: alerts before warnings, whatever the sort order (by name, by oldest).
  const first =
    exceptions.length > places
      ? [...exceptions.filter((i) => statusOf(i) === 'alert'), ...exceptions.filter((i) => statusOf(i) === 'warn')]
      : exceptions;
  const shown = [...first, ...others].slice(0, places);
  const kept = new Set(shown);
  const counts = emptyCounts();
  for (const item of items) {
    if (!kept.has(item)) {
      counts[statusOf(item)]++;
    }
  }
  const hiddenExceptions = first.filter((i) => !kept.has(i));
  return {
    shown,
    hidden: {
      counts,
      total: items.length - shown.length,
      ...(nameOf && hiddenExceptions.length > 0 ? { exceptions: hiddenExceptions.map(nameOf) } : {}),
    },
  };
}

const WORDS: Record<WallStatus, string> = {
  alert: 'alert',
  warn: 'warning',
  ok: 'OK',
  nodata: 'no data',
  quiet: 'quiet',
};

/** "118 OK · 20 quiet", the worst first (hidden alerts and warnings lead: they should not be hidden). */
export function hiddenParts(hidden: Hidden): Array<{ status: WallStatus; text: string }> {
  const order: WallStatus[] = ['alert', 'warn', 'ok', 'nodata', 'quiet'];
  return order
    .filter((s) => hidden.counts[s] > 0)
    .map((s) => ({
      status: s,
      text: `${hidden.counts[s]} ${s === 'alert' || s === 'warn' ? WORDS[s] + (hidden.counts[s] > 1 ? 's' : '') : WORDS[s]}`,
    }));
}
