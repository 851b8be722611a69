import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Dashboard } from '@grafana/schema';
import type { QueryRequest } from '../../src/connect/proxyApi';
import type { DataFrameJSON } from '../../proxy/frames';
import { runQueries } from '../../proxy/queries/run';
import { TtlCache } from '../../proxy/upstream/cache';
import { testAws, testContext } from '../support/proxy';
import { instanceValues, interpolatedTargets, panelsOf, type VariableValues } from '../support/dashboards';
import { dataClockOf, startTestSimulator, type TestSimulator } from '../support/simulator';

/**
 * What keeps upstream calls flat as viewers grow, against the simulator: real-time panels of a dashboard merged
 * into one GetCurrentMetricData call per shape (in one request and across requests), passthrough as the
 * comparison, the stale fallback when Connect or CloudWatch throttles (the simulator's fault injection), and
 * CloudWatch queries batched 500 to a GetMetricData call.
 */
const AT = '2026-11-18T19:00:00Z';
const NOW = Date.parse(AT);
const queuesDashboard = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../dashboards/queues.json'), 'utf8')
) as Dashboard;

describe('proxy under load: merging, passthrough, stale answers, batching', () => {
  let sim: TestSimulator;
  let aws: ReturnType<typeof testAws>;
  let instanceId: string;
  let values: VariableValues;

  beforeAll(async () => {
    sim = await startTestSimulator({ at: AT });
    aws = testAws(sim.url);
    const instance = sim.context.world.instances[0];
    instanceId = instance.id;
    values = instanceValues(instance);
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  const calls = (op: 'GetCurrentMetricData' | 'GetMetricData') =>
    sim.stats.count(op === 'GetMetricData' ? 'cloudwatch' : 'connect', op);
  const faults = (table: Record<string, unknown>) =>
    fetch(`${sim.url}/_sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(table),
    });
  const request = (queries: unknown[], hours = 1): QueryRequest => ({
    range: { from: new Date(NOW - hours * 3600_000).toISOString(), to: AT },
    maxDataPoints: 500,
    queries: queries as QueryRequest['queries'],
  });
  /** The real-time panels of the Queues dashboard, each as Grafana sends it: one request per panel. */
  const realtimePanels = () =>
    panelsOf(queuesDashboard)
      .map((p) => interpolatedTargets(p, values))
      .filter((targets) => targets.every((t) => t.queryType === 'realtime'));
  const column = (f: DataFrameJSON, name: string) => f.data.values[f.schema.fields.findIndex((x) => x.name === name)];

  it('merges the real-time panels of a dashboard into one call per shape, each panel getting its own metrics', async () => {
    const panels = realtimePanels();
    expect(panels).toHaveLength(3);
    const ctx = testContext({}, dataClockOf(sim));
    const before = calls('GetCurrentMetricData');
    // every panel in its own request, all at once, as a dashboard load does
    const answers = await Promise.all(panels.map((targets) => runQueries(ctx, aws, request(targets))));
    // wallboard and table: same filters and grouping (QUEUE) -> one call; the stat row (no grouping) -> another
    expect(calls('GetCurrentMetricData') - before).toBe(2);
    const wallboard = answers[0].results.A.frames![0];
    expect(wallboard.schema.fields.map((f) => f.name)).toEqual([
      'Queue',
      'Queue ID',
      'CONTACTS_IN_QUEUE',
      'OLDEST_CONTACT_AGE',
      'AGENTS_AVAILABLE',
      'AGENTS_ONLINE',
    ]);
    const table = answers[2].results.A.frames![0];
    // Queue, Queue ID and the table panel's own metrics, whatever the union call fetched.
    const tableMetrics = (panels[2][0] as { metrics: string[] }).metrics;
    expect(table.schema.fields.map((f) => f.name)).toEqual(['Queue', 'Queue ID', ...tableMetrics]);
    // the same snapshot, so the shared metrics agree queue by queue
    const byQueue = (f: DataFrameJSON, m: string) =>
      Object.fromEntries((column(f, 'Queue') as string[]).map((q, i) => [q, (column(f, m) as number[])[i]]));
    expect(byQueue(wallboard, 'AGENTS_ONLINE')).toEqual(byQueue(table, 'AGENTS_ONLINE'));
    expect(byQueue(wallboard, 'CONTACTS_IN_QUEUE')).toEqual(byQueue(table, 'CONTACTS_IN_QUEUE'));
    // 50 more viewers refreshing: all from the cache
    await Promise.all(
      Array.from({ length: 50 }, () => Promise.all(panels.map((targets) => runQueries(ctx, aws, request(targets)))))
    );
    expect(calls('GetCurrentMetricData') - before).toBe(2);
  });

  it('merges panels of the same shape within one request too', async () => {
    const [wall, , table] = realtimePanels();
    const ctx = testContext({}, dataClockOf(sim));
    const before = calls('GetCurrentMetricData');
    const res = await runQueries(ctx, aws, request([wall[0], { ...table[0], refId: 'B' }]));
    expect([res.results.A.status, res.results.B.status]).toEqual([200, 200]);
    expect(calls('GetCurrentMetricData') - before).toBe(1);
  });

  it('in passthrough calls Connect once per panel and viewer', async () => {
    const panels = realtimePanels();
    const ctx = testContext({ cacheMode: 'passthrough' }, dataClockOf(sim));
    const before = calls('GetCurrentMetricData');
    await Promise.all(
      Array.from({ length: 3 }, () => Promise.all(panels.map((targets) => runQueries(ctx, aws, request(targets)))))
    );
    expect(calls('GetCurrentMetricData') - before).toBe(9);
  });

  it('serves the last real-time answer, marked stale with its age and a notice, while Connect throttles', async () => {
    const ttl = 300;
    const ctx = testContext({ realtimeCacheTtlMs: ttl, staleIfSlowMs: 0 }, dataClockOf(sim));
    const [wall] = realtimePanels();
    const fresh = await runQueries(ctx, aws, request(wall));
    expect(fresh.results.A.frames![0].schema.meta?.custom?.stale).toBeUndefined();
    await faults({ GetCurrentMetricData: { throttleRate: 1 } });
    try {
      await new Promise((r) => setTimeout(r, ttl + 30));
      const res = await runQueries(ctx, aws, request(wall));
      expect(res.results.A.status).toBe(200);
      const meta = res.results.A.frames![0].schema.meta!;
      expect(meta.custom).toMatchObject({
        stale: true,
        snapshotTime: fresh.results.A.frames![0].schema.meta!.custom!.snapshotTime,
      });
      expect(meta.custom!.dataAgeMs).toBeGreaterThanOrEqual(ttl + 30);
      expect(meta.notices![0].severity).toBe('warning');
      expect(meta.notices![0].text).toMatch(
        /^Showing the last data Switchboard has, from \d+ (s|min) ago: .*throttled GetCurrentMetricData/
      );
      expect(res.results.A.frames![0].data.values).toEqual(fresh.results.A.frames![0].data.values);
      // Right after the failed refresh, the stale answer stands in without another call (STALE_RETRY_MS, capped at
      // the lifetime): a throttled API is not asked again by every viewer.
      const beforeRetry = calls('GetCurrentMetricData');
      const again = await runQueries(ctx, aws, request(wall));
      expect(again.results.A.frames![0].schema.meta?.custom?.stale).toBe(true);
      expect(calls('GetCurrentMetricData')).toBe(beforeRetry);
      // a query with no earlier answer still fails, with the throttle's message
      const other = await runQueries(ctx, aws, request([{ ...wall[0], groupings: [], metrics: ['SLOTS_ACTIVE'] }]));
      expect(other.results.A.status).toBe(429);
    } finally {
      await faults({});
    }
    // Within one lifetime of the end of the throttling, fresh again.
    await new Promise((r) => setTimeout(r, ttl + 10));
    const recovered = await runQueries(ctx, aws, request(wall));
    expect(recovered.results.A.frames![0].schema.meta?.custom?.stale).toBeUndefined();
  });

  it('serves the last CloudWatch answer, marked stale, while CloudWatch fails', async () => {
    let now = Date.now();
    const ctx = testContext({}, dataClockOf(sim));
    ctx.caches.cloudwatch = new TtlCache('cloudwatch', { now: () => now });
    const q = {
      refId: 'A',
      queryType: 'cloudwatch',
      namespace: 'AWS/Connect',
      metricName: 'QueueSize',
      dimensions: { InstanceId: [instanceId], MetricGroup: ['Queue'], QueueName: [values.queue[0]] },
      statistic: 'Maximum',
      period: '60',
    };
    const fresh = await runQueries(ctx, aws, request([q]));
    expect(fresh.results.A.status).toBe(200);
    await faults({ GetMetricData: { errorRate: 1 } });
    try {
      now += 10 * 60_000;
      const res = await runQueries(ctx, aws, request([q]));
      expect(res.results.A.status).toBe(200);
      const meta = res.results.A.frames![0].schema.meta!;
      expect(meta.custom).toMatchObject({ stale: true, dataAgeMs: expect.any(Number) });
      expect(meta.notices![0].text).toMatch(/^Showing the last data Switchboard has, from 10 min ago: /);
      expect(res.results.A.frames![0].data.values).toEqual(fresh.results.A.frames![0].data.values);
    } finally {
      await faults({});
    }
  });

  it('sends N CloudWatch queries of a region and range in ceil(N/500) GetMetricData calls, whatever their periods', async () => {
    const queues = values.queue;
    const metrics = ['QueueSize', 'LongestQueueWaitTime', 'ContactsQueued', 'ContactsHandled'];
    const periods = ['60', '300', '900', '3600'];
    // 8 queues x 4 metrics x 4 periods x 5 statistics = 640 queries of one series each
    const queries = queues.flatMap((queue) =>
      metrics.flatMap((metricName) =>
        periods.flatMap((period) =>
          ['Maximum', 'Average', 'Sum', 'Minimum', 'SampleCount'].map((statistic) => ({
            queryType: 'cloudwatch',
            namespace: 'AWS/Connect',
            metricName,
            dimensions: { InstanceId: [instanceId], MetricGroup: ['Queue'], QueueName: [queue] },
            statistic,
            period,
          }))
        )
      )
    );
    const n = queries.length;
    expect(n).toBe(queues.length * 80);
    const before = calls('GetMetricData');
    const res = await runQueries(
      testContext({}, dataClockOf(sim)),
      aws,
      request(
        queries.map((q, i) => ({ ...q, refId: `Q${i}` })),
        3
      )
    );
    expect(Object.values(res.results).filter((r) => r.status !== 200)).toEqual([]);
    expect(calls('GetMetricData') - before).toBe(Math.ceil(n / 500));
  });
});
