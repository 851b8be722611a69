import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Dashboard } from '@grafana/schema';
import { buildProxy, type Proxy } from '../../proxy/app';
import type { ProxyConfig } from '../../proxy/config.types';
import { eventually } from '../support/eventually';
import { keysHeaders, testConfig } from '../support/proxy';
import type { SwitchboardQuery } from '../../src/connect/proxyApi';
import { instanceValues, interpolatedTargets, panelsOf, type VariableValues } from '../support/dashboards';
import { startTestRedis, type TestRedis } from '../support/redis';
import { startTestSimulator, type TestSimulator } from '../support/simulator';

/**
 * Replicas behind Grafana (HA) sharing one Redis (a real redis-server), against the simulator: the same dashboard
 * refresh sent to three replicas at once costs the upstream calls of one replica, also after the cache lifetime;
 * with Redis killed every replica still answers on its own, and sharing resumes once Redis is back; the shared rate
 * limiter keeps three replicas together within Connect's quota where three lone replicas get throttled.
 */
const AT = '2026-11-18T19:00:00Z';
const NOW = Date.parse(AT);
const queuesDashboard = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../dashboards/queues.json'), 'utf8')
) as Dashboard;

type InjectResult = { statusCode: number; json(): { results?: Record<string, QueryResult> } };
interface QueryResult {
  status: number;
  error?: string;
  frames?: Array<{ schema: { meta?: { custom?: Record<string, unknown> } }; data: { values: unknown[][] } }>;
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('three proxy replicas sharing one Redis', () => {
  let sim: TestSimulator;
  let redis: TestRedis;
  let values: VariableValues;
  let instanceId: string;
  let proxies: Proxy[] = [];
  let n = 0;

  beforeAll(async () => {
    // Both are started before either failure is thrown, so that afterAll closes whichever did start (a missing
    // redis-server must not leave the simulator listening and jest unable to exit).
    const [simulator, server] = await Promise.allSettled([startTestSimulator({ at: AT }), startTestRedis()]);
    sim = simulator.status === 'fulfilled' ? simulator.value : (undefined as unknown as TestSimulator);
    redis = server.status === 'fulfilled' ? server.value : (undefined as unknown as TestRedis);
    for (const r of [simulator, server]) {
      if (r.status === 'rejected') {
        throw r.reason;
      }
    }
    const instance = sim.context.world.instances[0];
    instanceId = instance.id;
    values = instanceValues(instance);
  });
  afterEach(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    proxies = [];
  });
  afterAll(async () => {
    await Promise.all([sim?.close(), redis?.stop()]);
  });

  /** `count` replicas; with Redis they share a fresh key prefix (each test starts from an empty shared cache). */
  async function replicas(
    count: number,
    overrides: Partial<ProxyConfig> = {},
    options: { redis?: boolean; simulator?: TestSimulator } = {}
  ): Promise<Proxy[]> {
    const withRedis = options.redis ?? true;
    const config = testConfig({
      awsEndpointUrl: (options.simulator ?? sim).url,
      realtimeCacheTtlMs: 10_000,
      ...(withRedis ? { redisUrl: redis.url, redisKeyPrefix: `it${++n}:` } : {}),
      ...overrides,
    });
    const built = await Promise.all(
      Array.from({ length: count }, () =>
        buildProxy(config, {
          logger: false,
          // Quick to notice Redis back; the command timeout stays long enough for this process's event loop, which
          // also runs the simulator.
          redisTimings: { cooldownMs: 200, maxReconnectDelayMs: 100, commandTimeoutMs: 1000 },
        })
      )
    );
    proxies.push(...built);
    if (withRedis) {
      await Promise.all(built.map(async (p) => expect(await p.ctx.redis!.ready(5000)).toBe(true)));
    }
    return built;
  }

  const calls = (op: 'GetCurrentMetricData' | 'GetMetricData', s = sim) =>
    s.stats.count(op === 'GetMetricData' ? 'cloudwatch' : 'connect', op);
  const post = (p: Proxy, queries: SwitchboardQuery[]) =>
    p.app.inject({
      method: 'POST',
      url: '/api/query',
      headers: keysHeaders(),
      payload: {
        range: { from: new Date(NOW - 3600_000).toISOString(), to: AT },
        maxDataPoints: 500,
        queries,
      },
    }) as Promise<InjectResult>;
  /** Every panel of the Queues dashboard, one request per panel (as Grafana sends them). */
  const panels = (filter: (targets: SwitchboardQuery[]) => boolean = () => true) =>
    panelsOf(queuesDashboard)
      .map((p) => interpolatedTargets(p, values))
      .filter((t) => t.length > 0 && filter(t));
  const realtimeOnly = (t: SwitchboardQuery[]) => t.every((q) => q.queryType === 'realtime');
  /** A dashboard refresh on every replica at once; the answers, every query's status checked. */
  async function refresh(on: Proxy[], requests: SwitchboardQuery[][]): Promise<QueryResult[][]> {
    const answers = await Promise.all(on.flatMap((p) => requests.map((q) => post(p, q))));
    return answers.map((res) => {
      expect(res.statusCode).toBe(200);
      const results = Object.values(res.json().results ?? {});
      expect(results.filter((r) => r.status !== 200)).toEqual([]);
      return results;
    });
  }
  const snapshotOf = (r: QueryResult) => r.frames?.[0]?.schema.meta?.custom?.snapshotTime;

  it('(warm-up: the simulator computes its day on the first calls; no test should pay for it)', async () => {
    const [alone] = await replicas(1, {}, { redis: false });
    await refresh([alone], panels());
  });

  it('makes one GetCurrentMetricData call for a real-time panel refreshed on three replicas at once', async () => {
    const three = await replicas(3);
    const [wallboard] = panels(realtimeOnly);
    const before = calls('GetCurrentMetricData');
    const answers = await refresh(three, [wallboard]);
    if (calls('GetCurrentMetricData') - before !== 1) {
      for (const p of three) {
        console.log(
          (await p.app.inject({ url: '/metrics' })).body
            .split('\n')
            .filter((l) => /shared_cache|redis_|cache_lookups|upstream_calls_total/.test(l) && !l.startsWith('#'))
            .join('\n')
        );
      }
    }
    expect(calls('GetCurrentMetricData') - before).toBe(1);
    // the same snapshot and rows on every replica: they answered with one upstream answer
    expect(new Set(answers.map((a) => snapshotOf(a[0]))).size).toBe(1);
    expect(answers[1][0].frames![0].data.values).toEqual(answers[0][0].frames![0].data.values);
    expect(answers[2][0].frames![0].data.values).toEqual(answers[0][0].frames![0].data.values);
  });

  it('costs a whole dashboard refresh on three replicas the upstream calls of one replica', async () => {
    const requests = panels();
    // one replica alone (no Redis): the reference
    const [alone] = await replicas(1, {}, { redis: false });
    let gcmd = calls('GetCurrentMetricData');
    let gmd = calls('GetMetricData');
    await refresh([alone], requests);
    const one = { gcmd: calls('GetCurrentMetricData') - gcmd, gmd: calls('GetMetricData') - gmd };
    // the real-time panels take 2 shapes (wallboard and table share one), CloudWatch at least one batch
    expect(one.gcmd).toBe(2);
    expect(one.gmd).toBeGreaterThan(0);

    const three = await replicas(3);
    gcmd = calls('GetCurrentMetricData');
    gmd = calls('GetMetricData');
    await refresh(three, requests);
    expect({ gcmd: calls('GetCurrentMetricData') - gcmd, gmd: calls('GetMetricData') - gmd }).toEqual(one);
    // and the replicas' own counters say who called: one fill per upstream answer, the rest waited or hit
    const lookups = await Promise.all(three.map((p) => p.app.inject({ url: '/metrics' })));
    const filled = lookups
      .map((r) => /switchboard_shared_cache_lookups_total\{cache="realtime",outcome="filled"\} (\d+)/.exec(r.body))
      .reduce((s, m) => s + Number(m?.[1] ?? 0), 0);
    expect(filled).toBe(2);
  });

  it('keeps sharing across cache lifetimes: one call per lifetime, not one per replica', async () => {
    const three = await replicas(3, { realtimeCacheTtlMs: 400 });
    const requests = panels(realtimeOnly);
    const before = calls('GetCurrentMetricData');
    await refresh(three, requests);
    expect(calls('GetCurrentMetricData') - before).toBe(2);
    await delay(500);
    const answers = await refresh(three, requests);
    expect(calls('GetCurrentMetricData') - before).toBe(4);
    // fresh answers, not the old ones served stale
    answers.flat().forEach((r) => expect(r.frames![0].schema.meta?.custom?.stale).toBeUndefined());
  });

  it('answers every query while Redis is down, shows it in /api/health and /metrics, and shares again once it is back', async () => {
    const three = await replicas(3, { realtimeCacheTtlMs: 300 });
    const [wallboard] = panels(realtimeOnly);
    const before = calls('GetCurrentMetricData');
    await refresh(three, [wallboard]);
    expect(calls('GetCurrentMetricData') - before).toBe(1);

    await redis.kill();
    try {
      await delay(350);
      // each replica on its own now: answers (never a 500), at most one call each
      const mid = calls('GetCurrentMetricData');
      const answers = await refresh(three, [wallboard]);
      answers.forEach((a) => expect(a[0].frames![0].data.values.length).toBeGreaterThan(0));
      const alone = calls('GetCurrentMetricData') - mid;
      expect(alone).toBeGreaterThanOrEqual(1);
      expect(alone).toBeLessThanOrEqual(3);
      const health = (await three[0].app.inject({ url: '/api/health', headers: keysHeaders() })).json() as {
        status: string;
        checks: Array<{ name: string; status: string; message: string }>;
      };
      expect(health.checks.find((c) => c.name === 'redis')).toMatchObject({
        status: 'warning',
        message: expect.stringMatching(/^Redis at redis:\/\/127\.0\.0\.1:\d+ has not answered since .*own cache/),
      });
      // a warning: the datasource's "Save & test" still passes
      expect(health.status).toBe('ok');
      const metrics = (await three[0].app.inject({ url: '/metrics' })).body;
      expect(metrics).toMatch(/^switchboard_redis_up 0$/m);
      expect(metrics).toMatch(/^switchboard_redis_errors_total\{operation="connection"\} [1-9]/m);
    } finally {
      await redis.start();
    }

    await eventually(
      () => three.every((p) => p.ctx.redis!.health().status === 'ok'),
      'every replica reconnected',
      10_000
    );
    await delay(350);
    const after = calls('GetCurrentMetricData');
    await refresh(three, [wallboard]);
    expect(calls('GetCurrentMetricData') - after).toBe(1);
    const health = (await three[1].app.inject({ url: '/api/health', headers: keysHeaders() })).json() as {
      checks: Array<{ name: string; status: string }>;
    };
    expect(health.checks.find((c) => c.name === 'redis')?.status).toBe('ok');
    expect((await three[1].app.inject({ url: '/metrics' })).body).toMatch(/^switchboard_redis_up 1$/m);
  });

  it('starts and answers with a Redis that is not there, saying so without its password', async () => {
    const logs: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    // nothing listens on port 1
    const config = testConfig({ awsEndpointUrl: sim.url, redisUrl: 'redis://:s3cret-pw@127.0.0.1:1/0' });
    const proxy = await buildProxy(config, { logger: { stream, level: 'info' } });
    proxies.push(proxy);
    const [wallboard] = panels(realtimeOnly);
    await refresh([proxy], [wallboard]);
    const health = (await proxy.app.inject({ url: '/api/health', headers: keysHeaders() })).json() as {
      status: string;
      checks: Array<{ name: string; status: string; message: string }>;
    };
    expect(health.status).toBe('ok');
    expect(health.checks.find((c) => c.name === 'redis')).toMatchObject({
      status: 'warning',
      message: expect.stringMatching(/^Redis at redis:\/\/127\.0\.0\.1:1\/0 has not answered/),
    });
    expect((await proxy.app.inject({ url: '/metrics' })).body).toMatch(/^switchboard_redis_up 0$/m);
    // logged once, naming where, never the password
    const warnings = logs.filter((l) => l.includes('Redis is unavailable'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('redis://127.0.0.1:1/0');
    expect(logs.join('\n')).not.toContain('s3cret-pw');
    expect(JSON.stringify(health)).not.toContain('s3cret-pw');
  });

  describe("the shared rate limiter against Connect's quota (5/s, burst 8)", () => {
    let limited: TestSimulator;
    beforeAll(async () => {
      limited = await startTestSimulator({ at: AT, awsQuotas: true });
      // Warm-up: the first call computes the simulator's day, blocking this process (simulator and proxies) for
      // most of a second, which would bunch the replicas' calls; then Connect's bucket fills up again.
      const [alone] = await replicas(1, {}, { redis: false, simulator: limited });
      await refresh([alone], panels(realtimeOnly).slice(0, 1));
      await delay(2000);
    });
    afterAll(async () => {
      await limited?.close();
    });

    /** 5 different real-time queries per replica at once (passthrough: each one a call), on every replica. */
    async function burst(on: Proxy[]) {
      const queues = limited.context.world.instances[0].queues.filter((q) => q.type === 'STANDARD');
      const answers = await Promise.all(
        on.flatMap((p) =>
          Array.from({ length: 5 }, (_, i) =>
            post(p, [
              {
                refId: 'A',
                queryType: 'realtime',
                instanceId: limited.context.world.instances[0].id,
                filters: { queues: [queues[i % queues.length].id], channels: ['VOICE'] },
                groupings: ['CHANNEL'],
                metrics: ['CONTACTS_IN_QUEUE'],
              } as SwitchboardQuery,
            ])
          )
        )
      );
      return answers.map((a) => a.json().results!.A);
    }
    const throttled = () => limited.stats.count('connect', 'GetCurrentMetricData', 'throttled');
    // A little under AWS's quota (as docs/ha.md recommends): the replicas' clock and Connect's are not the same.
    const quota = {
      upstreamQuotas: { GetCurrentMetricData: { rate: 4, burst: 6 } },
      cacheMode: 'passthrough' as const,
    };

    it('keeps three replicas together within the quota: 15 calls at once, none throttled', async () => {
      const three = await replicas(3, quota, { simulator: limited });
      const before = throttled();
      const calledBefore = calls('GetCurrentMetricData', limited);
      const started = Date.now();
      const results = await burst(three);
      expect(results.filter((r) => r.status !== 200)).toEqual([]);
      expect(results).toHaveLength(15);
      expect(calls('GetCurrentMetricData', limited) - calledBefore).toBe(15);
      expect(throttled() - before).toBe(0);
      // 6 at once, then 4 a second: the last of 15 about 2.25 s after the first
      expect(Date.now() - started).toBeGreaterThan(2000);
    });

    it('(the same three replicas without Redis: each within its own bucket, together over the quota, throttled)', async () => {
      // let Connect's bucket fill up again after the previous test
      await delay(2000);
      const three = await replicas(3, quota, { redis: false, simulator: limited });
      const before = throttled();
      const results = await burst(three);
      expect(throttled() - before).toBeGreaterThan(0);
      expect(results.filter((r) => r.status === 429).length).toBe(throttled() - before);
    });
  });
});
