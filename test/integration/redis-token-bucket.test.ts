import { startTestRedis, type TestRedis, testReplica, type TestReplica } from '../support/redis';
import { RateLimitedError, RateLimiter } from '../../proxy/upstream/rateLimiter';
import { eventually } from '../support/eventually';

/**
 * The rate limiter's token bucket in Redis (a Lua script) against a real redis-server: replicas draw from one
 * bucket per (credentials, region, API), first come first served, refused beyond the longest wait, and each falls
 * back to its own bucket while Redis is down.
 */

let redis: TestRedis;
let replicas: TestReplica[] = [];
let n = 0;

beforeAll(async () => {
  redis = await startTestRedis();
});
// Guarded: when redis-server is missing, beforeAll failed with that message and there is nothing to stop.
afterAll(async () => {
  await redis?.stop();
});
afterEach(() => replicas.forEach((r) => r.close()));

async function replicasOf(count: number): Promise<TestReplica[]> {
  const prefix = `b${++n}:`;
  replicas = Array.from({ length: count }, () => testReplica(redis.url, prefix));
  await Promise.all(replicas.map(async (r) => expect(await r.ready(5000)).toBe(true)));
  return replicas;
}

const GCMD = { rate: 5, burst: 8 };

describe('shared token bucket (Redis)', () => {
  it("lets AWS's burst through across replicas, then spaces every further call at the rate", async () => {
    const [a, b, c] = await replicasOf(3);
    const waits: number[] = [];
    const at: number[] = [];
    const started = performance.now();
    // 12 reservations, round-robin over the replicas, as fast as they come
    for (let i = 0; i < 12; i++) {
      const r = await [a, b, c][i % 3].buckets.take('keys:A|us-east-1|GetCurrentMetricData', GCMD, 10_000);
      at.push(performance.now() - started);
      expect(r?.refused).toBe(false);
      waits.push(r!.waitMs);
    }
    expect(waits.slice(0, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    // then one slot every 200 ms after the burst: reservation time + wait lands on the slot. Calls are sequential,
    // so reservation k happened (by Redis's clock) after reply k-1 arrived and before reply k, and the bucket started
    // within the first call: slot + start = reservation + wait, whatever the machine's load (1 ms for rounding).
    [200, 400, 600, 800].forEach((slot, i) => {
      const k = 8 + i;
      expect(waits[k]).toBeLessThanOrEqual(slot);
      expect(at[k - 1] + waits[k]).toBeLessThanOrEqual(slot + at[0] + 1);
      expect(at[k] + waits[k]).toBeGreaterThanOrEqual(slot - 1);
    });
  });

  it('keeps separate buckets per credentials, region and API', async () => {
    const [a] = await replicasOf(1);
    // a bucket that refills one token in 100 s: however slow the machine, the ninth call finds it empty
    const slow = { rate: 0.01, burst: 8 };
    for (let i = 0; i < 8; i++) {
      await a.buckets.take('keys:A|us-east-1|GetCurrentMetricData', slow, 200_000);
    }
    expect((await a.buckets.take('keys:A|us-east-1|GetCurrentMetricData', slow, 200_000))!.waitMs).toBeGreaterThan(0);
    expect((await a.buckets.take('keys:B|us-east-1|GetCurrentMetricData', slow, 200_000))!.waitMs).toBe(0);
    expect((await a.buckets.take('keys:A|eu-west-2|GetCurrentMetricData', slow, 200_000))!.waitMs).toBe(0);
    expect((await a.buckets.take('keys:A|us-east-1|ListQueues', { rate: 2, burst: 5 }, 10_000))!.waitMs).toBe(0);
  });

  it('refuses a reservation whose wait would exceed the limit, without taking a token', async () => {
    const [a, b] = await replicasOf(2);
    const quota = { rate: 2, burst: 2 };
    const waits = [];
    for (let i = 0; i < 4; i++) {
      waits.push((await [a, b][i % 2].buckets.take('k|r|Op', quota, 1000))!);
    }
    // 0, 0, then 500 ms and 1000 ms; the next would wait 1500 ms > 1000 ms
    expect(waits.map((w) => w.refused)).toEqual([false, false, false, false]);
    const refused = await b.buckets.take('k|r|Op', quota, 1000);
    expect(refused).toMatchObject({ refused: true });
    expect(refused!.waitMs).toBeGreaterThan(1000);
    // the refusal took nothing: the queue behind it is unchanged
    const next = await a.buckets.take('k|r|Op', quota, 2000);
    expect(next!.refused).toBe(false);
    expect(next!.waitMs).toBeGreaterThan(1400);
    expect(next!.waitMs).toBeLessThanOrEqual(1500);
  });

  it('keeps three replicas of the proxy limiter within one quota together', async () => {
    const sharing = await replicasOf(3);
    const quota = { rate: 20, burst: 4 };
    const limiters = sharing.map(
      (r) => new RateLimiter({ quotas: { GetCurrentMetricData: quota }, maxWaitMs: 5000, shared: r.buckets })
    );
    const started = performance.now();
    const granted: number[] = [];
    // each replica fires 6 calls at once: 18 calls against a bucket of 4 refilling at 20/s
    await Promise.all(
      limiters.flatMap((l) =>
        Array.from({ length: 6 }, async () => {
          await l.acquire('keys:A|us-east-1', 'GetCurrentMetricData');
          granted.push(performance.now() - started);
        })
      )
    );
    granted.sort((x, y) => x - y);
    // never more than burst + rate x elapsed calls by any moment (a few ms of slack for timers)
    granted.forEach((t, i) =>
      expect(i + 1).toBeLessThanOrEqual(quota.burst + Math.floor(((t + 15) * quota.rate) / 1000))
    );
    // and the last one went out about (18 - 4) / 20 s = 700 ms after the start
    expect(granted[17]).toBeGreaterThan(640);
    expect(granted[17]).toBeLessThan(2500);
  });

  it("throws the limiter's own error when the shared bucket refuses", async () => {
    const [a] = await replicasOf(1);
    const limiter = new RateLimiter({
      quotas: { ListQueues: { rate: 1, burst: 1 } },
      maxWaitMs: 100,
      shared: a.buckets,
    });
    await limiter.acquire('k|r', 'ListQueues');
    await expect(limiter.acquire('k|r', 'ListQueues')).rejects.toBeInstanceOf(RateLimitedError);
  });

  it("falls back to each replica's own bucket while Redis is down, and shares again when it is back", async () => {
    const [a, b] = await replicasOf(2);
    const quota = { rate: 1, burst: 2 };
    const limiter = (r: TestReplica) =>
      new RateLimiter({ quotas: { ListQueues: quota }, maxWaitMs: 60_000, shared: r.buckets, sleep: async () => {} });
    const [la, lb] = [limiter(a), limiter(b)];
    await redis.kill();
    try {
      expect(await a.buckets.take('k|r|ListQueues', quota, 1000)).toBeUndefined();
      // each replica has its own burst of 2 now
      expect([await la.acquire('k|r', 'ListQueues'), await la.acquire('k|r', 'ListQueues')]).toEqual([0, 0]);
      expect([await lb.acquire('k|r', 'ListQueues'), await lb.acquire('k|r', 'ListQueues')]).toEqual([0, 0]);
    } finally {
      await redis.start();
    }
    await eventually(() => a.health().status === 'ok' && b.health().status === 'ok', 'reconnection');
    // one bucket again: the second replica waits behind the first one's burst
    await la.acquire('k2|r', 'ListQueues');
    await la.acquire('k2|r', 'ListQueues');
    expect(await lb.acquire('k2|r', 'ListQueues')).toBeGreaterThan(900);
  });
});
