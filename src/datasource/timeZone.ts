import type { SwitchboardQuery } from '../connect/proxyApi';

/**
 * The dashboard's time zone for GetMetricDataV2, which applies it to day and week boundaries: Grafana's request says
 * `browser` (the viewer's zone), `utc`, an IANA name, or nothing (the default, the browser's). A historical query
 * with its own time zone keeps it.
 */
export function dashboardTimeZone(requestZone: string | undefined): string {
  if (!requestZone || requestZone === 'browser') {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  }
  return requestZone.toLowerCase() === 'utc' ? 'UTC' : requestZone;
}

export function withDashboardTimeZone<Q extends SwitchboardQuery>(q: Q, requestZone: string | undefined): Q {
  return q.queryType === 'historical' && !q.timeZone ? { ...q, timeZone: dashboardTimeZone(requestZone) } : q;
}
