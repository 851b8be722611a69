import fc from 'fast-check';
import { buildProxy, type Proxy } from '../../proxy/app';
import { AwsClients } from '../../proxy/aws/clients';
import { loadConfig } from '../../proxy/config';
import { TEST_TOKEN } from '../support/proxy';
import { allCatalogMetrics } from '../../src/connect/cloudwatchCatalog';
import { CHANNELS } from '../../src/connect/channels';
import { REALTIME_METRIC_NAMES } from '../../src/connect/realtimeMetrics';
import { GROUPINGS } from '../../src/connect/realtimeRules';
import { dataClockOf, startTestSimulator, type TestSimulator } from '../support/simulator';

/**
 * Generated bodies against POST /api/query (issue 7): arbitrary JSON, and bodies shaped like the datasource's with
 * every field drawn from valid values, near misses and garbage. Whatever comes in: no 5xx, no crash, and every
 * rejection — of the body (HTTP 400) or of one query (its status 400) — names the field it is about.
 */
const RUNS = 10_000;
const AT = '2026-11-18T17:00:00Z';
/**
 * "filters.queues[1]: ...", "range.from: ...", "queries[0].metrics[2]: ...", "body: ..." — a path that starts with a
 * field name (odd keys quoted: filters[":"]), then the rule.
 */
