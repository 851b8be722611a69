import type { RealtimeQuery } from '../../../src/connect/proxyApi';
import type { AwsContext } from '../../aws/context';
import type { ProxyContext } from '../../context';
import type { DataFrameJSON } from '../../frames';
import { agentStatusNames, queueNames, routingProfileNames } from '../names';
import { resolveFilterRefs } from '../resolveRefs';
import { fetchCall } from './fetch';
import { realtimeFrames } from './frames';
import { planRealtime } from './plan';

/** Like Promise.all, but waits for every promise before throwing the first failure. */
async function allSettled<T extends readonly unknown[]>(
  promises: T
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    throw failed.reason;
  }
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}

/**
 * The frames of a real-time query. With `memoKey` (answerKey() of the query), a fresh answer is kept in the answer
 * memo for the next identical query while its cached calls stay fresh (answerMemo.ts).
 */
export async function runRealtime(
  ctx: ProxyContext,
  aws: AwsContext,
  asked: RealtimeQuery,
  memoKey?: string
): Promise<DataFrameJSON[]> {
  const region = asked.region ?? aws.defaultRegion;
  // The rules first (no upstream call for a query that cannot run), then names to ids, then the calls.
  planRealtime(asked);
  const q = await resolveFilterRefs(ctx, aws, region, asked);
  const plan = planRealtime(q);
  const none = Promise.resolve(new Map<string, string>());
  // Settled, not Promise.all: a failed name list must not leave a union call behind that lands after the answer.
  const [results, queues, routingProfiles, agentStatuses] = await allSettled([
    Promise.all(plan.calls.map((call) => fetchCall(ctx, aws, region, q.instanceId, call))),
    q.groupings.includes('QUEUE') ? queueNames(ctx, aws, region, q.instanceId) : none,
    q.groupings.includes('ROUTING_PROFILE') ? routingProfileNames(ctx, aws, region, q.instanceId) : none,
    q.groupings.includes('AGENT_STATUS') ? agentStatusNames(ctx, aws, region, q.instanceId) : none,
  ] as const);
  const frames = realtimeFrames(q, plan, results, { queues, routingProfiles, agentStatuses });
  if (memoKey !== undefined && results.every((r) => !r.staleReason && r.source)) {
    ctx.realtime.answers.keep(
      memoKey,
      ctx.config.realtimeCacheTtlMs,
      frames,
      results.map((r) => r.source!)
    );
  }
  return frames;
}
