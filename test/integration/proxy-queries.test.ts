import { STANDARD_REALTIME_METRICS, type RealtimeMetricName } from '../../src/connect/realtimeMetrics';
import { formatViolation, validateRealtimeRequest } from '../../src/connect/realtimeRules';
import type { QueryRequest } from '../../src/connect/proxyApi';
import type { DataFrameJSON } from '../../proxy/frames';
import { runQueries } from '../../proxy/queries/run';
import { testAws, testContext } from '../support/proxy';
import type { Scenario } from '../../simulator/scenario/schema';
import { dataClockOf, startTestSimulator, type TestSimulator } from '../support/simulator';

const AT = '2026-11-18T17:00:00Z';
const NOW = Date.parse(AT);

const request = (
  queries: Array<Record<string, unknown>>,
  range = { from: new Date(NOW - 3 * 3600_000).toISOString(), to: AT }
): QueryRequest => ({
  range,
  maxDataPoints: 500,
  queries: queries as QueryRequest['queries'],
});
const column = (f: DataFrameJSON, name: string) => f.data.values[f.schema.fields.findIndex((x) => x.name === name)];

/** 140 more voice queues (148 in all), all served by the first routing profile. */
const overflowQueues = (sc: Scenario) => {
  const inst = sc.instances[0];
  for (let i = 0; i < 140; i++) {
    inst.queues.push({ name: `Overflow ${i}`, channels: { VOICE: { perHour: 2, handleSeconds: 200 } } });
  }
  inst.routingProfiles[0].queues.push(
    ...Array.from({ length: 140 }, (_, i) => ({ queue: `Overflow ${i}`, channels: ['VOICE' as const] }))
  );
};

