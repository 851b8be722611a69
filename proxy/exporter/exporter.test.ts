import { defaultOperations } from '../../simulator/app';
import { buildProxy } from '../app';
import { AwsClients } from '../aws/clients';
import type { OperationSpec } from '../../simulator/protocol/types';
import type { SwitchboardQuery } from '../../src/connect/proxyApi';
import type { ProxyContext } from '../context';
import type { DataFrameJSON } from '../frames';
import { runQueries } from '../queries/run';
import { testAws, testContext, testConfig, TEST_ACCESS_KEY, TEST_SECRET_KEY } from '../../test/support/proxy';
import { dataClockOf, startSimulatorWith, type TestSimulator } from '../../test/support/simulator';
import { EXPORTED_REALTIME_METRICS } from './catalogue';
import { todayRange } from './day';
import { Exporter, CLOUDWATCH_WINDOW_MS } from './exporter';
import type { ExporterSettings } from './settings';

/**
 * The poll loop against the simulator, through the proxy's query engine: what it exports equals what POST /api/query
 * answers; a failing query keeps its last values and says so; a queue that disappears takes its series along.
 */

/** Queue names ListQueues leaves out (a queue deleted in Connect). */
const hidden = new Set<string>();
const listQueues = defaultOperations().find((o) => o.name === 'ListQueues')!;
const hidingListQueues: OperationSpec = {
  ...listQueues,
  handler: async (req, sim) => {
    const res = await listQueues.handler(req, sim);
    const body = res.body as { QueueSummaryList: Array<{ Name?: string }> };
    return {
      ...res,
      body: { ...body, QueueSummaryList: body.QueueSummaryList.filter((q) => !hidden.has(q.Name ?? '')) },
    };
  },
};

let sim: TestSimulator;
let instanceId: string;
beforeAll(async () => {
  sim = await startSimulatorWith([hidingListQueues]);
  instanceId = sim.context.world.instances[0].id;
});
afterAll(async () => sim?.close());

interface Series {
  labels: Partial<Record<string, string | number>>;
  value: number;
}
async function series(ctx: ProxyContext, name: string): Promise<Series[]> {
  const metric = ctx.metrics.registry.getSingleMetric(name);
  if (!metric) {
    throw new Error(`${name} is not registered`);
  }
  return (await metric.get()).values.map((v) => ({ labels: v.labels, value: v.value }));
}

function setup(settings: Partial<ExporterSettings> = {}, config: Parameters<typeof testContext>[0] = {}) {
  hidden.clear();
  sim.faults.clear();
  const ctx = testContext({ awsEndpointUrl: sim.url, ...config }, dataClockOf(sim));
  const aws = testAws(sim.url);
  const exporter = new Exporter({
    ctx,
    aws,
    settings: {
      instances: [{ id: instanceId, region: 'us-east-1' }],
      queues: 'all',
      channels: ['VOICE', 'CHAT'],
      intervalMs: 60_000,
      region: 'us-east-1',
      quotas: true,
      voiceConnectors: 'all',
      historical: true,
      timeZone: 'UTC',
      serviceLevelSeconds: 20,
      ...settings,
    },
    dataClock: () => sim.clock.nowMs(),
  });
  return { ctx, aws, exporter };
}

