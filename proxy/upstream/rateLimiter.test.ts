import { RateLimitedError, RateLimiter } from './rateLimiter';

function fakeTime() {
  let now = 0;
  const waits: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
    advance: (ms: number) => (now += ms),
    waits,
  };
}

describe('RateLimiter', () => {
  it('lets a burst through, then spaces callers at the rate, first come first served', async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ now: t.now, sleep: t.sleep, maxWaitMs: 10_000 });
    const waits = [];
    for (let i = 0; i < 12; i++) {
      waits.push(await limiter.acquire('key|us-east-1', 'GetCurrentMetricData'));
    }
    // 5 per second, burst 8: eight at once, then one every 200 ms
    expect(waits.slice(0, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(waits.slice(8).map(Math.round)).toEqual([200, 400, 600, 800]);
  });

  it('refills over time and keeps separate buckets per credentials, region and API', async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ now: t.now, sleep: t.sleep });
    for (let i = 0; i < 8; i++) {
      await limiter.acquire('a|us-east-1', 'GetCurrentMetricData');
    }
    expect(await limiter.acquire('b|us-east-1', 'GetCurrentMetricData')).toBe(0);
    expect(await limiter.acquire('a|eu-west-2', 'GetCurrentMetricData')).toBe(0);
    expect(await limiter.acquire('a|us-east-1', 'ListQueues')).toBe(0);
    t.advance(1000);
    for (let i = 0; i < 5; i++) {
      expect(await limiter.acquire('a|us-east-1', 'GetCurrentMetricData')).toBe(0);
    }
    expect(await limiter.acquire('a|us-east-1', 'GetCurrentMetricData')).toBeGreaterThan(0);
  });

  it('fails fast instead of waiting longer than allowed', async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({ now: t.now, sleep: t.sleep, maxWaitMs: 500 });
    for (let i = 0; i < 10; i++) {
      await limiter.acquire('k', 'GetCurrentMetricData');
    }
    await expect(limiter.acquire('k', 'GetCurrentMetricData')).rejects.toBeInstanceOf(RateLimitedError);
    await expect(limiter.acquire('k', 'GetCurrentMetricData')).rejects.toThrow(
      /GetCurrentMetricData is limited to 5 requests per second \(burst 8\)/
    );
  });

  it('takes quotas from the configuration', async () => {
    const t = fakeTime();
    const limiter = new RateLimiter({
      now: t.now,
      sleep: t.sleep,
      quotas: { GetCurrentMetricData: { rate: 1, burst: 1 } },
    });
    expect(await limiter.acquire('k', 'GetCurrentMetricData')).toBe(0);
    expect(await limiter.acquire('k', 'GetCurrentMetricData')).toBe(1000);
    expect(limiter.quotaOf('Unknown')).toEqual({ rate: 2, burst: 5 });
  });
});
