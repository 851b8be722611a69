import type { DataQueryError } from '@grafana/data';

/**
 * A failed refresh in the few words a banner read from the door can hold ("proxy unreachable"); the datasource's
 * full message goes on the line below it.
 */
export function failureReason(errors: DataQueryError[]): string {
  const text = errors.map((e) => `${e.message ?? ''} ${e.data?.message ?? ''}`).join(' ');
  const statuses = errors.map((e) => e.status);
  if (
    statuses.some((s) => s === 502 || s === 503 || s === 504) ||
    /could not reach|gave up waiting|\(50[234]\)/i.test(text)
  ) {
    return 'proxy unreachable';
  }
  if (statuses.some((s) => s === 401 || s === 403) || /refused|\((401|403)\)|denied/i.test(text)) {
    return 'access refused';
  }
  if (/throttl|rate exceeded|too many requests/i.test(text)) {
    return 'AWS throttling';
  }
  return 'query failed';
}

/** "Query B: message" with several queries, the message alone with one. */
export function queryErrorText(error: DataQueryError, queryCount: number): string {
  const message = error.message || error.data?.message || 'the query failed without a message';
  return queryCount > 1 && error.refId ? `Query ${error.refId}: ${message}` : message;
}

/** "4 min", "2 h 5 min": how long a wall has been without news. */
export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) {
    return minutes < 1 ? `${Math.max(0, Math.floor(ms / 1000))} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