const NAMES_A_FIELD = /^[A-Za-z_$]([^:"]|"(?:[^"\\]|\\.)*")*: \S/;

describe('POST /api/query under generated bodies', () => {
  let sim: TestSimulator;
  let proxy: Proxy;
  const tally = { httpStatus: new Map<number, number>(), queryStatus: new Map<number, number>() };

  beforeAll(async () => {
    sim = await startTestSimulator({ at: AT });
    // AWS's request quotas would make valid generated queries wait for the limiter; the fuzz is about input.
    const fast = { rate: 100_000, burst: 100_000 };
    const quotas = Object.fromEntries(
      [
        'GetCurrentMetricData',
        'GetMetricData',
        'ListMetrics',
        'ListQueues',
        'ListRoutingProfiles',
        'ListAgentStatuses',
        'ListInstances',
      ].map((api) => [api, fast])
    );
    const config = loadConfig(
      {
        PROXY_TOKEN: TEST_TOKEN,
        AWS_ENDPOINT_URL: sim.url,
        AWS_MAX_ATTEMPTS: '1',
        LOG_LEVEL: 'silent',
        UPSTREAM_QUOTAS: JSON.stringify(quotas),
      },
      []
    );
    const awsClients = new AwsClients(config, {
      baseCredentials: { accessKeyId: 'AKIAFUZZ000000000000', secretAccessKey: 'x' },
    });
    proxy = await buildProxy(config, { awsClients, logger: false, ...dataClockOf(sim) });
  });
  afterAll(async () => {
    await proxy.app.close();
    await sim.close();
    // The spread of answers, for docs/reliability.md.
    console.log(
      `fuzz /api/query: HTTP ${JSON.stringify([...tally.httpStatus])}; per query ${JSON.stringify([...tally.queryStatus])}`
    );
  });

  const inst = () => sim.context.world.instances[0];
  const garbage = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.constant(null),
    fc.boolean(),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.object({ maxDepth: 1 })
  );
  const maybe = <T>(arb: fc.Arbitrary<T>) =>
    fc.option(fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: garbage as fc.Arbitrary<unknown> }), {
      nil: undefined,
    });
  const someOf = <T>(values: readonly T[], extra: T[]) =>
    fc.subarray([...values, ...extra], { maxLength: Math.min(6, values.length + extra.length) });

  const queueRef = fc.oneof(
    fc.constantFrom(...['Billing', 'VIP', 'Nope', '', 'arn:aws:connect:x']),
    fc.constantFrom('q-0', '00000000-0000-0000-0000-000000000000'),
    fc.string({ maxLength: 40 })
  );
  const realtime = fc.record(
    {
      refId: fc.oneof(fc.constantFrom('A', 'B', 'C'), fc.string({ maxLength: 70 })),
      queryType: fc.constant('realtime'),
      instanceId: fc.oneof(fc.constant('INSTANCE'), fc.uuid(), fc.string({ maxLength: 10 })),
      region: maybe(fc.constantFrom('us-east-1', 'eu-west-2', 'mars-1', 'US-EAST-1')),
      filters: fc.oneof(
        fc.record(
          {
            queues: fc.array(queueRef, { maxLength: 4 }),
            routingProfiles: fc.array(queueRef, { maxLength: 3 }),
            channels: someOf(CHANNELS as readonly string[], ['FAX', 'voice']),
            routingStepExpressions: fc.array(fc.string({ maxLength: 20 }), { maxLength: 2 }),
            agentStatuses: fc.array(fc.string({ maxLength: 20 }), { maxLength: 2 }),
          },
          { requiredKeys: [] }
        ),
        garbage
      ),
      groupings: fc.oneof(someOf(GROUPINGS as readonly string[], ['BOGUS']), garbage),
      metrics: fc.oneof(someOf(REALTIME_METRIC_NAMES as readonly string[], ['NOT_A_METRIC']), garbage),
      sort: maybe(
        fc.record({
          metric: fc.constantFrom(...REALTIME_METRIC_NAMES, 'X'),
          order: fc.constantFrom('ASCENDING', 'DESCENDING', 'UP'),
        })
      ),
      format: maybe(fc.constantFrom('table', 'timeseries', 'csv')),
    },
    { requiredKeys: ['queryType'] }
  );
  const metrics = allCatalogMetrics();
  const cloudwatch = fc
    .record(
      {
        refId: fc.constantFrom('A', 'B', 'C', 'D'),
        queryType: fc.constant('cloudwatch'),
        metric: fc.constantFrom(...metrics),
        namespaceOverride: maybe(fc.constantFrom('AWS/EC2', 'VoiceID', '')),
        dimensionValues: fc.array(fc.oneof(fc.constant('*'), fc.constant('INSTANCE'), fc.string({ maxLength: 12 })), {
          minLength: 0,
          maxLength: 3,
        }),
        statistic: maybe(fc.constantFrom('Average', 'Sum', 'p99', 'p101', 'Median', 'Maximum')),
        period: maybe(fc.oneof(fc.constantFrom('auto', 60, 300, 7, 0, -60, '120', 'soon'), fc.integer())),
        id: maybe(fc.constantFrom('a', 'b', 'Bad', '1x', 'q_1')),
        label: maybe(fc.constantFrom('${METRIC}', '${QueueName} ${STAT}', '${', '')),
        expression: maybe(fc.constantFrom('a * 2', 'a / b', 'SEARCH(x)', 'FILL(a, 0)', 'a +', '100 * a / b')),
        hide: maybe(fc.boolean()),
      },
      { requiredKeys: ['queryType', 'refId', 'metric'] }
    )
    .map(({ metric, namespaceOverride, dimensionValues, ...q }) => ({
      ...q,
      namespace: namespaceOverride ?? metric.namespace,
      metricName: metric.name,
      dimensions: Object.fromEntries(metric.dimensionSets[0].map((d) => [d, dimensionValues])),
    }));
  const quota = fc.record(
    {
      refId: fc.constantFrom('A', 'B', 'Q'),
      queryType: fc.constant('quota'),
      instanceId: fc.oneof(fc.constant('INSTANCE'), fc.uuid()),
      channels: maybe(someOf(CHANNELS as readonly string[], ['FAX'])),
      format: maybe(fc.constantFrom('table', 'timeseries', 'chart')),
    },
    { requiredKeys: ['queryType'] }
  );
  const rangeEnd = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.constantFrom(
        AT,
        '2026-11-18T16:00:00Z',
        '2026-11-18T14:00:00.000Z',
        String(Date.parse(AT) - 3600_000)
      ),
    },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom('yesterday', '', '2026-02-30T00:00:00Z'), fc.integer()) }
  );
  const body = fc.oneof(
    { weight: 1, arbitrary: fc.jsonValue() },
    {
      weight: 6,
      arbitrary: fc.record(
        {
          range: fc.oneof(
            { weight: 8, arbitrary: fc.record({ from: rangeEnd, to: rangeEnd }) },
            {
              weight: 1,
              arbitrary: fc.oneof(fc.record({ from: rangeEnd, to: rangeEnd }, { requiredKeys: [] }), garbage),
            }
          ),
          maxDataPoints: fc.option(
            fc.oneof(
              { weight: 6, arbitrary: fc.constantFrom(500, 1000, 1) },
              { weight: 1, arbitrary: fc.oneof(fc.integer(), garbage) }
            ),
            { nil: undefined }
          ),
          intervalMs: fc.option(
            fc.oneof({ weight: 6, arbitrary: fc.constantFrom(60_000, 10_000) }, { weight: 1, arbitrary: fc.integer() }),
            { nil: undefined }
          ),
          queries: fc.oneof(
            {
              weight: 8,
              arbitrary: fc.array(
                fc.oneof(
                  { weight: 4, arbitrary: realtime },
                  { weight: 4, arbitrary: cloudwatch },
                  { weight: 2, arbitrary: quota },
                  { weight: 1, arbitrary: fc.object({ maxDepth: 2 }) }
                ),
                { maxLength: 4 }
              ),
            },
            { weight: 1, arbitrary: garbage }
          ),
        },
        { requiredKeys: ['range', 'queries'] }
      ),
    }
  );

  it(`answers ${RUNS.toLocaleString('en')} generated bodies without a 5xx, each rejection naming its field`, async () => {
    const count = (m: Map<number, number>, k: number) => m.set(k, (m.get(k) ?? 0) + 1);
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (generated, raw) => {
        // INSTANCE stands for the simulator's instance, so some generated queries are valid and reach "AWS".
        const text = JSON.stringify(generated)?.replaceAll('"INSTANCE"', JSON.stringify(inst().id)) ?? 'null';
        const res = await proxy.app.inject({
          method: 'POST',
          url: '/api/query',
          headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
          // Sometimes cut short: a body that is not JSON at all.
          payload: raw ? text.slice(0, Math.max(1, text.length - 3)) : text,
        });
        count(tally.httpStatus, res.statusCode);
        expect(res.statusCode).toBeLessThan(500);
        const answer = res.json() as { error?: string; results?: Record<string, { status: number; error?: string }> };
        if (res.statusCode !== 200) {
          expect([res.statusCode, answer.error]).toEqual([res.statusCode, expect.stringMatching(NAMES_A_FIELD)]);
          return;
        }
        for (const r of Object.values(answer.results ?? {})) {
          count(tally.queryStatus, r.status);
          expect(r.status).toBeLessThan(500);
          if (r.status === 400) {
            expect(r.error).toMatch(NAMES_A_FIELD);
          }
        }
      }),
      { numRuns: RUNS, seed: 20261122 }
    );
  }, 300_000);
});
