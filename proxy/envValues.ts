/**
 * Reading settings from the environment, shared by config.ts and the exporter's settings: the same notion of
 * "unset", the same rendering of bad values and the same integer rule, so every message has one shape.
 */

type Env = Record<string, string | undefined>;

/** Reads one variable: unset and empty (as docker compose passes unset values) both mean "use the default". */
export function raw(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** A short, quoted rendering of a bad value for messages (never used for secrets). */
export function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

/** An integer variable within [min, max]; `fallback` when unset, or (with a problem pushed) when invalid. */
export function readInteger(
  env: Env,
  name: string,
  range: { fallback: number; min: number; max: number },
  problems: string[]
): number {
  const value = raw(env, name);
  if (value === undefined) {
    return range.fallback;
  }
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
    problems.push(`${name} must be an integer from ${range.min} to ${range.max} (got ${shown(value)})`);
    return range.fallback;
  }
  return n;
}
