import { QUERY_SCHEMAS, type SwitchboardQuery } from '../connect/proxyApi';
import type { SwitchboardDataQuery } from './types';

/**
 * A query as the proxy takes it: only the fields of its type's schema. Grafana adds its own fields to every query a
 * panel runs (`datasource`, sometimes `key` or `intervalMs`), and the proxy refuses fields it does not know, so
 * they are dropped here; a query without a known type goes as it is and the proxy names the problem.
 */
export function toProxyQuery(q: SwitchboardDataQuery): SwitchboardQuery {
  const schema = QUERY_SCHEMAS[q.queryType as keyof typeof QUERY_SCHEMAS];
  if (!schema) {
    return q;
  }
  const known = new Set(Object.keys(schema.properties));
  return Object.fromEntries(Object.entries(q).filter(([k]) => known.has(k))) as SwitchboardQuery;
}
