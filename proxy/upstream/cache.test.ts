import { estimateBytes, TtlCache } from './cache';

describe('TtlCache', () => {
  it('returns values until they expire', () => {
    let now = 0;
    const cache = new TtlCache<string>('t', { now: () => now });
    cache.set('a', 'x', { ttlMs: 1000 });
    expect(cache.get('a')).toBe('x');
    now = 999;
    expect(cache.get('a')).toBe('x');
    now = 1000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('stays within its byte budget, dropping the least recently used', () => {
    const cache = new TtlCache<string>('t', { maxBytes: 300 });
    cache.set('a', 'a', { ttlMs: 1e6, bytes: 100 });
    cache.set('b', 'b', { ttlMs: 1e6, bytes: 100 });
    cache.get('a');
    cache.set('c', 'c', { ttlMs: 1e6, bytes: 150 });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('a');
    expect(cache.stats().bytes).toBeLessThanOrEqual(300);
    cache.set('huge', 'h', { ttlMs: 1e6, bytes: 301 });
    expect(cache.get('huge')).toBeUndefined();
  });

  it('runs one load for concurrent callers and caches its result, not its failure', async () => {
    const cache = new TtlCache<number>('t');
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const load = async () => {
      loads++;
      await gate;
      return 42;
    };
    const all = Promise.all(Array.from({ length: 5 }, () => cache.getOrLoad('k', { ttlMs: 1000 }, load)));
    release();
    expect(await all).toEqual([42, 42, 42, 42, 42]);
    expect(await cache.getOrLoad('k', { ttlMs: 1000 }, load)).toBe(42);
    expect(loads).toBe(1);
    expect(cache.stats()).toMatchObject({ misses: 1, coalesced: 4, hits: 1 });
    await expect(cache.getOrLoad('bad', { ttlMs: 1000 }, () => Promise.reject(new Error('nope')))).rejects.toThrow(
      'nope'
    );
    expect(await cache.getOrLoad('bad', { ttlMs: 1000 }, async () => 7)).toBe(7);
  });
});

describe('TtlCache byte budget', () => {
  it('never holds more than maxBytes however many values arrive, keeping the most recently used', () => {
    const cache = new TtlCache<string>('t', { maxBytes: 100_000 });
    for (let i = 0; i < 5000; i++) {
      cache.set(`k${i}`, 'x'.repeat(100 + (i % 400)), { ttlMs: 60_000 });
      if (i % 10 === 0) {
        cache.get('k0'); // k0 stays in use
      }
      expect(cache.stats().bytes).toBeLessThanOrEqual(100_000);
    }
    expect(cache.get('k0')).toBeDefined();
    expect(cache.get('k4999')).toBeDefined();
    expect(cache.get('k1')).toBeUndefined();
    // the bookkeeping equals the sum of what is held
    const held = Array.from({ length: 5000 }, (_, i) => cache.peek(`k${i}`)).filter(Boolean);
    expect(held.reduce((n, e) => n + e!.bytes, 0)).toBe(cache.stats().bytes);
    expect(held.length).toBe(cache.stats().entries);
  });

  it('counts what Maps, Sets and typed arrays hold (JSON alone would see {})', () => {
    const names = new Map(Array.from({ length: 1000 }, (_, i) => [`queue-${i}`, `Queue number ${i}`]));
    expect(estimateBytes(names)).toBeGreaterThan(2 * 1000 * 'queue-0Queue number 0'.length);
    expect(estimateBytes(new Set(['a'.repeat(5000)]))).toBeGreaterThan(10_000);
    expect(estimateBytes(new Float64Array(1000))).toBeGreaterThan(8000);
  });

  it('keeps expired entries for stale fallback within the budget, and drops them after staleMs', () => {
    let now = 0;
    const cache = new TtlCache<string>('t', { now: () => now, maxBytes: 1000 });
    cache.set('a', 'a', { ttlMs: 100, bytes: 400, staleMs: 1000 });
    now = 200;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.peek('a')?.value).toBe('a');
    expect(cache.stats().bytes).toBe(400);
    now = 1100;
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.stats().bytes).toBe(0);
  });
});

