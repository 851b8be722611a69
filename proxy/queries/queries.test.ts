import type { RealtimeQuery } from '../../src/connect/proxyApi';
import { writtenIds } from '../../src/connect/mathReferences';
import { batchQueries, cloudWatchTtlMs } from './metricData';
import { autoPeriod, checkPeriod, retentionMinimum } from './period';
import { combineRows } from './realtime/combine';
import { planRealtime } from './realtime/plan';
import { quotaIds, summarise } from './quota';
import { renderLabel, checkStatistic } from './cloudwatch';
import { parseRange } from './common';
import { QueryError } from '../errors';
import { validateQuery } from './validate';

const rt = (over: Partial<RealtimeQuery>): RealtimeQuery => ({
  refId: 'A',
  queryType: 'realtime',
  instanceId: 'i',
  filters: { queues: ['q1'] },
  groupings: ['QUEUE'],
  metrics: ['AGENTS_ONLINE'],
  ...over,
});
const ids = (n: number, p = 'q') => Array.from({ length: n }, (_, i) => `${p}${i}`);

describe('planRealtime', () => {
  it('keeps up to 100 queues in one call and splits larger sets', () => {
    expect(planRealtime(rt({ filters: { queues: ids(100) } })).calls).toHaveLength(1);
    const plan = planRealtime(rt({ filters: { queues: ids(250) } }));
    expect(plan.calls.map((c) => c.filters.Queues!.length)).toEqual([100, 100, 50]);
    expect(plan.combine).toBe('concat');
    expect(
      planRealtime(rt({ filters: { routingProfiles: ids(101, 'r') }, groupings: ['ROUTING_PROFILE'] })).calls
    ).toHaveLength(2);
  });

  it('merges each metric by its rule for the split (facts register: merge semantics of split calls)', () => {
    // Split over queues: contacts add up, the oldest is the maximum, agents overlap.
    const byQueue = planRealtime(
      rt({ filters: { queues: ids(150) }, groupings: [], metrics: ['CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE'] })
    );
    expect([byQueue.combine, byQueue.rules]).toEqual(['merge', ['sum', 'max']]);
    // ...but each call grouped by routing profile counts each profile's agents once, and the profiles add up.
    const agents = planRealtime(
      rt({ filters: { queues: ids(150) }, groupings: [], metrics: ['CONTACTS_IN_QUEUE', 'AGENTS_ONLINE'] })
    );
    expect(agents.calls.map((c) => [c.metrics, c.groupings, c.dedupeBy ?? null, c.filters.Queues!.length])).toEqual([
      [['CONTACTS_IN_QUEUE'], [], null, 100],
      [['CONTACTS_IN_QUEUE'], [], null, 50],
      [['AGENTS_ONLINE'], ['ROUTING_PROFILE'], 'ROUTING_PROFILE', 100],
      [['AGENTS_ONLINE'], ['ROUTING_PROFILE'], 'ROUTING_PROFILE', 50],
    ]);
    expect(agents.rules).toEqual(['sum', 'sum']);
    // ...unless each row is one routing profile: every call then reports the profile's own agents.
    expect(
      planRealtime(rt({ filters: { queues: ids(150) }, groupings: ['ROUTING_PROFILE'], metrics: ['AGENTS_ONLINE'] }))
        .rules
    ).toEqual(['same']);
    // Split over routing profiles: agents add up; a queue row is the queue's own contacts in every call.
    const byProfile = planRealtime(
      rt({
        filters: { routingProfiles: ids(150, 'r') },
        groupings: ['QUEUE'],
        metrics: ['AGENTS_ONLINE', 'SLOTS_ACTIVE', 'CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE'],
      })
    );
    expect(byProfile.rules).toEqual(['sum', 'sum', 'same', 'max']);
    // contacts over a routing-profile split: each call grouped by queue as well, each queue counted once
    const contacts = planRealtime(
      rt({ filters: { routingProfiles: ids(150, 'r') }, groupings: ['CHANNEL'], metrics: ['CONTACTS_IN_QUEUE'] })
    );
    expect(contacts.calls.map((c) => [c.groupings, c.dedupeBy])).toEqual([
      [['CHANNEL', 'QUEUE'], 'QUEUE'],
      [['CHANNEL', 'QUEUE'], 'QUEUE'],
    ]);
  });

  it('refuses what Connect refuses, with the shared messages', () => {
    expect(() => planRealtime(rt({ filters: { queues: ['q'], routingProfiles: ['r'] } }))).toThrow(
      'filters: queues and routing profiles cannot be used as filters together'
    );
    expect(() => planRealtime(rt({ groupings: ['CHANNEL', 'CHANNEL'] }))).toThrow(
      'groupings: CHANNEL is listed more than once'
    );
  });

  it('fetches the sort metric even when the table does not show it', () => {
    const plan = planRealtime(
      rt({ metrics: ['CONTACTS_IN_QUEUE'], sort: { metric: 'OLDEST_CONTACT_AGE', order: 'DESCENDING' } })
    );
    expect(plan.metrics).toEqual(['CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE']);
  });
});

