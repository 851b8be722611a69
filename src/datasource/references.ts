import { idsReadBy } from '../connect/mathReferences';
import { queryId, type SwitchboardQuery } from '../connect/proxyApi';

export { queryId };

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
