import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import {
  ConnectClient,
  GetCurrentMetricDataCommand,
  paginateGetMetricDataV2,
  type GetMetricDataV2CommandInput,
  type MetricResultV2,
} from '@aws-sdk/client-connect';
import { startTestSimulator, type TestSimulator } from '../support/simulator';

/*
 * The simulator's three views of the same simulated contacts, read through the real SDKs, checked against each
 * other: GetMetricDataV2 (contact records, counted per interval), CloudWatch AWS/Connect (per-minute counters and
 * 10-second gauge samples) and GetCurrentMetricData (the state at an instant). Every expected value is another
 * API's answer (or the same API asked another way), never the simulator's own functions: the three services compute
 * from the model's contact table by separate code (metricDataV2.ts; model/minuteStats.ts and cloudwatch/connect.ts;
 * model/realtime.ts), so a disagreement is a bug in one of them.
 *
 * The range: the 24 hours ending at the simulator's (frozen) now, 2026-11-18T17:00Z. The default scenario's day starts
 * at 03:00 local (UTC-5), 08:00Z, so the range covers parts of two simulated days: what is counted on either side of
 * the model's day boundary must still add up.
 */

const NOW = Date.parse('2026-11-18T17:00:00Z') / 1000;
const DAY = 86400;
const START = NOW - DAY;
const COUNTS = [
  'CONTACTS_CREATED',
  'CONTACTS_QUEUED',
  'CONTACTS_QUEUED_BY_ENQUEUE',
  'CONTACTS_HANDLED',
  'CONTACTS_ABANDONED',
] as const;
type Count = (typeof COUNTS)[number];

