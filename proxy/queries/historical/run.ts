import { paginateGetMetricDataV2, type MetricResultV2 } from '@aws-sdk/client-connect';
import { calendarDaysBackMs, isTimeZone } from '../../../src/connect';
import type { HistoricalQuery } from '../../../src/connect/proxyApi';
import type { AwsContext } from '../../aws/context';
import { followPages } from '../../aws/pages';
import type { ProxyContext } from '../../context';
import { staleNotice, staleReasonText } from '../common';
import { unknownInstance } from '../emptyAnswers';
import { queueNames, routingProfileNames } from '../names';
import { resolveFilterRefs } from '../resolveRefs';
import { eachQuery, type QueryRunner } from '../runner';
import { combineQueueRows } from './combine';
import { historicalFrames } from './frames';
import { planHistorical, type HistoricalCall } from './plan';

/**
 * historical queries (GetMetricDataV2, issue 17): names resolved to ids as for real-time queries, the calls planned
 * (plan.ts), each call's pages fetched through the cache, and the rows of every call as one query's frames
 * (frames.ts). A call whose range ended over an hour ago is history that no longer changes and is kept as long as
 * the lists are; the current one lives a minute, so the panels of every viewer share one call a minute.
 */

const SETTLED_MS = 3_600_000;
const CURRENT_TTL_MS = 60_000;

/** The instance's ARN (GetMetricDataV2 takes an ARN, not an id), from the cached ListInstances. */
async function instanceArn(ctx: ProxyContext, aws: AwsContext, region: string, instanceId: string): Promise<string> {
  const instances = await ctx.resources.loaders.instances(aws, region, {});
  const found = instances.find((i) => i.value === instanceId || i.arn === instanceId);
  if (typeof found?.arn !== 'string') {
    throw unknownInstance(instanceId, region, instances);
  }
  return found.arn;
}

async function fetchCall(
  ctx: ProxyContext,
  aws: AwsContext,
  region: string,
  instanceId: string,
  arn: string,
  call: HistoricalCall,
  nowMs: number
) {
  const endMs = call.EndTime!.getTime();
  return ctx.caches.cloudwatch.load(
    JSON.stringify(['gmdv2', aws.credentialsKey, region, arn, call]),
    {
      ttlMs: nowMs - endMs > SETTLED_MS ? ctx.config.resourceCacheTtlMs : CURRENT_TTL_MS,
      staleMs: ctx.config.staleMaxAgeMs,
      slowMs: ctx.config.staleIfSlowMs,
    },
    async (): Promise<MetricResultV2[]> => {
      const pages = await followPages(
        ctx,
        aws,
        { service: 'connect', operation: 'GetMetricDataV2', region, instanceId },
        paginateGetMetricDataV2({ client: aws.connect(region), pageSize: 100 }, { ResourceArn: arn, ...call })
      );
      return pages.flatMap((p) => p.MetricResults ?? []);
    }
  );
}

export const historicalRunner: QueryRunner<HistoricalQuery> = (ctx, aws, queries, range) =>
  eachQuery(queries, async (query) => {
    const region = query.region ?? aws.defaultRegion;
    const q = await resolveFilterRefs(ctx, aws, region, query);
    const nowMs = ctx.dataClock();
    // A comparison (offsetDays) asks for the same wall-clock range that many days earlier, in the query's zone.
    // (An unknown zone counts as UTC here; planning refuses it, naming timeZone.)
    const zone = q.timeZone && isTimeZone(q.timeZone) ? q.timeZone : 'UTC';
    const shiftMs = q.offsetDays ? calendarDaysBackMs(range.fromMs, q.offsetDays, zone) : 0;
    const plan = planHistorical(q, { ...range, fromMs: range.fromMs - shiftMs, toMs: range.toMs - shiftMs }, nowMs);
    const arn = await instanceArn(ctx, aws, region, q.instanceId);
    const loaded = await Promise.all(plan.calls.map((c) => fetchCall(ctx, aws, region, q.instanceId, arn, c, nowMs)));
    const results = loaded.flatMap((l) => l.value as MetricResultV2[]);
    const stale = loaded.filter((l) => l.stale);
    const notices = [...plan.notices];
    if (stale.length > 0) {
      const age = Math.max(...stale.map((l) => l.ageMs ?? 0));
      notices.push(staleNotice(age, [...new Set(stale.map((l) => staleReasonText(l.reason)))]));
    }
    const [queueName, rpName] = await Promise.all([
      q.groupings.includes('QUEUE') ? queueNames(ctx, aws, region, q.instanceId) : undefined,
      q.groupings.includes('ROUTING_PROFILE') ? routingProfileNames(ctx, aws, region, q.instanceId) : undefined,
    ]);
    // Connect may name a resource by ARN or id: its last part is the id.
    const nameOf = (dimension: string, value: string) => {
      const id = value.split('/').pop() ?? value;
      const names = dimension === 'QUEUE' ? queueName : dimension === 'ROUTING_PROFILE' ? rpName : undefined;
      return names?.get(id) ?? value;
    };
    return {
      status: 200,
      frames: historicalFrames(
        q,
        plan.combinesQueues ? combineQueueRows(q, results) : results,
        nameOf,
        notices,
        shiftMs
      ),
    };
  });
