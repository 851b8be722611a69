import { types } from 'node:util';
import { Redis } from 'ioredis';
import { startTestRedis, type TestRedis, testReplica, type TestReplica } from '../support/redis';
import { TtlCache } from '../../proxy/upstream/cache';
import { eventually } from '../support/eventually';

/**
 * The caches' shared tier against a real redis-server: three "replicas" (each its own connections) share loads,
 * keep types, never extend a value's lifetime, survive a failed or vanished holder, keep secrets out of Redis's
 * keys, and fall back to loading alone while Redis is down.
 */

let redis: TestRedis;
let admin: Redis;
let replicas: TestReplica[] = [];
let prefix = '';
let n = 0;

beforeAll(async () => {
  redis = await startTestRedis();
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  admin.on('error', () => undefined);
});
// Guarded: when redis-server is missing, beforeAll failed with that message and there is nothing to stop.
afterAll(async () => {
  admin?.disconnect();
  await redis?.stop();
});

async function replicasOf(count: number, timings: Parameters<typeof testReplica>[2] = {}): Promise<TestReplica[]> {
  prefix = `t${++n}:`;
  replicas = Array.from({ length: count }, () => testReplica(redis.url, prefix, timings));
  await Promise.all(replicas.map(async (r) => expect(await r.ready(5000)).toBe(true)));
  return replicas;
}
afterEach(() => replicas.forEach((r) => r.close()));

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A loader that counts its calls and takes `ms`. */
function loader<V>(value: V, ms = 30) {
  const calls: number[] = [];
  return {
    calls,
    load: async () => {
      calls.push(Date.now());
      await delay(ms);
      return value;
    },
  };
}

