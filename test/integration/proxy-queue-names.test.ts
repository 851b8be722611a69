import type { QueryRequest } from '../../src/connect/proxyApi';
import type { DataFrameJSON } from '../../proxy/frames';
import { runQueries } from '../../proxy/queries/run';
import { testAws, testContext } from '../support/proxy';
import { dataClockOf, startTestSimulator, type TestSimulator } from '../support/simulator';

/** Real-time filters by queue and routing-profile name (docs/api.md): what a `$queue` variable of names sends. */
const AT = '2026-11-18T17:00:00Z';

describe('realtime filters by name', () => {
  let sim: TestSimulator;
  let aws: ReturnType<typeof testAws>;
  let instanceId: string;
  let queues: Array<{ id: string; name: string }>;

  beforeAll(async () => {
    sim = await startTestSimulator({ at: AT });
    aws = testAws(sim.url);
    instanceId = sim.context.world.instances[0].id;
    queues = sim.context.world.instances[0].queues.map((q) => ({ id: q.id, name: q.name }));
  });
  afterAll(async () => {
    aws.destroy();
    await sim.close();
  });

  const run = (ctx: ReturnType<typeof testContext>, filters: Record<string, unknown>, groupings = ['QUEUE']) =>
    runQueries(ctx, aws, {
      range: { from: new Date(Date.parse(AT) - 3600_000).toISOString(), to: AT },
      maxDataPoints: 100,
      queries: [
        {
          refId: 'A',
          queryType: 'realtime',
          instanceId,
          filters,
          groupings,
          metrics: ['CONTACTS_IN_QUEUE', 'AGENTS_ONLINE'],
        },
      ] as unknown as QueryRequest['queries'],
    });
  const column = (f: DataFrameJSON, name: string) => f.data.values[f.schema.fields.findIndex((x) => x.name === name)];

  it('gives the same rows for names as for ids, with one list call for the names', async () => {
    const billing = queues.find((q) => q.name === 'Billing')!;
    const vip = queues.find((q) => q.name === 'VIP')!;
    const byId = await run(testContext({}, dataClockOf(sim)), { queues: [billing.id, vip.id], channels: ['VOICE'] });
    const ctx = testContext({}, dataClockOf(sim));
    const listBefore = sim.stats.count('connect', 'ListQueues');
    // A name, a name in another case and an id, as a hand-typed variable might send.
    const byName = await run(ctx, { queues: ['Billing', 'vip', vip.id], channels: ['VOICE'] });
    expect(byName.results.A.status).toBe(200);
    const [a] = byId.results.A.frames!;
    const [b] = byName.results.A.frames!;
    expect(column(b, 'Queue')).toEqual(['Billing', 'VIP']);
    expect(column(b, 'Queue ID')).toEqual(column(a, 'Queue ID'));
    expect(column(b, 'CONTACTS_IN_QUEUE')).toEqual(column(a, 'CONTACTS_IN_QUEUE'));
    // Resolving names and naming the rows share one cached ListQueues.
    expect(sim.stats.count('connect', 'ListQueues') - listBefore).toBe(1);
  });

  it('answers an unknown name with a 400 naming the entry, and runs no GetCurrentMetricData', async () => {
    const before = sim.stats.count('connect', 'GetCurrentMetricData');
    const res = await run(testContext({}, dataClockOf(sim)), { queues: ['Billing', 'Nope'], channels: ['VOICE'] });
    expect(res.results.A.status).toBe(400);
    expect(res.results.A.error).toBe(
      `filters.queues[1]: no standard queue named "Nope" in instance ${instanceId} (us-east-1); give standard queue ids, ARNs or names as Connect lists them`
    );
    expect(sim.stats.count('connect', 'GetCurrentMetricData')).toBe(before);
  });

  it('checks Connect rules before looking names up', async () => {
    const before = sim.stats.count('connect', 'ListQueues');
    const res = await run(testContext({}, dataClockOf(sim)), { queues: ['Billing'], routingProfiles: ['Basic'] });
    expect(res.results.A.status).toBe(400);
    expect(res.results.A.error).toMatch(/queues and routing profiles cannot be used as filters together/);
    expect(sim.stats.count('connect', 'ListQueues')).toBe(before);
  });

  it('resolves routing profiles by name', async () => {
    const profiles = await run(
      testContext({}, dataClockOf(sim)),
      { routingProfiles: ['No Such Profile'], channels: ['VOICE'] },
      ['ROUTING_PROFILE']
    );
    expect(profiles.results.A.error).toMatch(
      /^filters\.routingProfiles\[0\]: no routing profile named "No Such Profile"/
    );
    const names = sim.context.world.instances[0].routingProfiles.map((p) => p.name);
    const ok = await run(
      testContext({}, dataClockOf(sim)),
      { routingProfiles: names.slice(0, 2), channels: ['VOICE'] },
      ['ROUTING_PROFILE']
    );
    expect(ok.results.A.status).toBe(200);
    expect(column(ok.results.A.frames![0], 'Routing profile')).toEqual(expect.arrayContaining(names.slice(0, 2)));
  });
});
