import { AwsClients } from '../../proxy/aws/clients';
import { loadConfig } from '../../proxy/config';
import { startProxy, type RunningProxy } from '../../proxy/server';
import { TEST_TOKEN } from '../support/proxy';
import { TtlCache } from '../../proxy/upstream/cache';
import { classifyAnswer, type Classified, type Problem } from '../bench/reliabilityAnswers';
import type { FaultTable } from '../bench/reliabilityStorms';
import { panelRequests, type PanelRequest, type QueryAnswer } from '../bench/viewerLoad';
import { instanceValues } from '../support/dashboards';
import { dataClockOf, startTestSimulator, type TestSimulator } from '../support/simulator';

/**
 * Short fault storms (issue 7; the full-length ones are `npm run bench:reliability`, docs/reliability.md): the
 * panels of the Queues and NOC overview dashboards refresh over HTTP while the simulator throttles, fails, slows
 * down or garbles its answers. Whatever the storm: no 5xx, every answer fresh, stale-marked with its notice, or a
 * per-query error naming the upstream problem; a query never asked before gets that error (a garbled body is a
 * per-query 502, not a crash); and once the storm ends every query is answered fresh again within one real-time
 * cache lifetime.
 *
 * Scaled down: REALTIME_CACHE_TTL_MS 1.5 s, STALE_IF_SLOW_MS 200 ms, one attempt per AWS call (the benchmark keeps
 * the defaults: 10 s, 2 s, 3 attempts), storms of 2 s (longer than the TTL, so every real-time answer expires
 * during the storm). The simulator's clock is frozen at AT, days before the machine's, so CloudWatch answers count
 * as answers about the past and live 10 minutes: the CloudWatch cache's clock jumps 11 minutes ahead at each
 * storm's start, so that they too have to be refreshed while the faults are on (and are still within
 * STALE_MAX_AGE_MS, 5 minutes past their lifetime, to fall back on).
 */
const AT = '2026-11-18T17:00:00Z';
const TTL_MS = 1500;
const SLOW_MS = 200;
const STORM_MS = 2000;
const ROUND_EVERY_MS = 100;
/** A storm takes STORM_MS, a probe and up to 3 TTLs of recovery (6.5 s and more on a loaded 2-core machine). */
const STORM_TEST_TIMEOUT_MS = 30_000;

interface Seen {
  key: string;
  /** realtime, cloudwatch or quota ('' for a request that failed as a whole). */
  queryType: string;
  httpStatus: number;
  receivedAt: number;
  answer: Classified;
}