describe('simulator: GetMetricDataV2, CloudWatch and the real-time view agree on the same contacts', () => {
  let sim: TestSimulator;
  let connect: ConnectClient;
  let cw: CloudWatchClient;
  let instanceId: string;
  let arn: string;
  let queues: Array<{ id: string; name: string }>;

  beforeAll(async () => {
    sim = await startTestSimulator({ at: new Date(NOW * 1000).toISOString() });
    connect = new ConnectClient(sim.config());
    cw = new CloudWatchClient(sim.config());
    const inst = sim.context.world.instances[0];
    instanceId = inst.id;
    arn = inst.arn;
    queues = inst.queues.map((q) => ({ id: q.id, name: q.name }));
  });
  afterAll(async () => {
    connect.destroy();
    cw.destroy();
    await sim.close();
  });

  /** Every row of a GetMetricDataV2 query, all pages. */
  async function v2(input: Omit<GetMetricDataV2CommandInput, 'ResourceArn'>): Promise<MetricResultV2[]> {
    const rows: MetricResultV2[] = [];
    for await (const page of paginateGetMetricDataV2({ client: connect }, { ResourceArn: arn, ...input })) {
      rows.push(...(page.MetricResults ?? []));
    }
    return rows;
  }
  const allQueues = () => [{ FilterKey: 'QUEUE', FilterValues: queues.map((q) => q.id) }];
  const range = (from: number, to: number) => ({ StartTime: new Date(from * 1000), EndTime: new Date(to * 1000) });
  const valueOf = (r: MetricResultV2, name: string) => r.Collections?.find((c) => c.Metric?.Name === name)?.Value ?? 0;
  const sumOf = (rows: MetricResultV2[], name: string) => rows.reduce((s, r) => s + valueOf(r, name), 0);
  const counts = (rows: MetricResultV2[]) =>
    Object.fromEntries(COUNTS.map((n) => [n, sumOf(rows, n)])) as Record<Count, number>;
  const countMetrics = COUNTS.map((Name) => ({ Name }));

  /** Sums of one CloudWatch metric per `period` seconds over [from, to), by bucket start (seconds). */
  async function cloudWatchSums(metricName: string, group: string, from: number, to: number, period: number) {
    const query: MetricDataQuery = {
      Id: 'm',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Connect',
          MetricName: metricName,
          Dimensions: [
            { Name: 'InstanceId', Value: instanceId },
            { Name: 'MetricGroup', Value: group },
          ],
        },
        Period: period,
        Stat: 'Sum',
      },
    };
    const res = await cw.send(new GetMetricDataCommand({ MetricDataQueries: [query], ...range(from, to) }));
    const r = res.MetricDataResults![0];
    expect(r.StatusCode).toBe('Complete');
    return new Map(r.Timestamps!.map((t, i) => [t.getTime() / 1000, r.Values![i]]));
  }

  it('counts the same contacts whichever way the day is cut: one total, 96 quarter-hours, 24 requests, by queue, channel, routing profile and agent', async () => {
    const base = { ...range(START, NOW), Filters: allQueues(), Metrics: countMetrics };
    const total = counts(await v2({ ...base, Interval: { IntervalPeriod: 'TOTAL' } }));
    // A busy contact center: the comparisons below are between thousands of contacts, not zeros.
    expect(total.CONTACTS_HANDLED).toBeGreaterThan(1000);
    expect(total.CONTACTS_ABANDONED).toBeGreaterThan(0);

    const day = await v2({ ...base, Interval: { IntervalPeriod: 'DAY' } });
    expect(new Set(day.map((r) => r.MetricInterval?.StartTime?.getTime()))).toEqual(new Set([START * 1000]));
    expect(counts(day)).toEqual(total);

    const quarters = await v2({ ...base, Interval: { IntervalPeriod: 'FIFTEEN_MIN' }, Groupings: ['QUEUE'] });
    const starts = new Set(quarters.map((r) => r.MetricInterval!.StartTime!.getTime() / 1000));
    // Quarter-hours from START, 96 at most (a quiet one at night has no row).
    expect(starts.size).toBeGreaterThan(90);
    expect(starts.size).toBeLessThanOrEqual(96);
    expect([...starts].every((s) => s >= START && s < NOW && (s - START) % 900 === 0)).toBe(true);
    expect(counts(quarters)).toEqual(total);

    // 24 separate requests of one hour each: a contact counts in exactly one of them.
    const hours = await Promise.all(
      Array.from({ length: 24 }, (_, h) =>
        v2({ ...range(START + h * 3600, START + (h + 1) * 3600), Filters: allQueues(), Metrics: countMetrics })
      )
    );
    expect(counts(hours.flat())).toEqual(total);

    const byChannel = await v2({ ...base, Groupings: ['CHANNEL'] });
    expect(counts(byChannel)).toEqual(total);
    const byQueueAndChannel = await v2({ ...base, Groupings: ['QUEUE', 'CHANNEL'] });
    expect(counts(byQueueAndChannel)).toEqual(total);
    // One request per channel (a CHANNEL filter) adds up too, and each matches its row of the grouped answer.
    for (const channel of ['VOICE', 'CHAT', 'TASK', 'EMAIL']) {
      const filtered = counts(
        await v2({ ...base, Filters: [...allQueues(), { FilterKey: 'CHANNEL', FilterValues: [channel] }] })
      );
      const row = byChannel.find((r) => r.Dimensions?.CHANNEL === channel);
      expect(filtered).toEqual(row ? counts([row]) : Object.fromEntries(COUNTS.map((n) => [n, 0])));
    }
    // One request per queue (a one-value QUEUE filter).
    const perQueue = await Promise.all(
      queues.map((q) => v2({ ...base, Filters: [{ FilterKey: 'QUEUE', FilterValues: [q.id] }] }))
    );
    expect(counts(perQueue.flat())).toEqual(total);

    // Every handled contact was connected to an agent, so it has an agent and a routing profile: grouping by either
    // loses none. (Abandoned contacts have neither, so that does not hold for CONTACTS_QUEUED.)
    const handled = [{ Name: 'CONTACTS_HANDLED' }];
    expect(sumOf(await v2({ ...base, Metrics: handled, Groupings: ['ROUTING_PROFILE'] }), 'CONTACTS_HANDLED')).toBe(
      total.CONTACTS_HANDLED
    );
    expect(sumOf(await v2({ ...base, Metrics: handled, Groupings: ['AGENT'] }), 'CONTACTS_HANDLED')).toBe(
      total.CONTACTS_HANDLED
    );

    // ABANDONMENT_RATE is CONTACTS_ABANDONED / CONTACTS_QUEUED × 100 over the same records (rounded to 3 places).
    const rate = await v2({ ...base, Metrics: [{ Name: 'ABANDONMENT_RATE' }] });
    expect(valueOf(rate[0], 'ABANDONMENT_RATE')).toBeCloseTo(
      (100 * total.CONTACTS_ABANDONED) / total.CONTACTS_QUEUED,
      3
    );
  }, 60_000);

  it("counts as many voice calls and chats created per quarter-hour as CloudWatch's CallsPerInterval and SuccessfulChatsPerInterval", async () => {
    // CloudWatch's counters count a call or a chat when it reaches the instance and is let in: a voice call over the
    // calls-per-second limit is rejected (ThrottledCalls), one over the concurrent-calls quota too
    // (CallsBreachingConcurrencyQuota), a chat over its quota likewise (ChatsBreachingActiveChatQuota). A rejected
    // contact never becomes a contact record, so GetMetricDataV2's CONTACTS_CREATED ("contacts ... that were
    // generated during the specified time period", counted at creation) counts exactly the calls and chats those
    // counters count, in the same quarter-hour. A scheduled callback is a new contact (a new call) when it is dialled,
    // in both. Both are instance-wide: CONTACTS_CREATED filtered by every queue of the instance.
    const created = await v2({
      ...range(START, NOW),
      Interval: { IntervalPeriod: 'FIFTEEN_MIN' },
      Filters: allQueues(),
      Groupings: ['CHANNEL'],
      Metrics: [{ Name: 'CONTACTS_CREATED' }],
    });
    const createdBy = (channel: string) =>
      new Map(
        created
          .filter((r) => r.Dimensions?.CHANNEL === channel)
          .map((r) => [r.MetricInterval!.StartTime!.getTime() / 1000, valueOf(r, 'CONTACTS_CREATED')])
      );
    const withoutZeros = (m: Map<number, number>) => new Map([...m].filter(([, v]) => v !== 0));

    const calls = await cloudWatchSums('CallsPerInterval', 'VoiceCalls', START, NOW, 900);
    const chats = await cloudWatchSums('SuccessfulChatsPerInterval', 'Chats', START, NOW, 900);
    const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    expect(sum(calls)).toBeGreaterThan(1000);
    expect(sum(chats)).toBeGreaterThan(100);
    expect(withoutZeros(createdBy('VOICE'))).toEqual(withoutZeros(calls));
    expect(withoutZeros(createdBy('CHAT'))).toEqual(withoutZeros(chats));

    // The rejections were real in this day (else the rule above is not tested): calls over the rate limit or quota.
    const rejected =
      sum(await cloudWatchSums('ThrottledCalls', 'VoiceCalls', START, NOW, 3600)) +
      sum(await cloudWatchSums('CallsBreachingConcurrencyQuota', 'VoiceCalls', START, NOW, 3600));
    expect(rejected).toBeGreaterThan(0);
  });

  it("reads each queue's size at the six 10-second instants of a minute as CloudWatch's QueueSize samples of that minute", async () => {
    // QueueSize is sampled every 10 seconds, six samples a minute; the real-time view can be asked about those very
    // instants. So over one minute: the samples' count, sum, minimum and maximum are those of the six real-time reads.
    const minute = NOW - 30 * 60; // 11:30 local, a busy hour
    const stat = (q: { name: string }, i: number, Stat: string): MetricDataQuery => ({
      Id: `q${i}_${Stat.toLowerCase()}`,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Connect',
          MetricName: 'QueueSize',
          Dimensions: [
            { Name: 'InstanceId', Value: instanceId },
            { Name: 'MetricGroup', Value: 'Queue' },
            { Name: 'QueueName', Value: q.name },
          ],
        },
        Period: 60,
        Stat,
      },
    });
    const stats = ['SampleCount', 'Sum', 'Minimum', 'Maximum'];
    const longest = (q: { name: string }, i: number): MetricDataQuery => {
      const m = stat(q, i, 'Maximum');
      m.Id = `q${i}_longest`;
      m.MetricStat!.Metric!.MetricName = 'LongestQueueWaitTime';
      return m;
    };
    const res = await cw.send(
      new GetMetricDataCommand({
        MetricDataQueries: queues.flatMap((q, i) => [...stats.map((s) => stat(q, i, s)), longest(q, i)]),
        ...range(minute, minute + 60),
      })
    );
    const cwValue = (i: number, s: string) => {
      const r = res.MetricDataResults!.find((x) => x.Id === `q${i}_${s.toLowerCase()}`)!;
      expect(r.Timestamps).toEqual([new Date(minute * 1000)]);
      return r.Values![0];
    };

    const reads: number[][] = queues.map(() => []);
    const oldest: number[][] = queues.map(() => []);
    try {
      for (let tick = 0; tick < 6; tick++) {
        sim.clock.set((minute + 10 * tick) * 1000);
        const live = await connect.send(
          new GetCurrentMetricDataCommand({
            InstanceId: instanceId,
            Filters: { Queues: queues.map((q) => q.id) },
            Groupings: ['QUEUE'],
            CurrentMetrics: [
              { Name: 'CONTACTS_IN_QUEUE', Unit: 'COUNT' },
              { Name: 'OLDEST_CONTACT_AGE', Unit: 'SECONDS' },
            ],
          })
        );
        queues.forEach((q, i) => {
          const row = live.MetricResults!.find((r) => r.Dimensions?.Queue?.Id === q.id)!;
          reads[i].push(row.Collections![0].Value!);
          oldest[i].push(row.Collections![1].Value!);
        });
      }
    } finally {
      sim.clock.set(NOW * 1000);
    }
    expect(reads.flat().reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    queues.forEach((_, i) => {
      expect({
        SampleCount: cwValue(i, 'SampleCount'),
        Sum: cwValue(i, 'Sum'),
        Minimum: cwValue(i, 'Minimum'),
        Maximum: cwValue(i, 'Maximum'),
      }).toEqual({
        SampleCount: 6,
        Sum: reads[i].reduce((a, b) => a + b, 0),
        Minimum: Math.min(...reads[i]),
        Maximum: Math.max(...reads[i]),
      });
      // LongestQueueWaitTime is the longest wait seen during the minute (whole seconds): at least the age of the
      // oldest contact waiting at any of the six instants (OLDEST_CONTACT_AGE, whole seconds with a grouping).
      const r = res.MetricDataResults!.find((x) => x.Id === `q${i}_longest`)!;
      expect(r.Values![0]).toBeGreaterThanOrEqual(Math.max(...oldest[i]));
    });
    expect(oldest.flat().some((age) => age > 0)).toBe(true);
  });

  it('finds every contact waiting now among the contacts GetMetricDataV2 saw enqueued since the oldest of them', async () => {
    // No exact equality ties the real-time view to GetMetricDataV2: a contact record counts when the contact
    // disconnects (CONTACTS_QUEUED, _HANDLED, _ABANDONED), and no historical metric counts contacts leaving a queue at
    // the moment they leave. One relation is exact though: OLDEST_CONTACT_AGE is measured from the first enqueue of
    // the oldest contact waiting, so every contact waiting now was first enqueued within that age, and
    // CONTACTS_QUEUED_BY_ENQUEUE (counted at the first enqueue) over [now - age, now) counts at least that many.
    // With a queue grouping the age is whole seconds (rounded down), hence the extra second.
    const live = await connect.send(
      new GetCurrentMetricDataCommand({
        InstanceId: instanceId,
        Filters: { Queues: queues.map((q) => q.id) },
        Groupings: ['QUEUE'],
        CurrentMetrics: [
          { Name: 'CONTACTS_IN_QUEUE', Unit: 'COUNT' },
          { Name: 'OLDEST_CONTACT_AGE', Unit: 'SECONDS' },
        ],
      })
    );
    let waiting = 0;
    for (const q of queues) {
      const row = live.MetricResults!.find((r) => r.Dimensions?.Queue?.Id === q.id)!;
      const inQueue = row.Collections!.find((c) => c.Metric?.Name === 'CONTACTS_IN_QUEUE')!.Value!;
      const age = row.Collections!.find((c) => c.Metric?.Name === 'OLDEST_CONTACT_AGE')!.Value!;
      if (inQueue === 0) {
        continue;
      }
      waiting += inQueue;
      const enqueued = sumOf(
        await v2({
          ...range(NOW - age - 1, NOW),
          Filters: [{ FilterKey: 'QUEUE', FilterValues: [q.id] }],
          Metrics: [{ Name: 'CONTACTS_QUEUED_BY_ENQUEUE' }],
        }),
        'CONTACTS_QUEUED_BY_ENQUEUE'
      );
      expect({ queue: q.name, enqueued: enqueued >= inQueue }).toEqual({ queue: q.name, enqueued: true });
    }
    expect(waiting).toBeGreaterThan(0);
  });
});
