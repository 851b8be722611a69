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

/** Ids read by the math expressions of these queries. */
export function referencedQueryIds(queries: SwitchboardQuery[]): Set<string> {
  const ids = new Set<string>();
  for (const q of queries) {
    if (q.queryType === 'cloudwatch' && q.expression) {
      const text = q.expression.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '');
      for (const id of text.match(/\b[a-z][a-zA-Z0-9_]*\b/g) ?? []) {
        ids.add(id);
      }
    }
  }
  return ids;
}