describe('proxy under fault storms', () => {
  let sim: TestSimulator;
  let proxy: RunningProxy;
  let panels: PanelRequest[];
  let instanceId: string;
  let queueIds: string[];
  let cloudwatchSkewMs = 0;

  beforeAll(async () => {
    sim = await startTestSimulator({ at: AT });
    const instance = sim.context.world.instances[0];
    instanceId = instance.id;
    queueIds = instance.queues.map((q) => q.id);
    panels = panelRequests(instanceValues(instance)).panels;
    const config = loadConfig(
      {
        PROXY_TOKEN: TEST_TOKEN,
        AWS_ENDPOINT_URL: sim.url,
        AWS_MAX_ATTEMPTS: '1',
        REALTIME_CACHE_TTL_MS: String(TTL_MS),
        STALE_IF_SLOW_MS: String(SLOW_MS),
        LOG_LEVEL: 'silent',
      },
      []
    );
    const awsClients = new AwsClients(config, {
      baseCredentials: { accessKeyId: 'AKIASTORMS0000000000', secretAccessKey: 'x' },
    });
    proxy = await startProxy(
      { ...config, port: 0 },
      { handleSignals: false, logger: false, awsClients, ...dataClockOf(sim) }
    );
    proxy.ctx.caches.cloudwatch = new TtlCache('cloudwatch', { now: () => Date.now() + cloudwatchSkewMs });
    // Before any fault: every query of every panel answers fresh (this also computes the simulated day).
    const warm = await round();
    expect(warm.filter((s) => s.answer.kind !== 'fresh').map((s) => `${s.key}: ${s.answer.text}`)).toEqual([]);
  }, 30_000);
  afterAll(async () => {
    await proxy?.close();
    await sim?.close();
  });

  const faults = async (table: FaultTable) => {
    const res = await fetch(`${sim.url}/_sim/faults`, { method: 'PUT', body: JSON.stringify(table) });
    expect(res.status).toBe(200);
  };

  const post = async (body: unknown) => {
    const res = await fetch(`${proxy.url}/api/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    try {
      return { status: res.status, json: JSON.parse(text) as { results?: Record<string, QueryAnswer> } };
    } catch {
      // not the API's JSON (a crash page): kept for the failure message
      return { status: res.status, json: { body: text } as { results?: Record<string, QueryAnswer> } };
    }
  };
  /** A panel's body as Grafana sends it, the range ending at the simulator's (frozen) clock. */
  const bodyOf = (p: PanelRequest) => ({
    range: { from: new Date(Date.parse(AT) - p.rangeMs).toISOString(), to: AT },
    maxDataPoints: 1000,
    queries: p.queries,
  });

  /** Every panel refreshed once, concurrently, as a dashboard does. */
  async function round(): Promise<Seen[]> {
    const seen: Seen[] = [];
    await Promise.all(
      panels.map(async (p, i) => {
        const { status, json } = await post(bodyOf(p));
        const receivedAt = Date.now();
        if (status !== 200 || !json.results) {
          // the request as a whole failed: one entry for the panel, which no storm may produce
          const text = `HTTP ${status}: ${JSON.stringify(json).slice(0, 200)}`;
          const answer: Classified = { kind: 'error', text };
          seen.push({ key: `${i}:${p.panel}`, queryType: '', httpStatus: status, receivedAt, answer });
          return;
        }
        for (const [refId, answer] of Object.entries(json.results)) {
          seen.push({
            key: `${i}:${p.panel}/${refId}`,
            queryType: p.queries.find((q) => q.refId === refId)?.queryType ?? '',
            httpStatus: status,
            receivedAt,
            answer: classifyAnswer(answer),
          });
        }
      })
    );
    return seen;
  }

  async function rounds(forMs: number, until?: (seen: Seen[]) => boolean): Promise<Seen[]> {
    const seen: Seen[] = [];
    const end = Date.now() + forMs;
    while (Date.now() < end && !until?.(seen)) {
      const started = Date.now();
      seen.push(...(await round()));
      await new Promise((r) => setTimeout(r, Math.max(0, ROUND_EVERY_MS - (Date.now() - started))));
    }
    return seen;
  }

  /** A real-time and a CloudWatch query no panel asks: no earlier answer to fall back on. */
  const neverAsked = () =>
    post({
      range: { from: '2026-11-18T16:00:00Z', to: AT },
      maxDataPoints: 100,
      queries: [
        {
          refId: 'RT',
          queryType: 'realtime',
          instanceId,
          filters: { queues: queueIds, channels: ['VOICE'] },
          groupings: ['CHANNEL'],
          metrics: ['SLOTS_ACTIVE'],
        },
        {
          refId: 'CW',
          queryType: 'cloudwatch',
          namespace: 'AWS/Connect',
          metricName: 'ConcurrentCalls',
          dimensions: { InstanceId: [instanceId], MetricGroup: ['VoiceCalls'] },
          statistic: 'Maximum',
          period: '60',
        },
      ],
    });

  /**
   * One storm: faults on for STORM_MS with the panels refreshing, a probe with never-asked queries, faults off,
   * then refreshes until every query has been answered fresh (at most 3 TTLs).
   */
  async function storm(table: FaultTable) {
    cloudwatchSkewMs += 11 * 60_000;
    await faults(table);
    let during: Seen[];
    let probe: Awaited<ReturnType<typeof neverAsked>>;
    try {
      during = await rounds(STORM_MS);
      probe = await neverAsked();
    } finally {
      await faults({});
    }
    const end = Date.now();
    const keys = new Set(during.map((s) => s.key));
    const after = await rounds(3 * TTL_MS, (seen) => {
      const fresh = new Set(seen.filter((s) => s.answer.kind === 'fresh').map((s) => s.key));
      return [...keys].every((k) => fresh.has(k));
    });
    const firstFresh = new Map<string, number>();
    for (const s of after) {
      if (s.answer.kind === 'fresh' && !firstFresh.has(s.key)) {
        firstFresh.set(s.key, s.receivedAt - end);
      }
    }
    const health = await fetch(`${proxy.url}/healthz`);
    return { during, after, probe, keys, firstFresh, healthz: health.status };
  }

  const unexplained = (seen: Seen[]) => seen.filter((s) => s.httpStatus !== 200 || s.answer.problem === 'unexplained');
  const problems = (seen: Seen[], kind: 'stale' | 'error') =>
    new Set(seen.filter((s) => s.answer.kind === kind).map((s) => s.answer.problem));

  /** What every storm must give: HTTP 200s, explained answers, the proxy alive, every query fresh within a TTL. */
  function expectRecovered(r: Awaited<ReturnType<typeof storm>>) {
    expect(unexplained([...r.during, ...r.after])).toEqual([]);
    expect(r.probe.status).toBe(200);
    expect(r.healthz).toBe(200);
    expect([...r.keys].filter((k) => !r.firstFresh.has(k))).toEqual([]);
    // Within one TTL of the faults' end, as the panels see it: a round leaves every ROUND_EVERY_MS, so a fresh answer
    // is observed up to one round later than the proxy could give it (1,540 ms was seen on a loaded machine).
    expect(Math.max(...r.firstFresh.values())).toBeLessThanOrEqual(TTL_MS + ROUND_EVERY_MS);
  }

  it.each<[string, FaultTable, Problem]>([
    [
      'throttling of both data APIs',
      { GetCurrentMetricData: { throttleRate: 1 }, GetMetricData: { throttleRate: 1 } },
      'throttled',
    ],
    [
      'malformed bodies from both data APIs',
      { GetCurrentMetricData: { malformedRate: 1 }, GetMetricData: { malformedRate: 1 } },
      'invalid response',
    ],
    ['5xx from every operation', { '*': { errorRate: 1 } }, 'internal error'],
  ])(
    '%s: stale answers and per-query errors that name it, then fresh within one TTL',
    async (_, table, problem) => {
      const r = await storm(table);
      expectRecovered(r);
      // every refresh failed: the panels showed their last answers, marked, with the storm's reason (or, when the
      // failed refresh took longer than STALE_IF_SLOW_MS, e.g. queued at the proxy's rate limiter, as slow)
      expect(r.during.filter((s) => s.answer.kind === 'stale').length).toBeGreaterThan(0);
      expect([...problems(r.during, 'stale')].filter((p) => p !== 'slow')).toEqual([problem]);
      // the real-time, CloudWatch and quota panels alike, with the age of what they show (older than a lifetime)
      const stale = r.during.filter((s) => s.answer.kind === 'stale');
      expect(new Set(stale.map((s) => s.queryType))).toEqual(new Set(['realtime', 'cloudwatch', 'quota']));
      expect(Math.max(...stale.map((s) => s.answer.dataAgeMs ?? 0))).toBeGreaterThanOrEqual(TTL_MS);
      // queries with nothing to fall back on: a per-query error naming the problem, the request itself a 200
      const { RT, CW } = r.probe.json.results!;
      for (const q of [RT, CW]) {
        expect(classifyAnswer(q)).toMatchObject({ kind: 'error', problem });
      }
      expect(RT.status).toBe(problem === 'throttled' ? 429 : 502);
    },
    STORM_TEST_TIMEOUT_MS
  );

  it(
    '2 s of 500 ms latency on every operation: the last answers, marked as slow, until the slow ones land',
    async () => {
      const r = await storm({ '*': { latencyMs: 500 } });
      expectRecovered(r);
      expect(problems(r.during, 'stale')).toEqual(new Set(['slow']));
      expect(r.during.filter((s) => s.answer.kind === 'error')).toEqual([]);
      // nothing to fall back on: the query waits for the slow answer
      expect(Object.values(r.probe.json.results!).map((q) => q.status)).toEqual([200, 200]);
    },
    STORM_TEST_TIMEOUT_MS
  );
});
