import { TtlCache } from './cache';

describe('TtlCache', () => {
  it('returns values until they expire', () => {
    let now = 0;
    const cache = new TtlCache<string>('t', { now: () => now });
    cache.set('a', 'x', 1000);
    expect(cache.get('a')).toBe('x');
    now = 999;
    expect(cache.get('a')).toBe('x');
    now = 1000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('stays within its byte budget, dropping the least recently used', () => {
    const cache = new TtlCache<string>('t', { maxBytes: 300 });
    cache.set('a', 'a', 1e6, 100);
    cache.set('b', 'b', 1e6, 100);
    cache.get('a');
    cache.set('c', 'c', 1e6, 150);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('a');
    expect(cache.stats().bytes).toBeLessThanOrEqual(300);
    cache.set('huge', 'h', 1e6, 301);
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
    const all = Promise.all(Array.from({ length: 5 }, () => cache.getOrLoad('k', 1000, load)));
    release();
    expect(await all).toEqual([42, 42, 42, 42, 42]);
    expect(await cache.getOrLoad('k', 1000, load)).toBe(42);
    expect(loads).toBe(1);
    expect(cache.stats()).toMatchObject({ misses: 1, coalesced: 4, hits: 1 });
    await expect(cache.getOrLoad('bad', 1000, () => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
    expect(await cache.getOrLoad('bad', 1000, async () => 7)).toBe(7);
  });
});