describe('proxy query engine against the simulator', () => {
  let sim: TestSimulator;
  let aws: ReturnType<typeof testAws>;
  let instanceId: string;
  let queueIds: string[];

  beforeAll(async () => {
    sim = await startTestSimulator({ at: AT });
    aws = testAws(sim.url);
    instanceId = sim.context.world.instances[0].id;
    queueIds = sim.context.world.instances[0].queues.map((q) => q.id);
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  const request = (
    queries: Array<Record<string, unknown>>,
    range = { from: new Date(NOW - 3 * 3600_000).toISOString(), to: AT }
  ): QueryRequest => ({
    range,
    maxDataPoints: 500,
    queries: queries as QueryRequest['queries'],
  });
  const column = (f: DataFrameJSON, name: string) => f.data.values[f.schema.fields.findIndex((x) => x.name === name)];
  const gcmdCalls = () => sim.stats.count('connect', 'GetCurrentMetricData');

  it('answers a realtime table with names, units and agent states that add up', async () => {
    const ctx = testContext({}, dataClockOf(sim));
    const res = await runQueries(
      ctx,
      aws,
      request([
        {
          refId: 'A',
          queryType: 'realtime',
          instanceId,
          filters: { queues: queueIds, channels: ['VOICE', 'CHAT', 'TASK', 'EMAIL'] },
          groupings: ['QUEUE'],
          metrics: STANDARD_REALTIME_METRICS,
        },
      ])
    );
    expect(res.results.A.status).toBe(200);
    const [f] = res.results.A.frames!;
    expect(column(f, 'Queue')).toEqual(expect.arrayContaining(['Billing', 'Tech Support', 'VIP']));
    expect(column(f, 'Queue').slice().sort()).toEqual([...column(f, 'Queue')].sort()); // sorted by name
    expect(f.schema.fields.find((x) => x.name === 'OLDEST_CONTACT_AGE')?.config).toMatchObject({
      unit: 's',
      displayName: 'Oldest',
    });
    expect(f.schema.fields.find((x) => x.name === 'CONTACTS_IN_QUEUE')?.config).toMatchObject({
      unit: 'short',
      displayName: 'In queue',
    });
    const v = (m: RealtimeMetricName) => column(f, m) as number[];
    v('AGENTS_ONLINE').forEach((online, i) =>
      expect(
        v('AGENTS_AVAILABLE')[i] +
          v('AGENTS_ON_CONTACT')[i] +
          v('AGENTS_AFTER_CONTACT_WORK')[i] +
          v('AGENTS_NON_PRODUCTIVE')[i] +
          v('AGENTS_ERROR')[i]
      ).toBe(online)
    );
    expect(f.schema.meta?.custom?.snapshotTime).toBe(NOW);
  });

  it('reports OLDEST_CONTACT_AGE in seconds with and without groupings', async () => {
    const ctx = testContext({}, dataClockOf(sim));
    const res = await runQueries(
      ctx,
      aws,
      request([
        {
          refId: 'G',
          queryType: 'realtime',
          instanceId,
          filters: { queues: queueIds },
          groupings: ['QUEUE'],
          metrics: ['OLDEST_CONTACT_AGE'],
        },
        {
          refId: 'T',
          queryType: 'realtime',
          instanceId,
          filters: { queues: queueIds },
          groupings: [],
          metrics: ['OLDEST_CONTACT_AGE'],
        },
      ])
    );
    const grouped = column(res.results.G.frames![0], 'OLDEST_CONTACT_AGE') as number[];
    const total = column(res.results.T.frames![0], 'OLDEST_CONTACT_AGE') as number[];
    expect(Math.max(...grouped)).toBeGreaterThan(5);
    // the ungrouped value comes in milliseconds from Connect: normalised, it agrees with the grouped seconds
    expect(total[0]).toBeGreaterThanOrEqual(Math.max(...grouped));
    expect(total[0]).toBeLessThan(Math.max(...grouped) + 1);
  });

  it('splits more than 100 queues into several calls and answers every queue', async () => {
    const s = await startTestSimulator({
      at: AT,
      edit: overflowQueues,
    });
    const a = testAws(s.url);
    try {
      const ids = s.context.world.instances[0].queues.map((q) => q.id);
      expect(ids.length).toBe(148);
      const ctx = testContext({}, dataClockOf(s));
      const before = s.stats.count('connect', 'GetCurrentMetricData');
      const res = await runQueries(
        ctx,
        a,
        request([
          {
            refId: 'A',
            queryType: 'realtime',
            instanceId,
            filters: { queues: ids },
            groupings: ['QUEUE'],
            metrics: ['CONTACTS_IN_QUEUE', 'AGENTS_ONLINE'],
          },
        ])
      );
      expect(res.results.A.status).toBe(200);
      expect(column(res.results.A.frames![0], 'Queue ID')).toHaveLength(148);
      expect(new Set(column(res.results.A.frames![0], 'Queue ID') as string[]).size).toBe(148);
      // two calls: 100 queues and 48
      expect(s.stats.count('connect', 'GetCurrentMetricData') - before).toBe(2);
      // by queue and channel the first call has 200 rows: two pages of 100, every NextToken followed
      const paged = await runQueries(
        ctx,
        a,
        request([
          {
            refId: 'P',
            queryType: 'realtime',
            instanceId,
            filters: { queues: ids, channels: ['VOICE', 'CHAT'] },
            groupings: ['QUEUE', 'CHANNEL'],
            metrics: ['CONTACTS_IN_QUEUE'],
          },
        ])
      );
      expect(column(paged.results.P.frames![0], 'Queue ID')).toHaveLength(296);
      expect(s.stats.count('connect', 'GetCurrentMetricData') - before).toBe(5);
      // without QUEUE grouping, contacts add up across calls but agents cannot
      const merged = await runQueries(
        ctx,
        a,
        request([
          {
            refId: 'B',
            queryType: 'realtime',
            instanceId,
            filters: { queues: ids },
            groupings: [],
            metrics: ['CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE'],
          },
        ])
      );
      expect(merged.results.B.status).toBe(200);
      expect(column(merged.results.B.frames![0], 'CONTACTS_IN_QUEUE')[0]).toBe(
        (column(res.results.A.frames![0], 'CONTACTS_IN_QUEUE') as number[]).reduce((x, y) => x + y, 0)
      );
      // fact: split-merge: agents over 148 queues without grouping: each call grouped by routing profile, each
      // profile counted once. Expected: the same agents asked by routing profile in one call (every profile here
      // serves some of the queues), which the simulator answers on its own.
      const agents = await runQueries(
        ctx,
        a,
        request([
          {
            refId: 'C',
            queryType: 'realtime',
            instanceId,
            filters: { queues: ids, channels: ['VOICE', 'CHAT', 'TASK', 'EMAIL'] },
            groupings: [],
            metrics: ['AGENTS_ONLINE', 'AGENTS_AVAILABLE', 'CONTACTS_IN_QUEUE'],
          },
          {
            refId: 'R',
            queryType: 'realtime',
            instanceId,
            filters: {
              routingProfiles: s.context.world.instances[0].routingProfiles.map((r) => r.id),
              channels: ['VOICE', 'CHAT', 'TASK', 'EMAIL'],
            },
            groupings: [],
            metrics: ['AGENTS_ONLINE', 'AGENTS_AVAILABLE'],
          },
        ])
      );
      expect(agents.results.C.status).toBe(200);
      const c = agents.results.C.frames![0];
      const r = agents.results.R.frames![0];
      expect(column(c, 'AGENTS_ONLINE')).toEqual(column(r, 'AGENTS_ONLINE'));
      expect(column(c, 'AGENTS_AVAILABLE')).toEqual(column(r, 'AGENTS_AVAILABLE'));
      expect((column(c, 'AGENTS_ONLINE') as number[])[0]).toBeGreaterThan(50);
      expect(column(c, 'CONTACTS_IN_QUEUE')).toEqual(column(merged.results.B.frames![0], 'CONTACTS_IN_QUEUE'));
      // 2 calls for the contacts, 2 grouped by routing profile for the agents, 1 for the profiles' own answer
      expect(c.schema.meta?.custom?.upstreamCalls).toBe(4);
    } finally {
      a.destroy();
      await s.close();
    }
  });

  // fact: split-merge: the expected values come from queries the simulator answers in ONE call
  // (a queue filter for per-queue values, a routing-profile filter for per-profile values), not from the merge rules.
  it("more than 100 routing profiles grouped by QUEUE: per queue, contacts are the queue's own and agents add up", async () => {
    const s = await startTestSimulator({
      at: AT,
      edit: (sc) => {
        const inst = sc.instances[0];
        for (let i = 0; i < 140; i++) {
          inst.routingProfiles.push({
            name: `Pool ${i}`,
            // Chat, which these queues do not carry: the pools change nothing in the queues' traffic, but they
            // serve them, so each queue appears in the calls of both routing-profile sets.
            concurrency: { CHAT: 1 },
            queues: [
              { queue: 'Returns', channels: ['CHAT'], priority: 1 },
              { queue: 'Back Office', channels: ['CHAT'], priority: 2 },
            ],
            shifts: [{ start: '08:00', end: '20:00', agents: 1 }],
          });
        }
      },
    });
    const a = testAws(s.url);
    try {
      const world = s.context.world.instances[0];
      const rpIds = world.routingProfiles.map((r) => r.id);
      expect(rpIds.length).toBeGreaterThan(100);
      const ctx = testContext({}, dataClockOf(s));
      const before = s.stats.count('connect', 'GetCurrentMetricData');
      const res = await runQueries(
        ctx,
        a,
        request([
          {
            refId: 'SPLIT',
            queryType: 'realtime',
            instanceId,
            filters: { routingProfiles: rpIds },
            groupings: ['QUEUE'],
            metrics: ['CONTACTS_IN_QUEUE', 'AGENTS_ONLINE', 'OLDEST_CONTACT_AGE'],
          },
          {
            refId: 'ONE',
            queryType: 'realtime',
            instanceId,
            filters: { queues: world.queues.map((q) => q.id) },
            groupings: ['QUEUE'],
            metrics: ['CONTACTS_IN_QUEUE', 'AGENTS_ONLINE', 'OLDEST_CONTACT_AGE'],
          },
        ])
      );
      expect(res.results.SPLIT.status).toBe(200);
      expect(s.stats.count('connect', 'GetCurrentMetricData') - before).toBe(3); // 100 + 46 profiles, 1 by queue
      const byQueue = (refId: string) => {
        const f = res.results[refId].frames![0];
        const ids = column(f, 'Queue ID') as string[];
        const values = (m: string) => column(f, m) as number[];
        return new Map(
          ids.map((id, i) => [
            id,
            [values('CONTACTS_IN_QUEUE')[i], values('AGENTS_ONLINE')[i], values('OLDEST_CONTACT_AGE')[i]],
          ])
        );
      };
      const split = byQueue('SPLIT');
      const one = byQueue('ONE');
      const returns = world.queues.find((q) => q.name === 'Returns')!.id;
      // Returns is served by profiles of both calls: counted once per call, its contacts would show double.
      expect(one.get(returns)![0]).toBeGreaterThan(0);
      expect(one.get(returns)![1]).toBeGreaterThan(100);
      for (const [id, values] of split) {
        expect([id, values]).toEqual([id, one.get(id)]);
      }
      expect(split.size).toBeGreaterThan(4);
    } finally {
      a.destroy();
      await s.close();
    }
  });

  it("more than 100 queues grouped by ROUTING_PROFILE: per profile, agents are the profile's own", async () => {
    const s = await startTestSimulator({
      at: AT,
      // The first profile serves queues of both calls; its agents must be counted once.
      edit: overflowQueues,
    });
    const a = testAws(s.url);
    try {
      const world = s.context.world.instances[0];
      const res = await runQueries(
        testContext({}, dataClockOf(s)),
        a,
        request([
          {
            refId: 'SPLIT',
            queryType: 'realtime',
            instanceId,
            filters: { queues: world.queues.map((q) => q.id) },
            groupings: ['ROUTING_PROFILE'],
            metrics: ['AGENTS_ONLINE', 'AGENTS_AVAILABLE', 'SLOTS_AVAILABLE'],
          },
          {
            refId: 'ONE',
            queryType: 'realtime',
            instanceId,
            filters: { routingProfiles: world.routingProfiles.map((r) => r.id) },
            groupings: ['ROUTING_PROFILE'],
            metrics: ['AGENTS_ONLINE', 'AGENTS_AVAILABLE', 'SLOTS_AVAILABLE'],
          },
        ])
      );
      expect(res.results.SPLIT.status).toBe(200);
      const byProfile = (refId: string) => {
        const f = res.results[refId].frames![0];
        const ids = column(f, 'Routing profile ID') as string[];
        return new Map(
          ids.map((id, i) => [
            id,
            ['AGENTS_ONLINE', 'AGENTS_AVAILABLE', 'SLOTS_AVAILABLE'].map((m) => (column(f, m) as number[])[i]),
          ])
        );
      };
      const split = byProfile('SPLIT');
      const one = byProfile('ONE');
      const first = world.routingProfiles[0].id;
      expect(one.get(first)![0]).toBeGreaterThan(0);
      for (const [id, values] of split) {
        expect([id, values]).toEqual([id, one.get(id)]);
      }
      expect(split.has(first)).toBe(true);
    } finally {
      a.destroy();
      await s.close();
    }
  });

  it('rejects each broken query with the shared rule message while the others are answered', async () => {
    const ctx = testContext({}, dataClockOf(sim));
    const res = await runQueries(
      ctx,
      aws,
      request([
        {
          refId: 'OK',
          queryType: 'realtime',
          instanceId,
          filters: { queues: queueIds },
          groupings: ['QUEUE'],
          metrics: ['AGENTS_ONLINE'],
        },
        {
          refId: 'BOTH',
          queryType: 'realtime',
          instanceId,
          filters: { queues: queueIds, routingProfiles: ['r'] },
          groupings: [],
          metrics: ['AGENTS_ONLINE'],
        },
        {
          refId: 'RP',
          queryType: 'realtime',
          instanceId,
          filters: { queues: queueIds },
          groupings: ['ROUTING_PROFILE'],
          metrics: ['CONTACTS_IN_QUEUE'],
        },
        {
          refId: 'SCHEMA',
          queryType: 'realtime',
          instanceId,
          filters: { queues: queueIds },
          groupings: ['TEAM'],
          metrics: ['AGENTS_ONLINE'],
        },
        { refId: 'TYPE', queryType: 'graphite' },
        {
          refId: 'CW',
          queryType: 'cloudwatch',
          namespace: 'AWS/Connect',
          metricName: 'QueueSize',
          statistic: 'Median',
          dimensions: {},
        },
      ])
    );
    expect(res.results.OK.status).toBe(200);
    expect(res.results.BOTH).toEqual({
      status: 400,
      error: 'filters: queues and routing profiles cannot be used as filters together',
    });
    expect(res.results.RP.error).toBe(
      'filters.routingProfiles: grouped by ROUTING_PROFILE, CONTACTS_IN_QUEUE needs a routing-profile filter'
    );
    expect(res.results.SCHEMA.error).toMatch(/^groupings\[0\]: must be one of QUEUE, CHANNEL/);
    expect(res.results.TYPE.error).toMatch(/^queryType: must be one of realtime, cloudwatch, quota/);
    expect(res.results.CW.error).toMatch(/^statistic: must be one of/);
  });

  it('names the unknown instance', async () => {
    const res = await runQueries(
      testContext({}, dataClockOf(sim)),
      aws,
      request([
        {
          refId: 'A',
          queryType: 'realtime',
          instanceId: 'nope',
          filters: { queues: queueIds },
          groupings: ['QUEUE'],
          metrics: ['AGENTS_ONLINE'],
        },
      ])
    );
    expect(res.results.A.status).toBe(404);
    expect(res.results.A.error).toContain('Amazon Connect instance nope was not found in us-east-1');
  });

  it('serves identical realtime calls from cache and coalesces concurrent ones', async () => {
    const ctx = testContext({}, dataClockOf(sim));
    const q = {
      refId: 'A',
      queryType: 'realtime',
      instanceId,
      filters: { queues: queueIds },
      groupings: ['QUEUE'],
      metrics: ['CONTACTS_IN_QUEUE'],
    };
    const before = gcmdCalls();
    await Promise.all(Array.from({ length: 10 }, () => runQueries(ctx, aws, request([q]))));
    expect(gcmdCalls() - before).toBe(1);
    await runQueries(ctx, aws, request([q]));
    expect(gcmdCalls() - before).toBe(1);
    expect(ctx.caches.realtime.stats()).toMatchObject({ misses: 1, coalesced: 9, hits: 1 });
  });

  it('names agent statuses', async () => {
    const res = await runQueries(
      testContext({}, dataClockOf(sim)),
      aws,
      request([
        {
          refId: 'A',
          queryType: 'realtime',
          instanceId,
          filters: { queues: [queueIds[1]] },
          groupings: ['QUEUE', 'AGENT_STATUS'],
          metrics: ['AGENTS_ONLINE'],
        },
      ])
    );
    expect(column(res.results.A.frames![0], 'Agent status')).toEqual(expect.arrayContaining(['Available', 'Break']));
  });

  it('returns a one-point time series per row when asked', async () => {
    const res = await runQueries(
      testContext({}, dataClockOf(sim)),
      aws,
      request([
        {
          refId: 'A',
          queryType: 'realtime',
          instanceId,
          filters: { queues: queueIds.slice(0, 3), channels: ['VOICE', 'CHAT'] },
          groupings: ['QUEUE', 'CHANNEL'],
          metrics: ['CONTACTS_IN_QUEUE'],
          format: 'timeseries',
        },
      ])
    );
    const frames = res.results.A.frames!;
    expect(frames.length).toBeGreaterThanOrEqual(4);
    expect(frames[0].data.values[0]).toEqual([NOW]);
    expect(frames[0].schema.fields[1].labels).toEqual({
      queue: expect.any(String),
      channel: expect.stringMatching(/VOICE|CHAT/),
    });
  });

  it('expands "*" and several dimension values into one series each, batched with math', async () => {
    const ctx = testContext({}, dataClockOf(sim));
    const before = sim.stats.count('cloudwatch', 'GetMetricData');
    const res = await runQueries(
      ctx,
      aws,
      request([
        {
          refId: 'A',
          queryType: 'cloudwatch',
          namespace: 'AWS/Connect',
          metricName: 'QueueSize',
          statistic: 'Maximum',
          period: 'auto',
          dimensions: { InstanceId: [instanceId], MetricGroup: ['Queue'], QueueName: ['*'] },
        },
        {
          refId: 'B',
          queryType: 'cloudwatch',
          namespace: 'AWS/Connect',
          metricName: 'LongestQueueWaitTime',
          statistic: 'Maximum',
          period: 300,
          dimensions: { InstanceId: [instanceId], MetricGroup: ['Queue'], QueueName: ['Billing', 'VIP'] },
          label: '${QueueName} wait',
        },
        { refId: 'C', queryType: 'cloudwatch', expression: 'b / 60', label: 'wait in minutes' },
      ])
    );
    expect(sim.stats.count('cloudwatch', 'GetMetricData') - before).toBe(1); // all in one call
    const a = res.results.A.frames!;
    expect(a.map((f) => f.schema.name).sort()).toEqual(sim.context.world.instances[0].queues.map((q) => q.name).sort());
    expect(a[0].schema.fields[1].labels).toMatchObject({ InstanceId: instanceId, MetricGroup: 'Queue' });
    expect(a[0].schema.fields[1].config?.unit).toBe('short');
    expect(a[0].data.values[0].length).toBeGreaterThan(100); // 3 h at 60 s (auto: 3 h / 500 points -> 60 s)
    const b = res.results.B.frames!;
    expect(b.map((f) => f.schema.name)).toEqual(['Billing wait', 'VIP wait']);
    expect(b[0].schema.fields[1].config?.unit).toBe('s');
    const c = res.results.C.frames!;
    expect(c).toHaveLength(2); // repeated over the two series of b
    expect(c[0].data.values[1]).toEqual((b[0].data.values[1] as number[]).map((v) => v / 60));
  });

  // fact: cloudwatch-periods: the auto period follows the age of the range's start on AWS's clock, not the calendar
  // of the machine running the tests (a fixed test date 15 days old turns 60-s periods into 300-s ones).
  it('chooses the auto period by the data clock: 60 s for 3 h ending now, 300 s when the start is over 15 days old', async () => {
    const q = {
      refId: 'A',
      queryType: 'cloudwatch',
      namespace: 'AWS/Connect',
      metricName: 'QueueSize',
      statistic: 'Maximum',
      period: 'auto',
      dimensions: { InstanceId: [instanceId], MetricGroup: ['Queue'], QueueName: ['Billing'] },
    };
    const times = async (nowMs: number) => {
      const res = await runQueries(testContext({}, { dataClock: () => nowMs }), aws, request([q]));
      return res.results.A.frames![0].data.values[0] as number[];
    };
    const fresh = await times(NOW);
    expect(fresh[1] - fresh[0]).toBe(60_000);
    const aged = await times(NOW + 16 * 86400_000);
    expect(aged[1] - aged[0]).toBe(300_000);
    expect(aged.length).toBe(36);
  });

  // fact: chime-packets-lost-cumulative: loss per leg from RtpPackets and the calls in progress, not PacketsLost.
  it('pairs the series of multi-series queries by dimensions in an expression (loss per voice connector)', async () => {
    const vc = (refId: string, metricName: string, statistic: string, values: string[], hide = true) => ({
      refId,
      queryType: 'cloudwatch',
      namespace: 'AWS/ChimeVoiceConnector',
      metricName,
      statistic,
      period: 300,
      dimensions: { VoiceConnectorId: values },
      hide,
    });
    const world = sim.context.world;
    const ids = world.voiceConnectors.map((v) => v.id);
    expect(ids.length).toBeGreaterThan(1);
    // The Voice Connector dashboard's estimate: 100 × (1 − RtpPackets ÷ (3000 × P/60 × calls in progress)), at 0
    // or above, where RtpPackets has a point and calls were in progress.
    const calls = '(callsin + callsout)';
    const percent = `100 * (1 - pkts / (3000 * PERIOD(pkts) / 60 * ${calls}))`;
    const res = await runQueries(
      testContext({}, dataClockOf(sim)),
      aws,
      request([
        // The lists in different orders: pairing is by dimension value, not by position.
        { ...vc('A', 'CustomerToVcRtpPackets', 'Sum', ['*'], false), id: 'pkts' },
        { ...vc('B', 'InboundCallsActive', 'Average', [...ids].reverse(), false), id: 'callsin' },
        { ...vc('C', 'OutboundCallsActive', 'Average', ids, false), id: 'callsout' },
        {
          refId: 'D',
          queryType: 'cloudwatch',
          expression: `IF((pkts >= 0) * ${calls} > 0, IF(${percent} > 0, ${percent}, 0))`,
          label: 'loss ${VoiceConnectorId}',
        },
        { ...vc('E', 'CustomerToVcRtpPackets', 'Sum', ids.slice(0, 1)), id: 'one' },
        { refId: 'F', queryType: 'cloudwatch', expression: 'pkts / one' },
      ])
    );
    const byConnector = (refId: string) =>
      new Map(
        res.results[refId].frames!.map((f) => {
          const times = f.data.values[0] as number[];
          const values = f.data.values[1] as number[];
          return [f.schema.fields[1].labels?.VoiceConnectorId, new Map(times.map((t, i) => [t, values[i]]))];
        })
      );
    const pkts = byConnector('A');
    const callsIn = byConnector('B');
    const callsOut = byConnector('C');
    const loss = res.results.D.frames!;
    expect(loss).toHaveLength(ids.length);
    // The customer leg's loss in the scenario, ±25 % of wander: acme-sbc-primary 0.3 %, acme-sbc-backup 0.5 %.
    const baseline: Record<string, number> = { 'acme-sbc-primary': 0.3, 'acme-sbc-backup': 0.5 };
    for (const f of loss) {
      const id = f.schema.fields[1].labels!.VoiceConnectorId;
      expect(f.schema.name).toBe(`loss ${id}`);
      const times = f.data.values[0] as number[];
      const values = f.data.values[1] as number[];
      // 3 hours at 5 minutes, every period with calls (the morning is busy).
      expect(times.length).toBeGreaterThan(30);
      const expected = world.voiceConnectors.find((v) => v.id === id)!.name;
      times.forEach((t, i) => {
        // 5-minute periods: 3,000 × 5 = 15,000 packets per call in progress on average.
        const inProgress = (callsIn.get(id)!.get(t) ?? 0) + (callsOut.get(id)!.get(t) ?? 0);
        const received = pkts.get(id)!.get(t)!;
        expect(values[i]).toBeCloseTo(Math.max(0, 100 * (1 - received / (15_000 * inProgress))), 9);
        expect(values[i]).toBeGreaterThanOrEqual(baseline[expected] * 0.75 - 0.01);
        expect(values[i]).toBeLessThanOrEqual(baseline[expected] * 1.25 + 0.01);
      });
    }
    // A single-series query next to a multi-series one is read as it is (no pairing needed).
    expect(res.results.F.status).toBe(200);
  });

  it('says which query has no partner when expression series do not pair up', async () => {
    const ids = sim.context.world.voiceConnectors.map((v) => v.id);
    const res = await runQueries(
      testContext({}, dataClockOf(sim)),
      aws,
      request([
        {
          refId: 'A',
          queryType: 'cloudwatch',
          namespace: 'AWS/ChimeVoiceConnector',
          metricName: 'CustomerToVcPacketsLost',
          statistic: 'Sum',
          period: 300,
          dimensions: { VoiceConnectorId: ids },
          hide: true,
          id: 'lost',
        },
        {
          refId: 'B',
          queryType: 'cloudwatch',
          namespace: 'AWS/ChimeVoiceConnector',
          metricName: 'CustomerToVcRtpPackets',
          statistic: 'Sum',
          period: 300,
          dimensions: { VoiceConnectorId: [ids[0], 'vc-unknown'] },
          hide: true,
          id: 'sent',
        },
        { refId: 'C', queryType: 'cloudwatch', expression: 'lost / sent' },
      ])
    );
    expect(res.results.C.status).toBe(400);
    expect(res.results.C.error).toMatch(
      /^expression: reads lost and sent, whose series do not pair up by dimensions \(sent has no series for /
    );
  });

  it('names unknown expression ids and periods CloudWatch does not accept', async () => {
    const res = await runQueries(
      testContext({}, dataClockOf(sim)),
      aws,
      request([
        { refId: 'A', queryType: 'cloudwatch', expression: 'x * 2' },
        {
          refId: 'B',
          queryType: 'cloudwatch',
          namespace: 'AWS/Connect',
          metricName: 'QueueSize',
          statistic: 'Sum',
          period: 45,
          dimensions: {},
        },
        { refId: 'C', queryType: 'cloudwatch', namespace: 'AWS/Connect', statistic: 'Sum', dimensions: {} },
      ])
    );
    expect(res.results.A.error).toContain('"x" is not the id of a query');
    expect(res.results.B.error).toBe('period: must be 1, 5, 10, 20, 30 or a multiple of 60 seconds (got 45)');
    expect(res.results.C.error).toContain('metricName: choose a metric');
  });

  it('derives quotas per channel with each percentage read in its own scale', async () => {
    const res = await runQueries(
      testContext({}, dataClockOf(sim)),
      aws,
      request([{ refId: 'Q', queryType: 'quota', instanceId }])
    );
    expect(res.results.Q.status).toBe(200);
    const f = res.results.Q.frames![0];
    const channels = column(f, 'Channel') as string[];
    const quotas = column(f, 'Quota') as number[];
    const expected = sim.context.world.instances[0].quotas;
    channels.forEach((c, i) => expect(quotas[i]).toBe(expected[c as keyof typeof expected]));
    expect(channels).toEqual(['VOICE', 'CHAT', 'TASK', 'EMAIL']);
    const headroom = column(f, 'Headroom') as number[];
    const inUse = column(f, 'In use') as number[];
    headroom.forEach((h, i) => expect(h).toBe(quotas[i] - inUse[i]));
    expect(f.schema.fields.find((x) => x.name === 'Used')?.config?.unit).toBe('percent');
  });

  // fact: quota-derivation: at night a few chats at a whole percent only bound the chat quota; the answer must say
  // how precisely, and the true quota (150) must lie within what it says.
  it('bounds the quota it cannot pin down at low load, and never claims more precision than it has', async () => {
    const s = await startTestSimulator({ at: '2026-11-18T08:30:00Z' });
    const a = testAws(s.url);
    try {
      const res = await runQueries(
        testContext({}, dataClockOf(s)),
        a,
        request([{ refId: 'Q', queryType: 'quota', instanceId, channels: ['CHAT'] }], {
          from: '2026-11-18T07:30:00Z',
          to: '2026-11-18T08:30:00Z',
        })
      );
      const f = res.results.Q.frames![0];
      const [quota] = column(f, 'Quota') as number[];
      const [precision] = column(f, 'Quota ±') as number[];
      const [peak] = column(f, 'Peak in use') as number[];
      // A quiet hour: a handful of chats, each a whole percent or two of 150.
      expect(peak).toBeGreaterThan(0);
      expect(peak).toBeLessThan(15);
      expect(precision).toBeGreaterThan(0);
      expect(Math.abs(quota - 150)).toBeLessThanOrEqual(precision);
    } finally {
      a.destroy();
      await s.close();
    }
  });

  it('reports breaches and throttled calls over the range', async () => {
    const s = await startTestSimulator({
      at: AT,
      edit: (sc) => {
        sc.instances[0].quotas = { ...sc.instances[0].quotas, VOICE: 12 };
        sc.instances[0].callsPerSecond = 1;
        sc.instances[0].queues[1].surges = [{ daily: '10:30', minutes: 40, channel: 'VOICE', multiplier: 25 }];
      },
    });
    const a = testAws(s.url);
    try {
      const res = await runQueries(
        testContext({}, dataClockOf(s)),
        a,
        request([{ refId: 'Q', queryType: 'quota', instanceId, channels: ['VOICE'] }], {
          from: new Date(NOW - 8 * 3600_000).toISOString(),
          to: AT,
        })
      );
      const f = res.results.Q.frames![0];
      expect(column(f, 'Quota')).toEqual([12]);
      expect((column(f, 'Breaches') as number[])[0]).toBeGreaterThan(0);
      expect((column(f, 'Throttled') as number[])[0]).toBeGreaterThan(0);
      expect(column(f, 'Peak in use')).toEqual([12]);
    } finally {
      a.destroy();
      await s.close();
    }
  });

  const faults = (table: Record<string, unknown>) =>
    fetch(`${sim.url}/_sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(table),
    });
  const range = { from: new Date(NOW - 3600_000).toISOString(), to: AT };

  // fact: gcmd-channel-grouping: AWS says "should", so the query is answered, with the advice.
  it("answers CHANNEL grouping without a channel filter, with AWS's advice as a notice", async () => {
    const res = await runQueries(
      testContext({}, dataClockOf(sim)),
      aws,
      request([
        {
          refId: 'C',
          queryType: 'realtime',
          instanceId,
          filters: { queues: queueIds },
          groupings: ['CHANNEL'],
          metrics: ['CONTACTS_IN_QUEUE'],
        },
      ])
    );
    expect(res.results.C.status).toBe(200);
    const frame = res.results.C.frames![0];
    expect(column(frame, 'Channel')).toEqual(expect.arrayContaining(['VOICE', 'CHAT']));
    expect(frame.schema.meta?.notices).toEqual([
      { severity: 'info', text: expect.stringContaining('filters.channels: grouped by CHANNEL, AWS advises') },
    ]);
  });

  it('answers every broken realtime query with exactly the shared rules message', async () => {
    sim.stats.reset();
    const broken: Array<Record<string, unknown>> = [
      { filters: { queues: queueIds, routingProfiles: ['r'] }, groupings: [], metrics: ['AGENTS_ONLINE'] },
      {
        filters: { queues: queueIds.slice(0, 2), routingStepExpressions: ['x'] },
        groupings: ['ROUTING_STEP_EXPRESSION'],
        metrics: ['CONTACTS_IN_QUEUE'],
      },
      {
        filters: { queues: [queueIds[0]], routingStepExpressions: ['x'] },
        groupings: ['QUEUE'],
        metrics: ['CONTACTS_IN_QUEUE'],
      },
      { filters: { queues: queueIds }, groupings: ['QUEUE', 'CHANNEL', 'ROUTING_PROFILE'], metrics: ['AGENTS_ONLINE'] },
      { filters: { queues: queueIds }, groupings: ['AGENT_STATUS'], metrics: ['AGENTS_ONLINE'] },
      {
        filters: { queues: queueIds },
        groupings: ['QUEUE', 'AGENT_STATUS'],
        metrics: ['AGENTS_ONLINE', 'AGENTS_AVAILABLE'],
      },
      { filters: { queues: queueIds }, groupings: ['SUBTYPE'], metrics: ['CONTACTS_IN_QUEUE'] },
      { filters: { queues: queueIds }, groupings: ['ROUTING_PROFILE'], metrics: ['CONTACTS_IN_QUEUE'] },
      { filters: { queues: queueIds }, groupings: ['QUEUE'], metrics: ['ESTIMATED_WAIT_TIME'] },
      {
        filters: { queues: queueIds },
        groupings: [],
        metrics: ['AGENTS_ONLINE'],
        sort: { metric: 'SLOTS_ACTIVE', order: 'ASCENDING' },
      },
      { filters: { routingProfiles: ['r'], agentStatuses: ['s'] }, groupings: [], metrics: ['AGENTS_ONLINE'] },
      { filters: {}, groupings: [], metrics: ['AGENTS_ONLINE'] },
      { filters: { queues: ['q', 'q'] }, groupings: [], metrics: ['AGENTS_ONLINE', 'AGENTS_ONLINE'] },
    ];
    const queries = broken.map((b, i) => ({ refId: `R${i}`, queryType: 'realtime', instanceId, ...b }));
    const res = await runQueries(testContext({}, dataClockOf(sim)), aws, request(queries as never, range));
    broken.forEach((b, i) => {
      const q = b as {
        filters: Record<string, string[]>;
        groupings: string[];
        metrics: string[];
        sort?: { metric: string; order: string };
      };
      const expected = validateRealtimeRequest(
        { filters: q.filters, groupings: q.groupings, metrics: q.metrics, sort: q.sort ? [q.sort] : undefined },
        { splitsLargeSets: true }
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(res.results[`R${i}`]).toEqual({ status: 400, error: expected.map((v) => formatViolation(v)).join('; ') });
    });
    // The same messages written out, independent of the rules module, for two of them (the last two queries).
    const last = broken.length - 1;
    expect(res.results[`R${last - 1}`].error).toBe('filters: filter by at least one queue or one routing profile');
    expect(res.results[`R${last}`].error).toBe(
      'metrics: AGENTS_ONLINE is requested more than once; filters.queues: "q" is listed more than once'
    );
    expect(sim.stats.count('connect', 'GetCurrentMetricData')).toBe(0); // nothing broken reaches AWS
  });

  it('names the throttled API and its quota, and the other query types still answer', async () => {
    await faults({ GetCurrentMetricData: { throttleRate: 1 } });
    try {
      const res = await runQueries(
        testContext({}, dataClockOf(sim)),
        aws,
        request(
          [
            {
              refId: 'A',
              queryType: 'realtime',
              instanceId,
              filters: { queues: queueIds },
              groupings: ['QUEUE'],
              metrics: ['AGENTS_ONLINE'],
            },
            { refId: 'Q', queryType: 'quota', instanceId },
          ],
          range
        )
      );
      expect(res.results.A.status).toBe(429);
      expect(res.results.A.error).toContain(
        'Amazon Connect throttled GetCurrentMetricData in us-east-1 (quota: 5 requests per second, burst 8'
      );
      expect(res.results.Q.status).toBe(200);
    } finally {
      await faults({});
    }
  });

  it('reports a malformed AWS answer and a server error clearly', async () => {
    await faults({ GetMetricData: { malformedRate: 1 }, GetCurrentMetricData: { errorRate: 1 } });
    try {
      const res = await runQueries(
        testContext({}, dataClockOf(sim)),
        aws,
        request(
          [
            {
              refId: 'A',
              queryType: 'realtime',
              instanceId,
              filters: { queues: queueIds },
              groupings: ['QUEUE'],
              metrics: ['AGENTS_ONLINE'],
            },
            {
              refId: 'B',
              queryType: 'cloudwatch',
              namespace: 'AWS/Connect',
              metricName: 'QueueSize',
              statistic: 'Maximum',
              dimensions: { InstanceId: [instanceId], MetricGroup: ['Queue'], QueueName: ['VIP'] },
            },
          ],
          range
        )
      );
      expect(res.results.A).toMatchObject({ status: 502, error: expect.stringContaining('internal error') });
      expect(res.results.B).toMatchObject({ status: 502, error: expect.stringContaining('not valid') });
    } finally {
      await faults({});
    }
  });
});
