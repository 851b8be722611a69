import { idsReadBy } from '../connect/mathReferences';
import type { SwitchboardQuery } from '../connect/query';

/** The CloudWatch id of a query (what math expressions refer to): its id, or its refId in lower case. */
export function queryId(q: SwitchboardQuery): string {
  if (q.queryType === 'cloudwatch' && q.id) {
    return q.id;
  }
  return q.refId
    .toLowerCase()
    .replace(/[^a-zA-Z0-9_]/g, '_')
    .replace(/^([^a-z])/, 'q$1');
}

/** Ids read by the math expressions of these queries (METRICS() and METRICS('x') included). */
export function referencedQueryIds(queries: SwitchboardQuery[], all: SwitchboardQuery[] = queries): Set<string> {
  const metricIds = all.filter((q) => q.queryType === 'cloudwatch' && !q.expression).map(queryId);
  const ids = new Set<string>();
  for (const q of queries) {
    if (q.queryType === 'cloudwatch' && q.expression) {
      idsReadBy(q.expression, metricIds).forEach((id) => ids.add(id));
    }
  }
  return ids;
}
