import type { DataFrameJSON, QueryResult, SwitchboardQuery } from '../../src/connect/proxyApi';
import type { AwsContext } from '../aws/context';
import type { ProxyContext } from '../context';
import { asProxyError, type ProxyError } from '../errors';
import type { TimeRange } from './common';

/**
 * One runner per query type: it answers every valid query of its type in a request (together, so that a type can
 * batch them: CloudWatch sends them in shared GetMetricData calls), each with its own result. A new query type is
 * its schema in the contract (src/connect/proxyApi/query.ts), a runner module and its line here, which the compiler
 * asks for (docs/ARCHITECTURE.md, "Adding a query type").
 */
export type QueryRunner<Q extends SwitchboardQuery> = (
  ctx: ProxyContext,
  aws: AwsContext,
  queries: Q[],
  range: TimeRange
) => Promise<Map<string, QueryResult>>;

/** The entry of a query that failed: the status and message of its error. */
export function failedResult(err: unknown): QueryResult {
  const e = asProxyError(err);
  return { status: e.status, error: e.message };
}

/** Runs each query on its own: one that fails gets its own result, the others are answered. */
export async function eachQuery<Q extends SwitchboardQuery>(
  queries: Q[],
  answer: (q: Q) => Promise<QueryResult>
): Promise<Map<string, QueryResult>> {
  const results = new Map<string, QueryResult>();
  await Promise.all(
    queries.map((q) =>
      answer(q).then(
        (r) => void results.set(q.refId, r),
        (err) => void results.set(q.refId, failedResult(err))
      )
    )
  );
  return results;
}

/** The entries of queries a runner answered together: each its frames, or its error. */
export function eachResult(
  answers: Map<string, { frames?: DataFrameJSON[]; error?: ProxyError }>
): Map<string, QueryResult> {
  const results = new Map<string, QueryResult>();
  answers.forEach((r, refId) =>
    results.set(refId, r.error ? { status: r.error.status, error: r.error.message } : { status: 200, frames: r.frames })
  );
  return results;
}