/** `n` plain calls fetching `metrics` (what combineRows reads of a plan's calls). */
const callsOf = (n: number, metrics: RealtimeQuery['metrics']) =>
  Array.from({ length: n }, () => ({ filters: {}, groupings: [], metrics }));

describe('combineRows', () => {
  it('adds contacts and keeps the oldest age across calls, nulls ignored', () => {
    const metrics: RealtimeQuery['metrics'] = ['CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE', 'AGENTS_ONLINE'];
    const plan = {
      calls: callsOf(3, metrics),
      metrics,
      combine: 'merge' as const,
      rules: ['sum', 'max', 'same'] as const,
    };
    const rows = combineRows({ ...plan, rules: [...plan.rules] }, [
      [{ dims: {}, values: [3, 40, 7] }],
      [{ dims: {}, values: [2, 95, 7] }],
      [{ dims: {}, values: [null, null, null] }],
    ]);
    expect(rows).toEqual([{ dims: {}, values: [5, 95, 7] }]);
  });

  it('counts each owner once across calls that add a grouping, then adds the owners up', () => {
    const plan = planRealtime(
      rt({ filters: { queues: ids(150) }, groupings: ['CHANNEL'], metrics: ['CONTACTS_IN_QUEUE', 'AGENTS_ONLINE'] })
    );
    const voice = { Channel: 'VOICE' as const };
    const rp = (id: string) => ({ ...voice, RoutingProfile: { Id: id } });
    const rows = combineRows(plan, [
      [{ dims: voice, values: [3] }],
      [{ dims: voice, values: [2] }],
      // profile r1 serves queues of both calls: 10 agents, once; r2 only the first call's: 4
      [
        { dims: rp('r1'), values: [10] },
        { dims: rp('r2'), values: [4] },
      ],
      [{ dims: rp('r1'), values: [10] }],
    ]);
    expect(rows).toEqual([{ dims: voice, values: [5, 14] }]);
  });

  it('keeps rows of different keys apart and concatenates a plan without rules', () => {
    const q1 = { Queue: { Id: 'q1' } };
    const q2 = { Queue: { Id: 'q2' } };
    const rows = combineRows(
      { calls: callsOf(2, ['AGENTS_ONLINE']), metrics: ['AGENTS_ONLINE'], combine: 'merge', rules: ['sum'] },
      [
        [{ dims: q1, values: [1] }],
        [
          { dims: q1, values: [2] },
          { dims: q2, values: [5] },
        ],
      ]
    );
    expect(rows).toEqual([
      { dims: q1, values: [3] },
      { dims: q2, values: [5] },
    ]);
    expect(
      combineRows({ calls: callsOf(2, ['AGENTS_ONLINE']), metrics: ['AGENTS_ONLINE'], combine: 'concat' }, [
        [{ dims: q1, values: [1] }],
        [],
      ])
    ).toHaveLength(1);
  });
});

describe('CloudWatch planning', () => {
  it('finds the ids an expression reads', () => {
    expect(writtenIds('a + b_2 * 3 / max(c)')).toEqual(['a', 'b_2', 'max', 'c']);
    expect(writtenIds('"a" + b')).toEqual(['b']);
  });

  it('batches 500 queries per call, an expression with its inputs', () => {
    const metric = (Id: string) => ({ Id, MetricStat: { Metric: {}, Period: 60, Stat: 'Sum' } });
    const queries = [...ids(499, 'm').map(metric), { Id: 'e', Expression: 'm0 + x' }, metric('x'), metric('y')];
    const batches = batchQueries(queries);
    expect(batches.map((b) => b.length)).toEqual([500, 2]);
    expect(batches.flat()).toHaveLength(queries.length);
    const withE = batches.find((b) => b.some((q) => q.Id === 'e'))!;
    expect(withE.map((q) => q.Id)).toEqual(expect.arrayContaining(['m0', 'x', 'e']));
    expect(batchQueries(ids(1200, 'm').map(metric)).map((b) => b.length)).toEqual([500, 500, 200]);
    // METRICS('x') reads every metric query whose id contains x: they travel together (fact: cloudwatch-metric-math)
    const tasks = [
      ...ids(499, 'pad').map(metric),
      metric('expired_0'),
      metric('expired_1'),
      { Id: 't', Expression: "SUM(METRICS('expired'))" },
    ];
    const withT = batchQueries(tasks).find((b) => b.some((q) => q.Id === 't'))!;
    expect(withT.map((q) => q.Id)).toEqual(expect.arrayContaining(['expired_0', 'expired_1', 't']));
  });

  // fact: cloudwatch-periods
  it('chooses periods within CloudWatch rules', () => {
    expect(autoPeriod(3600, 1000, 3600)).toBe(60);
    expect(autoPeriod(86400, 100, 86400)).toBe(900);
    expect(autoPeriod(3600, 1000, 20 * 86400)).toBe(300); // 15-63 days old: 5 minutes at least
    expect(autoPeriod(3600, 1000, 70 * 86400)).toBe(3600);
    expect(autoPeriod(1800, 1000, 1800, 10)).toBe(10); // high-resolution data while it exists
    expect(autoPeriod(1800, 1000, 1800)).toBe(60); // a one-minute metric is never finer than a minute
    expect(retentionMinimum(10)).toBe(1);
    expect(retentionMinimum(5 * 3600)).toBe(60);
    expect(checkPeriod(300)).toBe(300);
    expect(checkPeriod(10)).toBe(10);
    expect(() => checkPeriod(90)).toThrow('period: must be 1, 5, 10, 20, 30 or a multiple of 60 seconds (got 90)');
  });

  it('checks statistics and renders labels', () => {
    expect(checkStatistic('p99')).toBe('p99');
    expect(checkStatistic(undefined)).toBe('Average');
    expect(() => checkStatistic('Median')).toThrow(QueryError);
    const q = { refId: 'A', queryType: 'cloudwatch' as const, namespace: 'AWS/Connect', metricName: 'QueueSize' };
    expect(
      renderLabel('${QueueName} ${METRIC} ${STAT} ${PERIOD} ${Missing}', q, 'Maximum', 60, { QueueName: 'VIP' })
    ).toBe('VIP QueueSize Maximum 60 ${Missing}');
  });

  it('caches ranges that reach now until the next minute, past ranges longer', () => {
    expect(cloudWatchTtlMs(60_000 * 100, 60_000 * 100 + 10_000)).toBe(55_000);
    expect(cloudWatchTtlMs(0, 3600_000)).toBe(600_000);
  });
});

