import type { QueryRequest, QueryResponse } from '../../src/connect/proxyApi';
import { runQueries } from '../../proxy/queries/run';
import { testAws, testContext } from '../support/proxy';
import { dataClockOf, startTestSimulator, type TestSimulator } from '../support/simulator';

/**
 * historical queries through the proxy and the simulator (issue 17): today's service level, abandonment, answer
 * and handle times and handled contacts per queue, with units and in range; a broken query refused before any AWS
 * call; 7 days at 15 minutes whole although Connect takes less than 3 days per call. The simulator computes its
 * answers from its own contact model (simulator/services/connect/metricDataV2.ts), not from the proxy's rules.
 */
const AT = '2026-11-18T19:00:00Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('historical queries through the proxy', () => {
  let sim: TestSimulator;
  let aws: ReturnType<typeof testAws>;
  let instanceId: string;
  let queues: Array<{ id: string; name: string }>;
  const calls = () => sim.stats.count('connect', 'GetMetricDataV2');

  beforeAll(async () => {
    sim = await startTestSimulator({ at: AT });
    aws = testAws(sim.url);
    const instance = sim.context.world.instances[0];
    instanceId = instance.id;
    queues = instance.queues.filter((q) => q.type === 'STANDARD').map((q) => ({ id: q.id, name: q.name }));
  });
  afterAll(async () => {
    aws?.destroy();
    await sim?.close();
  });

  const run = (queries: unknown[], fromMs: number, toMs = Date.parse(AT)): Promise<QueryResponse> =>
    runQueries(testContext({}, dataClockOf(sim)), aws, {
      range: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
      maxDataPoints: 1000,
      queries,
    } as unknown as QueryRequest);

  const today = {
    refId: 'A',
    queryType: 'historical',
    get instanceId() {
      return instanceId;
    },
    get filters() {
      // by name, as the dashboards' queue variable lists them
      return { queues: queues.map((q) => q.name), channels: ['VOICE', 'CHAT', 'TASK'] };
    },
    groupings: ['QUEUE'],
    metrics: [
      { name: 'SERVICE_LEVEL', threshold: { comparison: 'LT', seconds: 20 } },
      { name: 'ABANDONMENT_RATE' },
      { name: 'AVG_HANDLE_TIME' },
      { name: 'AVG_QUEUE_ANSWER_TIME' },
      { name: 'CONTACTS_HANDLED' },
    ],
    interval: 'TOTAL',
    format: 'table',
  };

  it('today per queue: every metric with its unit, percentages within 0-100, times and counts at or above 0', async () => {
    const res = await run([{ ...today, filters: today.filters, instanceId }], Date.parse('2026-11-18T05:00:00Z'));
    const r = res.results.A;
    expect([r.status, r.error]).toEqual([200, undefined]);
    const [f] = r.frames!;
    const fields = f.schema.fields;
    expect(fields.map((x) => [x.name, x.config?.unit])).toEqual([
      ['Queue', undefined],
      ['SERVICE_LEVEL < 20 s', 'percent'],
      ['ABANDONMENT_RATE', 'percent'],
      ['AVG_HANDLE_TIME', 's'],
      ['AVG_QUEUE_ANSWER_TIME', 's'],
      ['CONTACTS_HANDLED', 'locale'],
    ]);
    // a row per queue, named
    expect([...(f.data.values[0] as string[])].sort()).toEqual(queues.map((q) => q.name).sort());
    const column = (i: number) => (f.data.values[i] as Array<number | null>).filter((v): v is number => v !== null);
    for (const i of [1, 2]) {
      expect(column(i).length).toBeGreaterThan(0);
      expect(column(i).every((v) => v >= 0 && v <= 100)).toBe(true);
    }
    for (const i of [3, 4, 5]) {
      expect(column(i).every((v) => v >= 0)).toBe(true);
    }
    // a busy day by 14:00 local: contacts were handled, and handling takes minutes, not milliseconds
    expect(column(5).reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
    expect(Math.max(...column(3))).toBeGreaterThan(30);
  }, 60_000);

  it('a broken query: a 400 naming each field, and no GetMetricDataV2 call', async () => {
    const before = calls();
    const res = await run(
      [
        {
          ...today,
          instanceId,
          filters: { channels: ['VOICE'] },
          groupings: ['AGENT'],
          metrics: [{ name: 'SERVICE_LEVEL' }],
        },
      ],
      Date.parse(AT) - HOUR
    );
    expect(res.results.A.status).toBe(400);
    expect(res.results.A.error).toMatch(/^metrics\.threshold: SERVICE_LEVEL needs a threshold/);
    expect(res.results.A.error).toContain('groupings: SERVICE_LEVEL cannot be grouped or filtered by AGENT');
    expect(res.results.A.error).toContain('filters: filter by at least one queue');
    expect(calls()).toBe(before);
  });

  it('7 days at 15 minutes as a time series: whole, in three pieces', async () => {
    const before = calls();
    const res = await run(
      [
        {
          ...today,
          instanceId,
          filters: { queues: [queues[0].id], channels: ['VOICE'] },
          metrics: [{ name: 'CONTACTS_HANDLED' }],
          interval: 'FIFTEEN_MIN',
          format: 'timeseries',
        },
      ],
      Date.parse(AT) - 7 * DAY
    );
    expect([res.results.A.status, res.results.A.error]).toEqual([200, undefined]);
    // three pieces shorter than 3 days, each one or more pages of 100 results
    expect(calls() - before).toBeGreaterThanOrEqual(3);
    const [f] = res.results.A.frames!;
    const times = f.data.values[0] as number[];
    // buckets over the whole week, none twice: from the first day to the last hour
    expect(new Set(times).size).toBe(times.length);
    expect(Math.min(...times)).toBeLessThan(Date.parse(AT) - 6.5 * DAY);
    expect(Math.max(...times)).toBeGreaterThan(Date.parse(AT) - 2 * HOUR);
  }, 60_000);
  it("the same weekday last week (offsetDays 7): last week's buckets, moved onto today and named so", async () => {
    const base = {
      ...today,
      instanceId,
      filters: { queues: [queues[0].id], channels: ['VOICE'] },
      groupings: [],
      metrics: [{ name: 'CONTACTS_HANDLED' }],
      interval: 'FIFTEEN_MIN',
      format: 'timeseries',
    };
    const from = Date.parse('2026-11-18T00:00:00Z');
    const shifted = await run([{ ...base, offsetDays: 7 }], from, from + DAY);
    const direct = await run([base], from - 7 * DAY, from - 6 * DAY);
    const [s] = shifted.results.A.frames!;
    const [d] = direct.results.A.frames!;
    expect(s.schema.fields[1].config?.displayName).toBe('Contacts handled, 7 days earlier');
    // the whole of last week's day (it is over), where today's query stops at now (19:00)
    expect(Math.max(...(s.data.values[0] as number[]))).toBeGreaterThan(Date.parse(AT));
    expect(s.data.values[0]).toEqual((d.data.values[0] as number[]).map((t) => t + 7 * DAY));
    expect(s.data.values[1]).toEqual(d.data.values[1]);
    expect((s.data.values[1] as number[]).reduce((a, b) => a + (b ?? 0), 0)).toBeGreaterThan(0);
  }, 60_000);
});