describe('shared cache tier (Redis)', () => {
  it('lets one replica of three load a key while the others wait for its value', async () => {
    const [a, b, c] = await replicasOf(3);
    const l = loader({ rows: [1, 2, 3] }, 80);
    const options = { ttlMs: () => 5000 };
    const got = await Promise.all([a, b, c].map((r) => r.tier.fetch('realtime', 'shape-1', options, l.load)));
    expect(l.calls).toHaveLength(1);
    expect(got.map((e) => e.value)).toEqual([{ rows: [1, 2, 3] }, { rows: [1, 2, 3] }, { rows: [1, 2, 3] }]);
    // the same load time everywhere: the waiters got the holder's entry, not a copy stamped now
    expect(new Set(got.map((e) => e.storedAt)).size).toBe(1);
    const outcomes = await Promise.all(
      [a, b, c].map(async (r) => ({
        filled: await r.metric('switchboard_shared_cache_lookups_total', { cache: 'realtime', outcome: 'filled' }),
        waited: await r.metric('switchboard_shared_cache_lookups_total', { cache: 'realtime', outcome: 'waited' }),
      }))
    );
    expect(outcomes.reduce((s, o) => s + o.filled, 0)).toBe(1);
    expect(outcomes.reduce((s, o) => s + o.waited, 0)).toBe(2);
    // the lock is released once the value is stored
    expect(await admin.keys(`${prefix}*:lock`)).toEqual([]);
  });

  it('serves a stored value to a later replica with what is left of its lifetime, and Redis forgets it then', async () => {
    const [a, b] = await replicasOf(2);
    const first = await a.tier.fetch('cloudwatch', 'k', { ttlMs: () => 400 }, loader('v1', 0).load);
    await delay(150);
    const l = loader('v2', 0);
    const second = await b.tier.fetch('cloudwatch', 'k', { ttlMs: () => 400 }, l.load);
    expect(l.calls).toHaveLength(0);
    expect(second).toEqual(first);
    const [key] = await admin.keys(`${prefix}*`);
    const pttl = await admin.pttl(key);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(400 - 150 + 20);
    expect(await b.metric('switchboard_shared_cache_lookups_total', { cache: 'cloudwatch', outcome: 'hit' })).toBe(1);
    await delay(300);
    expect(await admin.exists(key)).toBe(0);
    const third = await b.tier.fetch('cloudwatch', 'k', { ttlMs: () => 400 }, l.load);
    expect(third.value).toBe('v2');
    expect(l.calls).toHaveLength(1);
  });

  it('keeps Maps, Dates, typed arrays and nulls through Redis', async () => {
    const [a, b] = await replicasOf(2);
    const value = {
      series: new Map([['q1', { timestamps: [1, 2], values: [0.5, null] }]]),
      at: new Date('2026-11-18T17:00:00Z'),
      samples: new Float64Array([1.5, 2.5]),
      names: new Set(['a', 'b']),
    };
    await a.tier.fetch('cloudwatch', 'typed', { ttlMs: () => 5000 }, async () => value);
    const got = await b.tier.fetch('cloudwatch', 'typed', { ttlMs: () => 5000 }, async (): Promise<typeof value> => {
      throw new Error('should not load');
    });
    // (V8 builds them in the main realm: jest's sandbox sees other Map and Float64Array constructors)
    expect(types.isMap(got.value.series)).toBe(true);
    expect(got.value.series.get('q1')).toEqual({ timestamps: [1, 2], values: [0.5, null] });
    expect(got.value.at).toEqual(new Date('2026-11-18T17:00:00Z'));
    expect(types.isFloat64Array(got.value.samples)).toBe(true);
    expect([...got.value.samples]).toEqual([1.5, 2.5]);
    expect(types.isSet(got.value.names)).toBe(true);
    expect([...got.value.names]).toEqual(['a', 'b']);
  });

  it('loads again when the stored value does not answer the caller (a merged call without its metrics)', async () => {
    const [a, b] = await replicasOf(2);
    await a.tier.fetch('realtime', 'shape', { ttlMs: () => 5000 }, async () => ({ metrics: ['A'] }));
    const l = loader({ metrics: ['A', 'B'] }, 0);
    const got = await b.tier.fetch(
      'realtime',
      'shape',
      { ttlMs: () => 5000, usable: (v: { metrics: string[] }) => v.metrics.includes('B') },
      l.load
    );
    expect(l.calls).toHaveLength(1);
    expect(got.value.metrics).toEqual(['A', 'B']);
    // the wider answer replaced the narrower one for everybody
    const again = await a.tier.fetch('realtime', 'shape', { ttlMs: () => 5000 }, loader({ metrics: [] }).load);
    expect(again.value).toEqual({ metrics: ['A', 'B'] });
  });

  it("gives a failed holder's error to its own caller only; a waiter takes over at once", async () => {
    const [a, b] = await replicasOf(2);
    let calls = 0;
    const load = async () => {
      calls++;
      await delay(50);
      if (calls === 1) {
        throw new Error('ThrottlingException');
      }
      return 'ok';
    };
    const started = Date.now();
    const [ra, rb] = await Promise.allSettled([
      a.tier.fetch('realtime', 'x', { ttlMs: () => 5000 }, load),
      delay(10).then(() => b.tier.fetch('realtime', 'x', { ttlMs: () => 5000 }, load)),
    ]);
    expect(ra.status).toBe('rejected');
    expect((ra as PromiseRejectedResult).reason.message).toBe('ThrottlingException');
    expect(rb).toMatchObject({ status: 'fulfilled', value: { value: 'ok' } });
    expect(calls).toBe(2);
    // b did not sit out the lock's lease (15 s by default): the failed holder released it
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops waiting for a holder that never delivers after waitMs and loads itself', async () => {
    const [a] = await replicasOf(1, { waitMs: 300, lockMs: 60_000, pollMs: 50 });
    // the key's name, from a first load; then a holder that took the lock and died
    await a.tier.fetch('resources', 'dead', { ttlMs: () => 60_000 }, async () => 'first');
    const [valueKey] = await admin.keys(`${prefix}*`);
    await admin.del(valueKey);
    await admin.set(`${valueKey}:lock`, 'someone-else', 'PX', 60_000);
    const started = Date.now();
    const l = loader('mine', 0);
    const got = await a.tier.fetch('resources', 'dead', { ttlMs: () => 60_000 }, l.load);
    expect(got.value).toBe('mine');
    expect(l.calls).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await a.metric('switchboard_shared_cache_lookups_total', { cache: 'resources', outcome: 'timeout' })).toBe(
      1
    );
  });

  it('keeps credentials and query contents out of Redis keys', async () => {
    const [a] = await replicasOf(1);
    // AKIAIOSFODNN7EXAMPLE: AWS's documented example access key id, not a credential.
    const secretish = JSON.stringify(['gcmd', 'keys:AKIAIOSFODNN7EXAMPLE', 'us-east-1', 'instance-123', 'queue-abc']);
    await a.tier.fetch('realtime', secretish, { ttlMs: () => 5000 }, async () => 1);
    await a.buckets.take('keys:AKIAIOSFODNN7EXAMPLE|us-east-1|GetCurrentMetricData', { rate: 5, burst: 8 }, 5000);
    const keys = await admin.keys(`${prefix}*`);
    expect(keys).toHaveLength(2);
    for (const k of keys) {
      expect(k.startsWith(`${prefix}v1:`)).toBe(true);
      expect(k).not.toMatch(/AKIA|us-east-1|instance|queue|GetCurrentMetricData/);
    }
  });

  it('loads alone while Redis is down, without failing, and shares again once it is back', async () => {
    const [a, b] = await replicasOf(2, { commandTimeoutMs: 200 });
    await redis.kill();
    try {
      const l = loader('alone', 0);
      const got = await Promise.all([a, b].map((r) => r.tier.fetch('realtime', 'down', { ttlMs: () => 5000 }, l.load)));
      expect(got.map((e) => e.value)).toEqual(['alone', 'alone']);
      expect(l.calls).toHaveLength(2);
      expect(a.health()).toMatchObject({ status: 'warning', message: expect.stringMatching(/has not answered/) });
      expect(await a.metric('switchboard_redis_up')).toBe(0);
      await eventually(
        async () => (await a.metric('switchboard_redis_errors_total', { operation: 'connection' })) > 0,
        'the outage counted'
      );
      // logged once for the outage, however many failures
      await delay(300);
      expect(a.logs.filter((l) => /Redis is unavailable/.test(l.msg))).toHaveLength(1);
    } finally {
      await redis.start();
    }
    await eventually(async () => a.health().status === 'ok' && b.health().status === 'ok', 'reconnection');
    expect(await a.metric('switchboard_redis_up')).toBe(1);
    expect(a.logs.filter((l) => /Redis answers again/.test(l.msg))).toHaveLength(1);
    const l = loader('shared', 50);
    await Promise.all([a, b].map((r) => r.tier.fetch('realtime', 'back', { ttlMs: () => 5000 }, l.load)));
    expect(l.calls).toHaveLength(1);
  });
});

