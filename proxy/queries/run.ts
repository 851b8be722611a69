import type { QueryRequest, QueryResponse, QueryResult, QueryType, SwitchboardQuery } from '../../src/connect/proxyApi';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import { parseRange } from './common';
import { failedResult, type QueryRunner } from './runner';
import { QUERY_RUNNERS } from './runners';
import { validateQuery } from './validate';

/**
 * Answers every query of a request. Each query stands alone: one that is invalid or fails upstream gets its own
 * status and message, and the others are still answered. The request itself fails (throws) only for a bad range.
 */
export async function runQueries(ctx: ProxyContext, aws: AwsContext, body: QueryRequest): Promise<QueryResponse> {
  const range = parseRange(body);
  const results: Record<string, QueryResult> = {};
  const byType = new Map<QueryType, SwitchboardQuery[]>();
  const seen = new Set<string>();
  for (const raw of body.queries) {
    if (seen.has(raw.refId)) {
      // the first query with a refId keeps it; a later one cannot be told apart in the response
      continue;
    }
    seen.add(raw.refId);
    try {
      const q = validateQuery(raw);
      byType.set(q.queryType, [...(byType.get(q.queryType) ?? []), q]);
    } catch (err) {
      results[raw.refId] = failedResult(err);
    }
  }
  await Promise.all(
    [...byType].map(async ([type, queries]) => {
      const run = QUERY_RUNNERS[type] as QueryRunner<SwitchboardQuery>;
      try {
        (await run(ctx, aws, queries, range)).forEach((r, refId) => (results[refId] = r));
      } catch (err) {
        queries.forEach((q) => (results[q.refId] = failedResult(err)));
      }
    })
  );
  return { results };
}
