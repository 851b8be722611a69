import type { DataFrameJSON } from '../../proxy/frames';
import { runQueries } from '../../proxy/queries/run';
import { testAws, testContext } from '../support/proxy';
import type { QueryRequest } from '../../src/connect/proxyApi';
import { dataClockOf, startTestSimulator, type TestSimulator } from '../support/simulator';

/**
 * A query that finds nothing says why, when AWS can tell (proxy/queries/emptyAnswers.ts): a CloudWatch metric,
 * namespace, dimension set or dimension value that ListMetrics does not list gets a notice instead of a silent
 * "No data"; a quota query for an instance the credentials do not see is an error that says so. Against the
 * simulator, whose CloudWatch lists what its model publishes.
 */
const AT = '2026-11-18T17:00:00Z';
const NOW = Date.parse(AT);

describe('empty answers say why', () => {
  let sim: TestSimulator;
  let aws: ReturnType<typeof testAws>;
  let instanceId: string;
  beforeAll(async () => {
    sim = await startTestSimulator({ at: AT });
    aws = testAws(sim.url);
    instanceId = sim.context.world.instances[0].id;
  });
  afterAll(async () => {
    aws?.destroy();
    await sim?.close();
  });

  const request = (query: Record<string, unknown>, fromMs = NOW - 3_600_000, toMs = NOW): QueryRequest => ({
    range: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
    maxDataPoints: 500,
    queries: [{ refId: 'A', ...query }] as unknown as QueryRequest['queries'],
  });
  const queueSize = (over: Record<string, unknown> = {}) => ({
    queryType: 'cloudwatch',
    namespace: 'AWS/Connect',
    metricName: 'QueueSize',
    statistic: 'Maximum',
    dimensions: { InstanceId: [instanceId], MetricGroup: ['Queue'], QueueName: ['Billing'] },
    ...over,
  });
  const notices = (frames: DataFrameJSON[] | undefined) => [
    ...new Set((frames ?? []).flatMap((f) => (f.schema.meta?.notices ?? []).map((n) => `${n.severity}: ${n.text}`))),
  ];
  async function answer(
    query: Record<string, unknown>,
    ctx = testContext({}, dataClockOf(sim)),
    fromMs?: number,
    toMs?: number
  ) {
    const res = await runQueries(ctx, aws, request(query, fromMs, toMs));
    return res.results.A;
  }

  it('a metric name ListMetrics does not know: the notice names it, the namespace and the Region', async () => {
    const a = await answer(queueSize({ metricName: 'QueueSise' }));
    expect(a.status).toBe(200);
    expect(notices(a.frames)).toEqual([
      'warning: ListMetrics finds no metric QueueSise in AWS/Connect in us-east-1: check the metric name. (CloudWatch lists a metric while it has data from the last two weeks.)',
    ]);
  });

  it('a metric name in the wrong case: says which name it lists', async () => {
    const a = await answer(queueSize({ metricName: 'queuesize' }));
    expect(notices(a.frames)).toEqual([
      expect.stringMatching(
        /^warning: ListMetrics finds no metric queuesize in AWS\/Connect in us-east-1; it lists QueueSize: names are case-sensitive\./
      ),
    ]);
  });

  it('a namespace with no metrics in the Region', async () => {
    const a = await answer(queueSize({ namespace: 'AWS/Conect' }));
    expect(notices(a.frames)).toEqual([
      'warning: ListMetrics finds no metrics in namespace AWS/Conect in us-east-1: check the namespace and the Region (CloudWatch lists a metric while it has data from the last two weeks).',
    ]);
  });

  it('a dimension value ListMetrics does not list, with the values it does', async () => {
    const a = await answer(
      queueSize({ dimensions: { InstanceId: [instanceId], MetricGroup: ['Queue'], QueueName: ['Billng'] } })
    );
    const [notice] = notices(a.frames);
    expect(notice).toMatch(
      /^warning: ListMetrics finds no QueueName "Billng" for QueueSize in AWS\/Connect in us-east-1 \(it lists "After Hours", "Back Office", "Billing", .*\)\. CloudWatch lists a metric while it has data from the last two weeks\.$/
    );
  });

  it('dimensions that do not make up one of the metric’s dimension sets', async () => {
    const a = await answer(queueSize({ dimensions: { InstanceId: [instanceId] } }));
    expect(notices(a.frames)).toEqual([
      expect.stringMatching(
        /^warning: ListMetrics finds no QueueSize in AWS\/Connect in us-east-1 with exactly the dimensions InstanceId; it lists it with: InstanceId, MetricGroup, QueueName\. CloudWatch matches dimension sets exactly\.$/
      ),
    ]);
  });

  it('"*" that matches nothing: an empty frame carries the notice (no frame at all would show nothing)', async () => {
    const a = await answer(
      queueSize({
        dimensions: { InstanceId: ['00000000-0000-0000-0000-000000000000'], MetricGroup: ['Queue'], QueueName: ['*'] },
      })
    );
    expect(a.frames).toHaveLength(1);
    expect(a.frames![0].data.values).toEqual([[], []]);
    expect(notices(a.frames)).toEqual([
      expect.stringMatching(
        /^warning: ListMetrics finds no InstanceId "00000000-0000-0000-0000-000000000000" for QueueSize/
      ),
    ]);
  });

  it('a listed metric that had no data in the range (a quiet hour) stays quiet, and the lists come from the cache', async () => {
    const ctx = testContext({}, dataClockOf(sim));
    const lastWeek = NOW - 30 * 86_400_000;
    const listCalls = () => sim.stats.count('cloudwatch', 'ListMetrics');
    const before = listCalls();
    const a = await answer(queueSize(), ctx, lastWeek - 3_600_000, lastWeek);
    expect(a.status).toBe(200);
    expect(a.frames?.every((f) => f.data.values[0].length === 0)).toBe(true);
    expect(notices(a.frames)).toEqual([]);
    expect(listCalls() - before).toBe(1);
    await answer(queueSize(), ctx, lastWeek - 3_600_000, lastWeek);
    expect(listCalls() - before).toBe(1);
  });

  it('a query with data gets no diagnosis and no extra call', async () => {
    const before = sim.stats.count('cloudwatch', 'ListMetrics');
    const a = await answer(queueSize());
    expect(a.frames?.[0].data.values[0].length).toBeGreaterThan(0);
    expect(notices(a.frames)).toEqual([]);
    expect(sim.stats.count('cloudwatch', 'ListMetrics')).toBe(before);
  });

  it('counts the metrics GetMetricData requested, what CloudWatch bills (switchboard_cloudwatch_metrics_requested_total)', async () => {
    const ctx = testContext({}, dataClockOf(sim));
    const requested = async () =>
      (await ctx.metrics.cloudwatchMetricsRequested.get()).values.find((v) => v.labels.region === 'us-east-1')?.value ??
      0;
    await answer(
      queueSize({
        dimensions: { InstanceId: [instanceId], MetricGroup: ['Queue'], QueueName: ['Billing', 'Sales', 'VIP'] },
      }),
      ctx
    );
    expect(await requested()).toBe(3);
    // the same query again inside the minute: from the cache, nothing billed
    await answer(
      queueSize({
        dimensions: { InstanceId: [instanceId], MetricGroup: ['Queue'], QueueName: ['Billing', 'Sales', 'VIP'] },
      }),
      ctx
    );
    expect(await requested()).toBe(3);
  });

  it('a quota query for an instance these credentials do not see is an error that says so', async () => {
    const a = await answer({ queryType: 'quota', instanceId: '12345678-aaaa-bbbb-cccc-1234567890ab' });
    expect(a.status).toBe(404);
    expect(a.error).toMatch(
      /^instanceId: Amazon Connect instance 12345678-aaaa-bbbb-cccc-1234567890ab is not among the instances these credentials see in us-east-1 \(acme-support \([0-9a-f-]{36}\)/
    );
  });

  it('a quota query for a known instance with nothing published in the range: a notice naming the instance', async () => {
    const lastMonth = NOW - 30 * 86_400_000;
    const a = await answer(
      { queryType: 'quota', instanceId },
      testContext({}, dataClockOf(sim)),
      lastMonth - 3_600_000,
      lastMonth
    );
    expect(a.status).toBe(200);
    expect(notices(a.frames)).toEqual([
      `info: No concurrency metrics for acme-support (${instanceId}) in us-east-1 in this time range: Amazon Connect publishes them while contacts are in progress.`,
    ]);
  });
});
