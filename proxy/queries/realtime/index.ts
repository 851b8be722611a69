import type { RealtimeQuery } from '../../../src/connect/proxyApi';
import { eachQuery, type QueryRunner } from '../runner';
import { answerKey } from './answerMemo';
import { runRealtime } from './run';

/**
 * The runner of realtime queries (GetCurrentMetricData): plan.ts checks the rules and plans the calls, fetch.ts
 * fetches them through the union calls of their shapes (unionCalls.ts), combine.ts combines the rows of split
 * calls, frames.ts builds the frames; a repeated query is answered from the answer memo (answerMemo.ts).
 */
export const realtimeRunner: QueryRunner<RealtimeQuery> = (ctx, aws, queries) =>
  eachQuery(queries, async (q) => {
    // A query asked a moment ago whose cached calls are still fresh: its frames as they were, aged to now.
    const key = answerKey(aws, q);
    const frames = ctx.realtime.answers.lookup(key) ?? (await runRealtime(ctx, aws, q, key));
    return { status: 200, frames };
  });
