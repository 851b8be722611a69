import { Delays, FaultInjector, MAX_LATENCY_MS } from './faults';

const kinds = (injector: FaultInjector, n: number, op = 'ListDomains') =>
  Array.from({ length: n }, () => injector.decide('voiceid', op).kind);

describe('FaultInjector', () => {
  it('without faults every call is clean', () => {
    expect(new FaultInjector(1).decide('connect', 'X')).toEqual({ kind: 'none', latencyMs: 0 });
  });

  it('is deterministic for a seed and call sequence, and differs between seeds', () => {
    const table = { ListDomains: { throttleRate: 0.3, errorRate: 0.2, malformedRate: 0.1 } };
    const a = kinds(new FaultInjector(7, table), 200);
    expect(kinds(new FaultInjector(7, table), 200)).toEqual(a);
    expect(kinds(new FaultInjector(8, table), 200)).not.toEqual(a);
  });

  it('hits each rate as a share of calls', () => {
    const injector = new FaultInjector(3, {
      ListDomains: { throttleRate: 0.25, errorRate: 0.25, malformedRate: 0.25 },
    });
    const counts = kinds(injector, 4000).reduce<Record<string, number>>(
      (acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }),
      {}
    );
    for (const kind of ['throttle', 'error', 'malformed', 'none']) {
      expect(counts[kind] / 4000).toBeGreaterThan(0.22);
      expect(counts[kind] / 4000).toBeLessThan(0.28);
    }
  });

  it('rate 1 always fires; rate 0 never', () => {
    expect(new Set(kinds(new FaultInjector(1, { '*': { errorRate: 1 } }), 50))).toEqual(new Set(['error']));
    expect(new Set(kinds(new FaultInjector(1, { '*': { errorRate: 0 } }), 50))).toEqual(new Set(['none']));
  });

  it('merges "*", the operation and "service:Operation" field by field', () => {
    const injector = new FaultInjector(1, {
      '*': { latencyMs: 100, errorRate: 0.5 },
      ListDomains: { errorRate: 0 },
      'voiceid:ListDomains': { malformedRate: 1 },
    });
    expect(injector.faultFor('voiceid', 'ListDomains')).toEqual({ latencyMs: 100, errorRate: 0, malformedRate: 1 });
    expect(injector.faultFor('connect', 'ListQueues')).toEqual({ latencyMs: 100, errorRate: 0.5 });
    expect(injector.decide('voiceid', 'ListDomains')).toEqual({ kind: 'malformed', latencyMs: 100 });
  });

  it('setting the table restarts the sequence', () => {
    const table = { ListDomains: { throttleRate: 0.5 } };
    const injector = new FaultInjector(5, table);
    const first = kinds(injector, 30);
    injector.set(table);
    expect(kinds(injector, 30)).toEqual(first);
    injector.clear();
    expect(injector.table()).toEqual({});
  });

  it('clamps latency', () => {
    expect(new FaultInjector(1, { X: { latencyMs: 1e12 } }).decide('connect', 'X').latencyMs).toBe(MAX_LATENCY_MS);
  });
});

describe('Delays', () => {
  it('waits, and cancelAll releases every pending wait at once', async () => {
    const delays = new Delays();
    const started = Date.now();
    await delays.wait(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    const long = delays.wait(60_000);
    expect(delays.size).toBe(1);
    delays.cancelAll();
    await long;
    expect(delays.size).toBe(0);
    await delays.wait(0);
  });
});
