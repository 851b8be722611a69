import { CONNECT_FALLBACK_QUOTA, DEFAULT_QUOTAS, RequestThrottle } from './throttle';

function fakeTime() {
  let now = 1000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const burst = (limiter: RequestThrottle, n: number, key = 'AKID', op = 'GetCurrentMetricData') =>
  Array.from({ length: n }, () => limiter.take('connect', op, key, 'us-east-1')).filter(Boolean).length;

describe('RequestThrottle', () => {
  it('GetCurrentMetricData: burst of 8, then 5 per second', () => {
    const t = fakeTime();
    const limiter = new RequestThrottle({ now: t.now });
    expect(burst(limiter, 20)).toBe(8);
    t.advance(1000);
    expect(burst(limiter, 20)).toBe(5);
    t.advance(200);
    expect(burst(limiter, 20)).toBe(1);
  });

  it('refills no higher than the burst', () => {
    const t = fakeTime();
    const limiter = new RequestThrottle({ now: t.now });
    burst(limiter, 8);
    t.advance(3_600_000);
    expect(burst(limiter, 20)).toBe(8);
  });

  it('keeps one bucket per access key, region and operation', () => {
    const t = fakeTime();
    const limiter = new RequestThrottle({ now: t.now });
    expect(burst(limiter, 8, 'A')).toBe(8);
    expect(burst(limiter, 8, 'B')).toBe(8);
    expect(limiter.take('connect', 'GetCurrentMetricData', 'A', 'eu-west-2')).toBe(true);
    expect(burst(limiter, 10, 'A', 'GetMetricDataV2')).toBe(10);
    expect(limiter.take('connect', 'GetCurrentMetricData', 'A', 'us-east-1')).toBe(false);
  });

  it('has the documented defaults and a Connect fallback; other unknown operations are unlimited', () => {
    const limiter = new RequestThrottle();
    expect(limiter.quotaFor('connect', 'GetCurrentMetricData')).toEqual({
      quota: { rate: 5, burst: 8 },
      source: 'default',
    });
    expect(limiter.quotaFor('cloudwatch', 'GetMetricData')!.quota).toEqual({ rate: 50, burst: 50 });
    expect(limiter.quotaFor('cloudwatch', 'ListMetrics')!.quota).toEqual({ rate: 25, burst: 25 });
    expect(limiter.quotaFor('chime', 'ListVoiceConnectors')!.quota).toEqual(DEFAULT_QUOTAS.chime.ListVoiceConnectors);
    expect(limiter.quotaFor('connect', 'DescribeInstance')!.quota).toEqual(CONNECT_FALLBACK_QUOTA);
    expect(limiter.quotaFor('voiceid', 'DescribeDomain')).toBeUndefined();
    expect(burst(limiter, 1000, 'k', 'Whatever')).toBe(5);
    expect(Array.from({ length: 1000 }, () => limiter.take('voiceid', 'DescribeDomain', 'k', 'r')).every(Boolean)).toBe(
      true
    );
  });

  it('scenario quotas override defaults; runtime quotas override both; "service:Op" beats "Op"', () => {
    const t = fakeTime();
    const limiter = new RequestThrottle({
      now: t.now,
      scenario: { GetCurrentMetricData: { rate: 1, burst: 2 }, 'cloudwatch:GetMetricData': { rate: 1, burst: 3 } },
    });
    expect(limiter.quotaFor('connect', 'GetCurrentMetricData')).toEqual({
      quota: { rate: 1, burst: 2 },
      source: 'scenario',
    });
    expect(limiter.quotaFor('cloudwatch', 'GetMetricData')!.quota.burst).toBe(3);
    expect(burst(limiter, 10)).toBe(2);
    limiter.setRuntime({ GetCurrentMetricData: { rate: 100, burst: 30 } });
    expect(limiter.quotaFor('connect', 'GetCurrentMetricData')!.source).toBe('runtime');
    // New limits start from a full bucket.
    expect(burst(limiter, 50)).toBe(30);
    limiter.setRuntime({ GetCurrentMetricData: null });
    expect(limiter.quotaFor('connect', 'GetCurrentMetricData')!.source).toBe('scenario');
    limiter.setRuntime({ ListQueues: { rate: 1, burst: 1 } });
    limiter.resetRuntime();
    expect(limiter.runtimeOverrides()).toEqual({});
  });

  it('caps the number of buckets', () => {
    const limiter = new RequestThrottle({ maxBuckets: 3 });
    for (let i = 0; i < 10; i++) {
      limiter.take('connect', 'ListQueues', `key${i}`, 'us-east-1');
    }
    // key0's bucket was evicted: it starts full again.
    expect(burst(limiter, 10, 'key0', 'ListQueues')).toBe(5);
  });

  it('lists the quota of each operation', () => {
    const limiter = new RequestThrottle({ scenario: { ListDomains: { rate: 1, burst: 1 } } });
    expect(
      limiter.table([
        { service: 'voiceid', name: 'ListDomains' },
        { service: 'voiceid', name: 'DescribeDomain' },
      ])
    ).toEqual([
      { service: 'voiceid', operation: 'ListDomains', quota: { rate: 1, burst: 1 }, source: 'scenario' },
      { service: 'voiceid', operation: 'DescribeDomain', quota: null, source: 'none' },
    ]);
  });
});

describe('RequestThrottle with enforcement off', () => {
  it('reports quotas but lets every call through', () => {
    const limiter = new RequestThrottle({ enforce: false });
    expect(limiter.enforced).toBe(false);
    expect(burst(limiter, 100)).toBe(100);
    expect(limiter.quotaFor('connect', 'GetCurrentMetricData')!.quota).toEqual({ rate: 5, burst: 8 });
  });
});
