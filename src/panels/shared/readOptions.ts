/**
 * Lenient readers for saved panel options: provisioned dashboards are written by hand, so a number may come as a
 * string ("3.5"), a boolean as "true". Each reader gives undefined (or the fallback) for what it cannot read, and
 * the panels' migrations fill those with defaults.
 */

export type Loose = Record<string, unknown>;

export const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A finite number, or a string that is one; anything else is undefined. */
export function readNumber(v: unknown): number | undefined {
  if (typeof v === 'number') {
    return Number.isFinite(v) ? v : undefined;
  }
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function readBoolean(v: unknown, fallback: boolean): boolean {
  if (typeof v === 'boolean') {
    return v;
  }
  if (v === 'true' || v === 'false') {
    return v === 'true';
  }
  return fallback;
}

export const clamp = (v: number, { min, max }: { min: number; max: number }) => Math.min(max, Math.max(min, v));

/** Grafana runs a panel's migration handler when this says so: options of another shape version (or none). */
export const needsMigration = (options: unknown, version: number): boolean =>
  (options as Loose | undefined)?.version !== version;
