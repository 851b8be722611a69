import type { HistoricalQuery } from '../../../src/connect/proxyApi';
import { planHistorical } from './plan';

/** The GetMetricDataV2 calls of a historical query (fact: gmdv2-request-rules); expected calls written out. */

const NOW = Date.parse('2026-11-18T17:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const query = (over: Partial<HistoricalQuery> = {}): HistoricalQuery => ({
  refId: 'A',
  queryType: 'historical',
  instanceId: 'i-1',
  filters: { queues: ['q1', 'q2'], channels: ['VOICE'] },
  groupings: ['QUEUE'],
  metrics: [{ name: 'SERVICE_LEVEL', threshold: { comparison: 'LT', seconds: 20 } }, { name: 'CONTACTS_HANDLED' }],
  interval: 'FIFTEEN_MIN',
  ...over,
});
const range = (fromMs: number, toMs: number, maxDataPoints = 1000) => ({ fromMs, toMs, maxDataPoints });

describe('planHistorical', () => {
  it("today at 15 minutes: one call with Connect's members", () => {
    const plan = planHistorical(query({ timeZone: 'Europe/Berlin' }), range(NOW - 17 * HOUR, NOW), NOW);
    expect(plan.interval).toBe('FIFTEEN_MIN');
    expect(plan.calls).toEqual([
      {
        StartTime: new Date('2026-11-18T00:00:00Z'),
        EndTime: new Date('2026-11-18T17:00:00Z'),
        Interval: { IntervalPeriod: 'FIFTEEN_MIN', TimeZone: 'Europe/Berlin' },
        Filters: [
          { FilterKey: 'QUEUE', FilterValues: ['q1', 'q2'] },
          { FilterKey: 'CHANNEL', FilterValues: ['VOICE'] },
        ],
        Groupings: ['QUEUE'],
        Metrics: [
          { Name: 'SERVICE_LEVEL', Threshold: [{ Comparison: 'LT', ThresholdValue: 20 }] },
          { Name: 'CONTACTS_HANDLED' },
        ],
      },
    ]);
    expect(plan.notices).toEqual([]);
  });

  it('7 days at 15 minutes: three calls shorter than 3 days, back to back', () => {
    const plan = planHistorical(query(), range(NOW - 7 * DAY, NOW), NOW);
    expect(plan.calls.map((c) => [c.StartTime!.toISOString(), c.EndTime!.toISOString()])).toEqual([
      ['2026-11-11T17:00:00.000Z', '2026-11-14T16:45:00.000Z'],
      ['2026-11-14T16:45:00.000Z', '2026-11-17T16:30:00.000Z'],
      ['2026-11-17T16:30:00.000Z', '2026-11-18T17:00:00.000Z'],
    ]);
  });

  it('160 queues grouped by queue: two calls of 100 and 60, the channel filter in both', () => {
    const queues = Array.from({ length: 160 }, (_, i) => `q${i}`);
    const plan = planHistorical(
      query({ filters: { queues, channels: ['VOICE', 'CHAT'] } }),
      range(NOW - HOUR, NOW),
      NOW
    );
    expect(plan.calls.map((c) => c.Filters!.map((f) => `${f.FilterKey}:${f.FilterValues!.length}`))).toEqual([
      ['CHANNEL:2', 'QUEUE:100'],
      ['CHANNEL:2', 'QUEUE:60'],
    ]);
  });

  it("whole minutes: viewers asking at different instants of a minute get the same call (the cache's key)", () => {
    const at = (ms: number) => planHistorical(query(), range(Date.parse('2026-11-18T00:00:00Z'), ms), ms).calls;
    const first = at(NOW + 1_234);
    expect(first[0].EndTime).toEqual(new Date(NOW));
    expect(at(NOW + 59_999)).toEqual(first);
    expect(at(NOW + 60_000)[0].EndTime).toEqual(new Date(NOW + 60_000));
    // A relative range (now-3h) starts at each viewer's own instant too.
    const relative = (ms: number) => planHistorical(query(), range(ms - 3 * HOUR, ms), ms).calls;
    expect(relative(NOW + 7_000)).toEqual(relative(NOW + 42_000));
    expect(relative(NOW + 7_000)[0].StartTime).toEqual(new Date(NOW - 3 * HOUR));
    // A range shorter than a minute is left as it is.
    expect(planHistorical(query(), range(NOW + 1_000, NOW + 30_000), NOW + 30_000).calls[0].StartTime).toEqual(
      new Date(NOW + 1_000)
    );
  });

  it('auto interval from the width; an end ahead of now is brought back; older than 3 months starts at the retention', () => {
    expect(planHistorical(query({ interval: 'auto' }), range(NOW - 17 * HOUR, NOW, 40), NOW).interval).toBe(
      'THIRTY_MIN'
    );
    const ahead = planHistorical(query(), range(NOW - HOUR, NOW + 5 * 60_000), NOW);
    expect(ahead.calls[0].EndTime).toEqual(new Date(NOW));
    const old = planHistorical(query({ interval: 'WEEK' }), range(NOW - 120 * DAY, NOW - 60 * DAY), NOW);
    expect(old.calls[0].StartTime).toEqual(new Date('2026-08-18T17:00:00Z'));
    expect(old.notices).toEqual([
      {
        severity: 'info',
        text: 'Connect keeps historical metrics for 3 months: the data starts at 2026-08-18T17:00:00.000Z.',
      },
    ]);
  });

  it('refuses a range wholly older than the retention', () => {
    expect(() => planHistorical(query({ interval: 'DAY' }), range(NOW - 120 * DAY, NOW - 100 * DAY), NOW)).toThrow(
      'range: Connect keeps historical metrics for 3 months: the range must start after 2026-08-18T17:00:00.000Z'
    );
  });

  it('refuses a broken query with every rule at once, before any call', () => {
    expect(() =>
      planHistorical(
        query({ filters: { channels: ['VOICE'] }, groupings: ['AGENT'], metrics: [{ name: 'SERVICE_LEVEL' }] }),
        range(NOW - HOUR, NOW),
        NOW
      )
    ).toThrow(
      'metrics.threshold: SERVICE_LEVEL needs a threshold in seconds (e.g. less than 20); groupings: SERVICE_LEVEL cannot be grouped or filtered by AGENT (it can by QUEUE, CHANNEL, ROUTING_PROFILE); filters: filter by at least one queue, routing profile, agent or agent hierarchy group'
    );
  });
});