describe('the exporter poll', () => {
  it("exports exactly what POST /api/query answers for the same queries, with the instance's alias", async () => {
    const { ctx, aws, exporter } = setup();
    const report = await exporter.pollNow();
    expect(report.outcomes.map((o) => [o.query, o.ok, o.error])).toEqual([
      ['instances', true, undefined],
      ['realtime', true, undefined],
      ['quota', true, undefined],
      ['historical', true, undefined],
      ['voice_connector_mos', true, undefined],
    ]);

    // The dashboard's view of the same thing: a table by queue and channel over every standard queue.
    const queues = sim.context.world.instances[0].queues;
    const now = sim.clock.nowMs();
    const queries: SwitchboardQuery[] = [
      {
        refId: 'A',
        queryType: 'realtime',
        instanceId,
        filters: { queues: queues.map((q) => q.name), channels: ['VOICE', 'CHAT'] },
        groupings: ['QUEUE', 'CHANNEL'],
        metrics: ['CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE', 'AGENTS_AVAILABLE'],
      },
      { refId: 'Q', queryType: 'quota', instanceId, channels: ['VOICE', 'CHAT'] },
    ];
    const answer = await runQueries(ctx, aws, {
      range: { from: new Date(now - CLOUDWATCH_WINDOW_MS).toISOString(), to: new Date(now).toISOString() },
      maxDataPoints: 1000,
      queries,
    });
    const table = answer.results.A.frames![0] as DataFrameJSON;
    const col = (name: string) => table.data.values[table.schema.fields.findIndex((f) => f.name === name)];
    const expected = col('Queue').map((queue, i) => ({
      key: `${queue}|${col('Channel')[i]}`,
      inQueue: col('CONTACTS_IN_QUEUE')[i],
      oldest: col('OLDEST_CONTACT_AGE')[i],
      available: col('AGENTS_AVAILABLE')[i],
    }));
    expect(expected.length).toBe(queues.length * 2);
    const byKey = async (name: string) =>
      new Map((await series(ctx, name)).map((s) => [`${s.labels.queue}|${s.labels.channel}`, s.value]));
    const inQueue = await byKey('connect_queue_contacts_in_queue');
    const oldest = await byKey('connect_queue_oldest_contact_age_seconds');
    const available = await byKey('connect_queue_agents_available');
    for (const e of expected) {
      expect([e.key, inQueue.get(e.key), oldest.get(e.key), available.get(e.key)]).toEqual([
        e.key,
        e.inQueue,
        e.oldest,
        e.available,
      ]);
    }
    // Somebody waits somewhere at 17:00 on a weekday, or this comparison proves little.
    expect(Math.max(...expected.map((e) => e.oldest as number))).toBeGreaterThan(0);
    const one = (await series(ctx, 'connect_queue_contacts_in_queue'))[0].labels;
    expect(one).toMatchObject({ instance_id: instanceId, instance_alias: 'acme-support' });
    expect(String(one.queue_id)).toMatch(/^[0-9a-f-]{36}$/);

    const quota = answer.results.Q.frames![0] as DataFrameJSON;
    const qcol = (name: string) => quota.data.values[quota.schema.fields.findIndex((f) => f.name === name)];
    const voice = qcol('Channel').indexOf('VOICE');
    const limit = (await series(ctx, 'connect_quota_contacts_limit')).find((s) => s.labels.channel === 'VOICE');
    const used = (await series(ctx, 'connect_quota_used_ratio')).find((s) => s.labels.channel === 'VOICE');
    expect(limit?.value).toBe(qcol('Quota')[voice]);
    expect(used?.value).toBeCloseTo((qcol('Used')[voice] as number) / 100, 10);
    // The scenario's voice quota.
    expect(limit?.value).toBe(100);

    // Both SBC connectors, both sides, with their names, within AWS's MOS range.
    const mos = await series(ctx, 'connect_voice_connector_mos');
    expect(mos.map((s) => `${s.labels.voice_connector}/${s.labels.side}`).sort()).toEqual([
      'acme-sbc-backup/customer',
      'acme-sbc-backup/remote',
      'acme-sbc-primary/customer',
      'acme-sbc-primary/remote',
    ]);
    for (const s of mos) {
      expect(s.value).toBeGreaterThanOrEqual(1);
      expect(s.value).toBeLessThanOrEqual(4.4);
    }
    aws.destroy();
  });

  it('exports only the queues EXPORTER_QUEUES names, and nothing optional that is switched off', async () => {
    const { ctx, aws, exporter } = setup({
      queues: ['billing', 'VIP'],
      quotas: false,
      voiceConnectors: [],
      historical: false,
    });
    const report = await exporter.pollNow();
    expect(report.outcomes.map((o) => o.query)).toEqual(['instances', 'realtime']);
    const queues = new Set((await series(ctx, 'connect_queue_agents_online')).map((s) => s.labels.queue));
    expect([...queues].sort()).toEqual(['Billing', 'VIP']);
    expect(await series(ctx, 'connect_quota_contacts_in_use')).toEqual([]);
    expect(await series(ctx, 'connect_voice_connector_mos')).toEqual([]);
    expect(await series(ctx, 'connect_queue_today_service_level_ratio')).toEqual([]);
    // Two queues, two channels, every exported metric but the null estimates: bounded by the selection.
    expect((await series(ctx, 'connect_queue_contacts_in_queue')).length).toBe(4);
    aws.destroy();
  });

  it('drops the series of a queue that is gone from Connect at the next poll', async () => {
    const { ctx, aws, exporter } = setup({ quotas: false, voiceConnectors: [] }, { resourceCacheTtlMs: 0 });
    await exporter.pollNow();
    const before = new Set((await series(ctx, 'connect_queue_contacts_in_queue')).map((s) => s.labels.queue));
    expect(before.has('Sales')).toBe(true);
    hidden.add('Sales');
    await exporter.pollNow();
    const after = await series(ctx, 'connect_queue_contacts_in_queue');
    expect(after.some((s) => s.labels.queue === 'Sales')).toBe(false);
    expect(after.length).toBe((before.size - 1) * 2);
    aws.destroy();
  });

  it('keeps the last values of a failing query, counts the error and stops its last-success clock', async () => {
    // No cache and no stale fallback: every poll asks Connect, and a failure is a failure.
    const { ctx, aws, exporter } = setup(
      { voiceConnectors: [] },
      { realtimeCacheTtlMs: 0, staleMaxAgeMs: 0, resourceCacheTtlMs: 60_000 }
    );
    const firstReport = await exporter.pollNow();
    const first = await series(ctx, 'connect_queue_contacts_in_queue');
    const success = async (query: string) =>
      (await series(ctx, 'switchboard_exporter_last_success_timestamp_seconds')).find((s) => s.labels.query === query)
        ?.value;
    const errors = async (query: string) =>
      (await series(ctx, 'switchboard_exporter_poll_errors_total')).find((s) => s.labels.query === query)?.value;
    const realtimeSuccess = await success('realtime');
    const quotaSuccess = await success('quota');
    expect(await errors('realtime')).toBe(0);

    sim.faults.set({ GetCurrentMetricData: { errorRate: 1 } });
    await new Promise((r) => setTimeout(r, 20));
    const report = await exporter.pollNow();
    const realtime = report.outcomes.find((o) => o.query === 'realtime')!;
    expect(realtime.ok).toBe(false);
    expect(realtime.error).toMatch(/GetCurrentMetricData/);
    expect(realtime.series).toBe(firstReport.outcomes.find((o) => o.query === 'realtime')!.series);
    expect(await series(ctx, 'connect_queue_contacts_in_queue')).toEqual(first);
    expect(await errors('realtime')).toBe(1);
    expect(await success('realtime')).toBe(realtimeSuccess);
    // The other queries of the poll went on.
    expect(await errors('quota')).toBe(0);
    expect(await success('quota')).toBeGreaterThan(quotaSuccess!);

    sim.faults.clear();
    expect((await exporter.pollNow()).outcomes.every((o) => o.ok)).toBe(true);
    expect(await success('realtime')).toBeGreaterThan(realtimeSuccess!);
    aws.destroy();
  });

  it('counts an old answer the proxy served for a throttled call as a failure, not as fresh data', async () => {
    const { ctx, aws, exporter } = setup(
      { quotas: false, voiceConnectors: [] },
      { realtimeCacheTtlMs: 1, staleMaxAgeMs: 300_000 }
    );
    await exporter.pollNow();
    sim.faults.set({ GetCurrentMetricData: { throttleRate: 1 } });
    await new Promise((r) => setTimeout(r, 20));
    const realtime = (await exporter.pollNow()).outcomes.find((o) => o.query === 'realtime')!;
    expect(realtime.ok).toBe(false);
    expect(realtime.error).toMatch(/^only an old answer/);
    expect(
      (await series(ctx, 'switchboard_exporter_poll_errors_total')).find((s) => s.labels.query === 'realtime')?.value
    ).toBe(1);
    aws.destroy();
  });

  it('asks Connect for all exported metrics in one call per instance, and polls on its interval until stopped', async () => {
    const { aws, exporter } = setup(
      { quotas: false, voiceConnectors: [], intervalMs: 1000 },
      { realtimeCacheTtlMs: 0 }
    );
    sim.stats.reset();
    exporter.start();
    await new Promise((r) => setTimeout(r, 1500));
    await exporter.stop();
    const gcmd = sim.stats.snapshot().services.connect?.GetCurrentMetricData?.requests ?? 0;
    // One poll at start and one a second later: one call each (fewer than 100 queues, one page).
    expect(gcmd).toBe(2);
    await new Promise((r) => setTimeout(r, 1200));
    expect(sim.stats.snapshot().services.connect?.GetCurrentMetricData?.requests).toBe(gcmd);
    expect(EXPORTED_REALTIME_METRICS).not.toContain('AGENTS_ON_CALL');
    aws.destroy();
  });
});

