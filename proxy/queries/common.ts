import type { QueryRequest } from '../../src/connect/proxyApi';
import { QueryError } from '../errors';
import type { Notice } from '../frames';

/**
 * What every query type shares: the request's time range (parsed, and aligned to whole minutes for caching) and
 * how an answer served from an older one (stale while revalidate) says so.
 */

export interface TimeRange {
  fromMs: number;
  toMs: number;
  maxDataPoints: number;
}

const DEFAULT_MAX_DATA_POINTS = 1000;

/** A time from the request: ISO-8601, or epoch milliseconds as a string. */
export function parseTime(value: string, field: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new QueryError(`${field}: must be an ISO-8601 time or epoch milliseconds (got ${JSON.stringify(value)})`);
  }
  return ms;
}

export function parseRange(body: QueryRequest): TimeRange {
  const fromMs = parseTime(body.range.from, 'range.from');
  const toMs = parseTime(body.range.to, 'range.to');
  if (toMs <= fromMs) {
    throw new QueryError('range: "to" must be after "from"');
  }
  return { fromMs, toMs, maxDataPoints: body.maxDataPoints ?? DEFAULT_MAX_DATA_POINTS };
}

/** The range widened to whole minutes, so that refreshes within a minute share cached CloudWatch answers. */
export function alignToMinutes(range: TimeRange): { startMs: number; endMs: number } {
  return { startMs: Math.floor(range.fromMs / 60_000) * 60_000, endMs: Math.ceil(range.toMs / 60_000) * 60_000 };
}

/** Why an old answer was served, for notices. */
export function staleReasonText(reason: unknown): string {
  if (reason === 'slow') {
    return 'AWS is answering slowly';
  }
  return ((reason as Error)?.message ?? String(reason)).replace(/\.$/, '');
}

/** How long ago, for notices: "42 s", "3 min". */
export function ago(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

/**
 * The notice of a frame built from an old answer (stale-while-revalidate): Grafana shows it on the panel, so a
 * NOC screen says that its numbers are not live and how old they are, instead of an error or silent old data.
 */
export function staleNotice(ageMs: number, reasons: string[]): Notice {
  return {
    severity: 'warning',
    text: `Showing the last data Switchboard has, from ${ago(ageMs)} ago: ${reasons.join('; ')}.`,
  };
}