describe('quota summary (fact: quota-derivation)', () => {
  const series = (id: string, values: number[]) => ({ id, timestamps: values.map((_, i) => i * 60_000), values });
  const data = (channel: string, inUse: number[], pct: number[], group = 0) => {
    const ids = quotaIds('Q', channel as 'VOICE');
    return new Map([
      [ids.inUse(group), series(ids.inUse(group), inUse)],
      [ids.pct(group), series(ids.pct(group), pct)],
    ]);
  };
  it('says now and peak apart: the last period is now, the busiest is the peak', () => {
    // 100 calls of quota: 30 at 0.3 (peak), then 10 at 0.1 (now).
    const r = summarise('VOICE', data('VOICE', [20, 30, 10], [0.2, 0.3, 0.1]), 'Q')!;
    expect(r).toMatchObject({
      quota: 100,
      quotaPrecision: 0,
      inUse: 10,
      usedPercent: 10,
      headroom: 90,
      peakInUse: 30,
      peakUsedPercent: 30,
      peakHeadroom: 70,
    });
  });

  it('reads tasks in percent (20 at 50 is a quota of 40), and emails under either MetricGroup spelling', () => {
    expect(summarise('TASK', data('TASK', [20], [50]), 'Q')).toMatchObject({ quota: 40, usedPercent: 50 });
    expect(summarise('EMAIL', data('EMAIL', [20], [50], 1), 'Q')).toMatchObject({ quota: 40 });
  });

  it('without a quota, says why and shows the share AWS published', () => {
    const r = summarise('CHAT', data('CHAT', [0, 0], [0, 0]), 'Q')!;
    expect(r.quota).toBeNull();
    expect(r.quotaProblem).toMatch(/nothing was in use/);
    expect(summarise('CHAT', data('CHAT', [2], [0]), 'Q')).toMatchObject({ quota: null, usedPercent: 0 });
    expect(summarise('VOICE', new Map(), 'Q')).toBeUndefined();
  });
});

describe('request validation', () => {
  it('names each broken field and its rule', () => {
    expect(() =>
      validateQuery({
        refId: 'A',
        queryType: 'realtime',
        instanceId: 'i',
        filters: {},
        groupings: ['NOPE'],
        metrics: [],
      })
    ).toThrow(/groupings\[0\]: must be one of QUEUE.*; metrics: expected array length >= 1|metrics/);
    expect(() =>
      validateQuery({
        refId: 'A',
        queryType: 'realtime',
        instanceId: 'i',
        filters: { teams: [] },
        groupings: [],
        metrics: ['AGENTS_ONLINE'],
      })
    ).toThrow(/filters\.teams/);
    expect(() => validateQuery({ refId: 'A', queryType: 'cloudwatch', period: -5 })).toThrow(/period/);
    expect(validateQuery({ refId: 'A', queryType: 'quota', instanceId: 'i' })).toMatchObject({ queryType: 'quota' });
  });

  it('reads ISO and epoch-millisecond ranges and refuses backwards ones', () => {
    expect(
      parseRange({
        range: { from: '2026-11-18T10:00:00Z', to: '1795010400000' },
        queries: [{ refId: 'A', queryType: 'quota' }],
      }).fromMs
    ).toBe(Date.parse('2026-11-18T10:00:00Z'));
    expect(() =>
      parseRange({ range: { from: 'yesterday', to: 'now' }, queries: [{ refId: 'A', queryType: 'quota' }] })
    ).toThrow('range.from: must be an ISO-8601 time or epoch milliseconds (got "yesterday")');
    expect(() =>
      parseRange({
        range: { from: '2026-11-18T10:00:00Z', to: '2026-11-18T09:00:00Z' },
        queries: [{ refId: 'A', queryType: 'quota' }],
      })
    ).toThrow('range: "to" must be after "from"');
  });
});
