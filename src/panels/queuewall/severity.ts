import type { Direction } from './options';

/**
 * How bad a value is under a rule. Thresholds are inclusive in both directions, so one sentence describes a rule:
 * "above": value >= alert is alert, else value >= warn is warn; "below": value <= alert is alert, else value <= warn
 * is warn. A missing value is "nodata", never ok: an empty cell must not look healthy.
 */
export type Severity = 'alert' | 'warn' | 'ok' | 'nodata';

export interface Thresholds {
  warn?: number;
  alert?: number;
  direction: Direction;
}

const RANK: Record<Severity, number> = { alert: 3, warn: 2, ok: 1, nodata: 0 };

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function valueSeverity(value: number | null | undefined, t: Thresholds): Severity {
  if (!isNumber(value)) {
    return 'nodata';
  }
  const bad = (threshold: number | undefined) =>
    isNumber(threshold) && (t.direction === 'above' ? value >= threshold : value <= threshold);
  if (bad(t.alert)) {
    return 'alert';
  }
  if (bad(t.warn)) {
    return 'warn';
  }
  return 'ok';
}

/** The worst of several severities; "nodata" only when nothing has data. */
export function worstSeverity(severities: Severity[]): Severity {
  return severities.reduce<Severity>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), 'nodata');
}