describe('the day-so-far gauges', () => {
  it("export the Queues dashboard's Today table as ratios: service level and abandonment per queue since midnight", async () => {
    const { ctx, aws, exporter } = setup({ quotas: false, voiceConnectors: [], timeZone: 'America/New_York' });
    sim.stats.reset();
    const report = await exporter.pollNow();
    expect(report.outcomes.find((o) => o.query === 'historical')).toMatchObject({ ok: true, target: instanceId });

    // The dashboard's "Today per queue" query over the same day, channels and queues.
    const queues = sim.context.world.instances[0].queues.filter((q) => q.type !== 'AGENT');
    const day = todayRange(sim.clock.nowMs(), 'America/New_York');
    const todayQuery: SwitchboardQuery = {
      refId: 'T',
      queryType: 'historical',
      instanceId,
      filters: { queues: queues.map((q) => q.id), channels: ['VOICE', 'CHAT'] },
      groupings: ['QUEUE'],
      metrics: [
        { name: 'SERVICE_LEVEL', threshold: { comparison: 'LT', seconds: 20 } },
        { name: 'ABANDONMENT_RATE' },
        { name: 'CONTACTS_QUEUED' },
      ],
      interval: 'TOTAL',
      timeZone: 'America/New_York',
      format: 'table',
    };
    const answer = await runQueries(ctx, aws, {
      range: { from: new Date(day.fromMs).toISOString(), to: new Date(day.toMs).toISOString() },
      queries: [todayQuery],
    });
    expect(answer.results.T.status).toBe(200);
    const table = answer.results.T.frames![0] as DataFrameJSON;
    const field = (name: string) => table.schema.fields.find((f) => f.name === name)!;
    const col = (name: string) => table.data.values[table.schema.fields.indexOf(field(name))];
    expect(field('SERVICE_LEVEL < 20 s').config?.unit).toBe('percent');
    expect(field('ABANDONMENT_RATE').config?.unit).toBe('percent');

    const sl = await series(ctx, 'connect_queue_today_service_level_ratio');
    const ab = await series(ctx, 'connect_queue_today_abandonment_ratio');
    const queued = await series(ctx, 'connect_queue_today_contacts_queued');
    const byQueue = (s: Series[]) => new Map(s.map((x) => [x.labels.queue, x.value]));
    const expectedSl = col('Queue').flatMap((q, i) => {
      const v = col('SERVICE_LEVEL < 20 s')[i];
      return typeof v === 'number' ? [[q, v / 100]] : [];
    });
    // Some contacts queued today by the simulator's 17:00, or this comparison proves little.
    expect(expectedSl.length).toBeGreaterThan(0);
    expect(sl.length).toBe(expectedSl.length);
    for (const [queue, ratio] of expectedSl) {
      expect([queue, byQueue(sl).get(queue as string)]).toEqual([queue, expect.closeTo(ratio as number, 10)]);
    }
    col('Queue').forEach((q, i) => {
      const v = col('ABANDONMENT_RATE')[i];
      expect([q, byQueue(ab).get(q as string)]).toEqual([
        q,
        typeof v === 'number' ? expect.closeTo(v / 100, 10) : undefined,
      ]);
      expect([q, byQueue(queued).get(q as string)]).toEqual([q, col('CONTACTS_QUEUED')[i] ?? undefined]);
    });
    for (const s of [...sl, ...ab]) {
      expect(s.value).toBeGreaterThanOrEqual(0);
      expect(s.value).toBeLessThanOrEqual(1);
    }
    const billing = sl.find((s) => s.labels.queue === 'Billing')!;
    expect(billing.labels).toEqual({
      instance_id: instanceId,
      instance_alias: 'acme-support',
      queue: 'Billing',
      queue_id: queues.find((q) => q.name === 'Billing')!.id,
      threshold_seconds: '20',
    });
    // Per queue, all exported channels together: no channel label.
    expect(Object.keys(ab[0].labels)).not.toContain('channel');
    aws.destroy();
  });

  it('ask GetMetricDataV2 at most once a minute per instance, however often the exporter polls', async () => {
    const { aws, exporter } = setup({ quotas: false, voiceConnectors: [] }, { realtimeCacheTtlMs: 0 });
    sim.stats.reset();
    for (let i = 0; i < 3; i++) {
      expect((await exporter.pollNow()).outcomes.every((o) => o.ok)).toBe(true);
    }
    // The simulator's clock is frozen: three polls in one minute, one call (fewer than 100 queues, one page).
    expect(sim.stats.snapshot().services.connect?.GetMetricDataV2?.requests).toBe(1);
    expect(sim.stats.snapshot().services.connect?.GetCurrentMetricData?.requests).toBe(3);
    aws.destroy();
  });

  it('ask for the threshold EXPORTER_SERVICE_LEVEL_SECONDS sets, and say it in the label', async () => {
    const { ctx, aws, exporter } = setup({ quotas: false, voiceConnectors: [], serviceLevelSeconds: 60 });
    await exporter.pollNow();
    const sl = await series(ctx, 'connect_queue_today_service_level_ratio');
    expect(sl.length).toBeGreaterThan(0);
    expect(new Set(sl.map((s) => s.labels.threshold_seconds))).toEqual(new Set(['60']));
    aws.destroy();
  });
});

