import type { CloudWatchQuery, RealtimeQuery } from '../../src/connect/proxyApi';
import { STANDARD_REALTIME_METRICS } from '../../src/connect/realtimeMetrics';
import { framesOf, planCloudWatch, type PlannedQuery } from '../../proxy/queries/cloudwatch';
import { batchQueries, type SeriesData } from '../../proxy/queries/metricData';
import type { CallResult } from '../../proxy/queries/realtime/fetch';
import { realtimeFrames } from '../../proxy/queries/realtime/frames';
import { planRealtime } from '../../proxy/queries/realtime/plan';
import { testAws, testContext } from '../support/proxy';

/**
 * Micro-benchmarks of the proxy's CPU work, without network: building a real-time frame of 1,000 rows x 13
 * metrics, CloudWatch frames of 500 series x 1,440 points, and planning 1,000 CloudWatch queries into calls.
 * Each is run `runs` times after a warm-up; the median and the worst run are reported (ms).
 */

export interface MicroResult {
  name: string;
  medianMs: number;
  maxMs: number;
  goalMs?: number;
  note: string;
}

function time(runs: number, fn: () => unknown): { medianMs: number; maxMs: number } {
  for (let i = 0; i < 3; i++) {
    fn();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], maxMs: times[times.length - 1] };
}

function realtimeFrame(runs: number): MicroResult {
  const queues = Array.from({ length: 1000 }, (_, i) => `queue-${String(i).padStart(4, '0')}`);
  const q: RealtimeQuery = {
    refId: 'A',
    queryType: 'realtime',
    instanceId: 'instance',
    filters: { queues },
    groupings: ['QUEUE'],
    metrics: STANDARD_REALTIME_METRICS,
    sort: { metric: 'OLDEST_CONTACT_AGE', order: 'DESCENDING' },
  };
  const plan = planRealtime(q);
  // the answers of the plan's 10 calls of 100 queues, one row per queue
  const results: CallResult[] = plan.calls.map((call) => ({
    rows: call.filters.Queues!.map((id, r) => ({
      dims: { Queue: { Id: id, Arn: `arn:aws:connect:us-east-1:123456789012:instance/i/queue/${id}` } },
      values: plan.metrics.map((_, m) => (r * 7 + m * 13) % 97),
    })),
    snapshotMs: Date.now(),
    pages: 1,
  }));
  const names = {
    queues: new Map(queues.map((id, i) => [id, `Queue ${i}`])),
    routingProfiles: new Map<string, string>(),
    agentStatuses: new Map<string, string>(),
  };
  const frames = realtimeFrames(q, plan, results, names);
  const bytes = JSON.stringify(frames).length;
  const build = time(runs, () => realtimeFrames(q, plan, results, names));
  const withJson = time(runs, () => JSON.stringify(realtimeFrames(q, plan, results, names)));
  return {
    name: 'real-time frame, 1,000 rows x 13 metrics (sorted, names resolved)',
    ...build,
    goalMs: 5,
    note: `${frames[0].schema.fields.length} fields; with JSON serialisation (${(bytes / 1024).toFixed(0)} KiB) median ${withJson.medianMs.toFixed(2)} ms`,
  };
}

function cloudWatchFrames(runs: number): MicroResult {
  const start = Date.parse('2026-11-18T00:00:00Z');
  const query: CloudWatchQuery = {
    refId: 'A',
    queryType: 'cloudwatch',
    namespace: 'AWS/Connect',
    metricName: 'QueueSize',
    dimensions: { InstanceId: ['i'], MetricGroup: ['Queue'], QueueName: ['*'] },
    statistic: 'Maximum',
    period: '60',
    label: '${QueueName}',
  };
  const series: PlannedQuery['series'] = Array.from({ length: 500 }, (_, k) => ({
    id: `a_${k}`,
    dimensions: { InstanceId: 'i', MetricGroup: 'Queue', QueueName: `Queue ${k}` },
  }));
  const planned: PlannedQuery = { query, id: 'a', region: 'us-east-1', period: 60, statistic: 'Maximum', series };
  const data = new Map<string, SeriesData>(
    series.map((s, k) => [
      s.id,
      {
        id: s.id,
        timestamps: Array.from({ length: 1440 }, (_, i) => start + i * 60_000),
        values: Array.from({ length: 1440 }, (_, i) => (i * 31 + k) % 50),
        statusCode: 'Complete',
      },
    ])
  );
  const build = time(runs, () => framesOf(planned, data, []));
  const withJson = time(Math.max(3, Math.floor(runs / 4)), () => JSON.stringify(framesOf(planned, data, [])));
  const bytes = JSON.stringify(framesOf(planned, data, [])).length;
  return {
    name: 'CloudWatch frames, 500 series x 1,440 points',
    ...build,
    goalMs: 100,
    note: `720,000 points; with JSON serialisation (${(bytes / 1024 / 1024).toFixed(1)} MiB) median ${withJson.medianMs.toFixed(1)} ms`,
  };
}

async function cloudWatchPlanning(runs: number): Promise<MicroResult> {
  // No "*" in the dimensions: planning needs no AWS call, so the endpoint is never reached.
  const ctx = testContext();
  const aws = testAws('http://127.0.0.1:9');
  const periods = ['60', '300', 'auto'];
  const queries: CloudWatchQuery[] = Array.from({ length: 1000 }, (_, i) => ({
    refId: `Q${i}`,
    queryType: 'cloudwatch',
    region: i % 2 === 0 ? 'us-east-1' : 'eu-west-2',
    namespace: 'AWS/Connect',
    metricName: i % 3 === 0 ? 'QueueSize' : 'LongestQueueWaitTime',
    dimensions: { InstanceId: ['i'], MetricGroup: ['Queue'], QueueName: [`Queue ${i}`] },
    statistic: 'Maximum',
    period: periods[i % 3],
  }));
  const range = { fromMs: Date.now() - 3 * 3600_000, toMs: Date.now(), maxDataPoints: 1000 };
  const plan = async () => {
    const p = await planCloudWatch(ctx, aws, queries, range);
    return [...p.regions.values()].reduce((n, list) => n + batchQueries(list).length, 0);
  };
  const calls = await plan();
  for (let i = 0; i < 3; i++) {
    await plan();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await plan();
    times.push(performance.now() - t0);
  }
  aws.destroy();
  times.sort((a, b) => a - b);
  return {
    name: 'planning 1,000 CloudWatch queries (2 regions, 3 periods) into GetMetricData calls',
    medianMs: times[Math.floor(times.length / 2)],
    maxMs: times[times.length - 1],
    note: `${calls} calls (ceil(500/500) per region)`,
  };
}

export async function microBenchmarks(quick: boolean): Promise<MicroResult[]> {
  const runs = quick ? 20 : 100;
  return [realtimeFrame(runs), cloudWatchFrames(quick ? 8 : 30), await cloudWatchPlanning(runs)];
}