describe('TtlCache with the shared tier', () => {
  it('loads once for three replicas, and each local entry expires when the shared one does', async () => {
    const sharing = await replicasOf(3);
    const caches = sharing.map((r) => new TtlCache('cloudwatch', { shared: r.tier }));
    let calls = 0;
    const load = async () => {
      calls++;
      await delay(30);
      return { series: new Map([['a', [1, 2, 3]]]) };
    };
    const got = (await Promise.all(caches.map((c) => c.getOrLoad('batch', { ttlMs: 300 }, load)))) as Array<
      Awaited<ReturnType<typeof load>>
    >;
    expect(calls).toBe(1);
    expect(got[1].series.get('a')).toEqual([1, 2, 3]);
    // a replica asking later gets the rest of the lifetime, not a new 300 ms
    await delay(200);
    const late = new TtlCache('cloudwatch', { shared: sharing[0].tier });
    await late.getOrLoad('batch', { ttlMs: 300 }, load);
    expect(calls).toBe(1);
    await delay(120);
    expect(late.get('batch')).toBeUndefined();
    expect(caches[2].get('batch')).toBeUndefined();
  });

  it('does not share what it does not keep (lifetime 0)', async () => {
    const [a] = await replicasOf(1);
    const cache = new TtlCache('realtime', { shared: a.tier });
    await cache.getOrLoad('k', { ttlMs: 0 }, async () => 1);
    expect(await admin.keys(`${prefix}*`)).toEqual([]);
    expect(await a.metric('switchboard_shared_cache_lookups_total')).toBe(0);
  });
});
