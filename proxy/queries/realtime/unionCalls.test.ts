import type { RealtimeMetricName } from '../../../src/connect/realtimeMetrics';
import { TtlCache } from '../../upstream/cache';
import { UnionCalls, type UnionAnswer } from './unionCalls';

/** Union calls with a fake Connect: records each call's metrics and answers with them. */
function setup(options: { passthrough?: boolean; accepts?: (m: RealtimeMetricName[]) => boolean } = {}) {
  let now = 1_000_000;
  const cache = new TtlCache<UnionAnswer<string>>('realtime', { now: () => now, passthrough: options.passthrough });
  const unionCalls = new UnionCalls<string>(cache, { windowMs: 5, rememberMs: 60_000, now: () => now });
  const calls: Array<{ unionKey: string; metrics: RealtimeMetricName[] }> = [];
  let fail: Error | undefined;
  let delayMs = 0;
  const get = (unionKey: string, metrics: RealtimeMetricName[], extra: { slowMs?: number } = {}) =>
    unionCalls.get(
      unionKey,
      metrics,
      { ttlMs: 5000, staleMs: 60_000, slowMs: extra.slowMs ?? 0, accepts: options.accepts ?? (() => true) },
      async (m) => {
        calls.push({ unionKey, metrics: m });
        if (delayMs) {
          await new Promise((r) => setTimeout(r, delayMs));
        }
        if (fail) {
          throw fail;
        }
        return `${unionKey}:${m.join(',')}@${now}`;
      }
    );
  return {
    cache,
    unionCalls,
    calls,
    get,
    advance: (ms: number) => (now += ms),
    failWith: (e: Error | undefined) => (fail = e),
    delay: (ms: number) => (delayMs = ms),
  };
}

describe('UnionCalls', () => {
  it('merges calls of one unionKey arriving within the window into one call with the union of metrics', async () => {
    const t = setup();
    const [a, b, c] = await Promise.all([
      t.get('s', ['CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE']),
      t.get('s', ['AGENTS_ONLINE']),
      t.get('s', ['OLDEST_CONTACT_AGE']),
    ]);
    expect(t.calls).toEqual([{ unionKey: 's', metrics: ['AGENTS_ONLINE', 'CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE'] }]);
    // everybody gets the same answer, with the metrics it holds, in catalogue order
    for (const r of [a, b, c]) {
      expect(r.value.metrics).toEqual(['AGENTS_ONLINE', 'CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE']);
      expect(r.stale).toBe(false);
    }
    expect(t.cache.stats()).toMatchObject({ misses: 1, coalesced: 2, hits: 0 });
  });

  it('keeps shapes apart: other filters or groupings are other calls', async () => {
    const t = setup();
    await Promise.all([t.get('queues-by-queue', ['AGENTS_ONLINE']), t.get('queues-total', ['AGENTS_ONLINE'])]);
    expect(t.calls.map((c) => c.unionKey).sort()).toEqual(['queues-by-queue', 'queues-total']);
  });

  it('remembers the metrics of a unionKey so that later refreshes need one call for every panel', async () => {
    const t = setup();
    await t.get('s', ['CONTACTS_IN_QUEUE']);
    // another panel, later (outside the window), with other metrics: one call with the union
    t.advance(1000);
    await t.get('s', ['AGENTS_ONLINE']);
    expect(t.calls.map((c) => c.metrics)).toEqual([['CONTACTS_IN_QUEUE'], ['AGENTS_ONLINE', 'CONTACTS_IN_QUEUE']]);
    // both panels now read the cached union
    await t.get('s', ['CONTACTS_IN_QUEUE']);
    await t.get('s', ['AGENTS_ONLINE']);
    expect(t.calls).toHaveLength(2);
    // after the lifetime, the first panel's refresh fetches the union for both
    t.advance(5000);
    await t.get('s', ['CONTACTS_IN_QUEUE']);
    await t.get('s', ['AGENTS_ONLINE']);
    expect(t.calls.map((c) => c.metrics)).toEqual([
      ['CONTACTS_IN_QUEUE'],
      ['AGENTS_ONLINE', 'CONTACTS_IN_QUEUE'],
      ['AGENTS_ONLINE', 'CONTACTS_IN_QUEUE'],
    ]);
    // a metric nobody asked for in rememberMs leaves the union
    t.advance(61_000);
    await t.get('s', ['AGENTS_ONLINE']);
    expect(t.calls[3].metrics).toEqual(['AGENTS_ONLINE']);
  });

  it('does not merge metrics Connect would refuse together', async () => {
    const t = setup({ accepts: (m) => !(m.includes('ESTIMATED_WAIT_TIME') && m.includes('AGENTS_ONLINE')) });
    await Promise.all([t.get('s', ['ESTIMATED_WAIT_TIME']), t.get('s', ['AGENTS_ONLINE'])]);
    expect(t.calls.map((c) => c.metrics)).toEqual([['ESTIMATED_WAIT_TIME'], ['AGENTS_ONLINE']]);
  });

  it('serves the last answer, marked stale with the reason, when the refresh fails; fails without one', async () => {
    const t = setup();
    const fresh = await t.get('s', ['AGENTS_ONLINE']);
    t.advance(6000);
    const throttled = new Error('GetCurrentMetricData was throttled');
    t.failWith(throttled);
    const stale = await t.get('s', ['AGENTS_ONLINE']);
    expect(stale).toMatchObject({ stale: true, reason: throttled, storedAt: fresh.storedAt, ageMs: 6000 });
    expect(stale.value).toEqual(fresh.value);
    // an answer that lacks the metric cannot stand in for it
    await expect(t.get('s', ['CONTACTS_IN_QUEUE'])).rejects.toThrow('throttled');
    // nor one older than staleMs past its lifetime
    t.advance(60_000);
    await expect(t.get('s', ['AGENTS_ONLINE'])).rejects.toThrow('throttled');
    expect(t.cache.stats().stale).toBe(1);
  });

  it('answers with the last answer when a refresh is slow, and the refresh still fills the cache', async () => {
    const t = setup();
    await t.get('s', ['AGENTS_ONLINE']);
    t.advance(6000);
    t.delay(80);
    const slow = await t.get('s', ['AGENTS_ONLINE'], { slowMs: 20 });
    expect(slow).toMatchObject({ stale: true, reason: 'slow' });
    await new Promise((r) => setTimeout(r, 120));
    const after = await t.get('s', ['AGENTS_ONLINE']);
    expect(after.stale).toBe(false);
    expect(after.value.result).toMatch(/@1006000$/);
    expect(t.calls).toHaveLength(2);
  });

  it('in passthrough calls Connect for every panel with its own metrics', async () => {
    const t = setup({ passthrough: true });
    await Promise.all([t.get('s', ['AGENTS_ONLINE']), t.get('s', ['AGENTS_ONLINE']), t.get('s', ['SLOTS_ACTIVE'])]);
    expect(t.calls.map((c) => c.metrics)).toEqual([['AGENTS_ONLINE'], ['AGENTS_ONLINE'], ['SLOTS_ACTIVE']]);
    expect(t.cache.stats()).toMatchObject({ entries: 0, hits: 0 });
  });
});