describe('the exporter in the proxy', () => {
  it('starts with buildProxy, serves its last poll on GET /metrics without calling AWS, and stops on close', async () => {
    hidden.clear();
    sim.faults.clear();
    const config = testConfig({
      awsEndpointUrl: sim.url,
      exporter: {
        instances: 'all',
        queues: 'all',
        channels: ['VOICE'],
        intervalMs: 3_600_000,
        region: 'us-east-1',
        quotas: true,
        voiceConnectors: [],
        historical: true,
        timeZone: 'UTC',
        serviceLevelSeconds: 20,
      },
    });
    const awsClients = new AwsClients(config, {
      baseCredentials: { accessKeyId: TEST_ACCESS_KEY, secretAccessKey: TEST_SECRET_KEY },
    });
    const proxy = await buildProxy(config, { logger: false, awsClients, dataClock: () => sim.clock.nowMs() });
    try {
      expect((await proxy.exporter!.pollNow()).outcomes.every((o) => o.ok)).toBe(true);
      const before = sim.stats.snapshot().totals.requests;
      for (let i = 0; i < 3; i++) {
        const res = await proxy.app.inject({ method: 'GET', url: '/metrics' });
        expect(res.statusCode).toBe(200);
        expect(res.body).toMatch(
          new RegExp(
            `^connect_queue_contacts_in_queue\\{instance_id="${instanceId}",instance_alias="acme-support",queue="Billing",queue_id="[0-9a-f-]{36}",channel="VOICE"\\} \\d+$`,
            'm'
          )
        );
        expect(res.body).toMatch(/^switchboard_exporter_last_poll_duration_seconds \d/m);
      }
      expect(sim.stats.snapshot().totals.requests).toBe(before);
    } finally {
      await proxy.close();
      awsClients.close();
    }
  });
});