describe('TtlCache stale-while-revalidate', () => {
  it('serves the last value marked stale when the refresh fails, and throws without one', async () => {
    let now = 0;
    const cache = new TtlCache<number>('t', { now: () => now });
    const first = await cache.load('k', { ttlMs: 100, staleMs: 1000 }, async () => 1);
    expect(first).toEqual({ value: 1, storedAt: 0, stale: false });
    now = 500;
    const err = new Error('Throttling');
    const stale = await cache.load('k', { ttlMs: 100, staleMs: 1000 }, () => Promise.reject(err));
    expect(stale).toEqual({ value: 1, storedAt: 0, stale: true, reason: err, ageMs: 500 });
    await expect(cache.load('other', { ttlMs: 100, staleMs: 1000 }, () => Promise.reject(err))).rejects.toBe(err);
    // a successful refresh replaces it
    expect(await cache.load('k', { ttlMs: 100, staleMs: 1000 }, async () => 2)).toMatchObject({ value: 2 });
    expect(cache.stats()).toMatchObject({ stale: 1 });
  });

  it('after a failed refresh, serves the stale value without calling again for retryAfterFailureMs (at most the TTL)', async () => {
    let now = 0;
    let calls = 0;
    const cache = new TtlCache<number>('t', { now: () => now, retryAfterFailureMs: 300 });
    const opts = { ttlMs: 1000, staleMs: 60_000 };
    const failing = () => {
      calls++;
      return Promise.reject(new Error('throttled'));
    };
    await cache.load('k', opts, async () => 1);
    now = 1500;
    expect(await cache.load('k', opts, failing)).toMatchObject({ value: 1, stale: true });
    expect(calls).toBe(1);
    now = 1799;
    // Within the backoff: the failure stands in, with its reason; the loader is not called.
    const held = await cache.load('k', opts, failing);
    expect(held).toMatchObject({ value: 1, stale: true, ageMs: 1799 });
    expect((held.reason as Error).message).toBe('throttled');
    expect(calls).toBe(1);
    now = 1800;
    // After it, one retry; its success ends the backoff.
    expect(await cache.load('k', opts, async () => 2)).toMatchObject({ value: 2, stale: false });
    expect(cache.stats()).toMatchObject({ stale: 2 });
    // Capped at the TTL, so that recovery takes at most one lifetime.
    const short = new TtlCache<number>('t', { now: () => now, retryAfterFailureMs: 5000 });
    await short.load('k', { ttlMs: 100, staleMs: 60_000 }, async () => 1);
    now += 200;
    await short.load('k', { ttlMs: 100, staleMs: 60_000 }, failing);
    now += 100;
    expect(await short.load('k', { ttlMs: 100, staleMs: 60_000 }, async () => 3)).toMatchObject({ value: 3 });
    // A key without an old value is not held back: its callers get the error from a new try.
    await expect(cache.load('new', opts, failing)).rejects.toThrow('throttled');
    await expect(cache.load('new', opts, failing)).rejects.toThrow('throttled');
    expect(calls).toBe(4);
  });

  it('falls back on the latest entry of the same fallback group (the previous minute of a CloudWatch range)', async () => {
    let now = 0;
    const cache = new TtlCache<string>('t', { now: () => now });
    await cache.load('range-10:00', { ttlMs: 60, staleMs: 1000, fallbackGroup: 'f' }, async () => 'ten');
    now = 70;
    const out = await cache.load('range-10:01', { ttlMs: 60, staleMs: 1000, fallbackGroup: 'f' }, () =>
      Promise.reject(new Error('down'))
    );
    expect(out).toMatchObject({ value: 'ten', stale: true, storedAt: 0 });
    await expect(
      cache.load('range-10:01', { ttlMs: 60, staleMs: 1000, fallbackGroup: 'g' }, () =>
        Promise.reject(new Error('down'))
      )
    ).rejects.toThrow('down');
  });

  it('in passthrough runs every load and stores nothing', async () => {
    const cache = new TtlCache<number>('t', { passthrough: true });
    let loads = 0;
    await Promise.all(Array.from({ length: 3 }, () => cache.getOrLoad('k', { ttlMs: 1000 }, async () => ++loads)));
    expect(loads).toBe(3);
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });
});
