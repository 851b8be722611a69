import type { SwitchboardQuery } from './query';

/**
 * The CloudWatch id of a query, what math expressions refer to: its `id`, or its refId in lower case with anything
 * CloudWatch does not take replaced (and a leading letter added when it does not start with one).
 */
export function queryId(q: Pick<SwitchboardQuery, 'refId'> & { id?: string; queryType?: string }): string {
  if (q.queryType === 'cloudwatch' && q.id) {
    return q.id;
  }
  return q.refId
    .toLowerCase()
    .replace(/[^a-zA-Z0-9_]/g, '_')
    .replace(/^([^a-z])/, 'q$1');
}
