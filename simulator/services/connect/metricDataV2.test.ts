import { AwsError } from '../../protocol/awsError';
import type { SimRequest, SimulatorContext } from '../../protocol/types';
import { Outcome } from '../../model/codes';
import { getMetricDataV2, type V2Epoch } from './metricDataV2';

/*
 * GetMetricDataV2 over a hand-written day of contact records. Every expected value below is worked out by hand from
 * the table of contacts (CONTACTS), not by the code under test.
 */

const NOW = 1_767_268_800; // 2026-01-01T12:00:00Z
const T0 = NOW - 2 * 3600; // 10:00Z: the queries below cover [10:00, 12:00)
const DAY = 86400;
const REGION = 'us-east-1';
const ARN = 'arn:aws:connect:us-east-1:123456789012:instance/i-1';

const instance = {
  id: 'i-1',
  arn: ARN,
  region: REGION,
  locale: { utcOffsetSeconds: 0, dayStartSeconds: 0 },
  queues: [{ id: 'q1' }, { id: 'q2' }],
  routingProfiles: [{ id: 'rp1' }, { id: 'rp2' }],
  agents: [
    { id: 'a1', routingProfileIndex: 0 },
    { id: 'a2', routingProfileIndex: 1 },
  ],
};

const N = NaN;
const VOICE = 0;
const CHAT = 1;
const A1 = 0;
const A2 = 1;
const { HANDLED, ABANDONED, REJECTED_QUEUE_FULL, REJECTED_RATE, REJECTED_QUOTA, PENDING } = Outcome;

/**
 * The contacts, times relative to T0 (10:00Z). Waits (removed from queue - enqueue): #1 30 s, #2 60, #3 20 (abandoned),
 * #4 90 (abandoned), #5 60, #9 90. Hour 1 is [0, 3600), hour 2 [3600, 7200).
 */
// prettier-ignore
const CONTACTS: Array<{ q: number; ch: number; arrive: number; enqueue: number; connect: number; end: number; acwEnd: number; agent: number; outcome: number }> = [
  /* #1 */ { q: 0, ch: VOICE, arrive: 0, enqueue: 10, connect: 40, end: 300, acwEnd: 360, agent: A1, outcome: HANDLED },
  /* #2 */ { q: 0, ch: VOICE, arrive: 100, enqueue: 110, connect: 170, end: 3700, acwEnd: N, agent: A2, outcome: HANDLED },
  // #3: offered to a1, who missed it; the customer then hung up. Never connected, so no agent on its record.
  /* #3 */ { q: 0, ch: CHAT, arrive: 200, enqueue: 205, connect: N, end: 225, acwEnd: N, agent: A1, outcome: ABANDONED },
  /* #4 */ { q: 1, ch: VOICE, arrive: 3500, enqueue: 3550, connect: N, end: 3640, acwEnd: N, agent: -1, outcome: ABANDONED },
  /* #5 */ { q: 1, ch: VOICE, arrive: 4000, enqueue: 4000, connect: 4060, end: 4500, acwEnd: 4530, agent: A1, outcome: HANDLED },
  /* #6 */ { q: 0, ch: VOICE, arrive: 5000, enqueue: N, connect: N, end: 5000, acwEnd: N, agent: -1, outcome: REJECTED_QUEUE_FULL },
  /* #7 */ { q: 0, ch: VOICE, arrive: 6000, enqueue: 6010, connect: N, end: Infinity, acwEnd: N, agent: -1, outcome: PENDING },
  /* #8 */ { q: 0, ch: VOICE, arrive: -500, enqueue: -490, connect: -400, end: -100, acwEnd: N, agent: A2, outcome: HANDLED },
  /* #9 */ { q: 0, ch: VOICE, arrive: -200, enqueue: -190, connect: -100, end: 200, acwEnd: N, agent: A2, outcome: HANDLED },
  // #10, #11: rejected at the door (over the calls-per-second limit, over the chat quota): no contact record, so
  // counted by no metric, CONTACTS_CREATED included.
  /* #10 */ { q: 0, ch: VOICE, arrive: 4100, enqueue: N, connect: N, end: 4100, acwEnd: N, agent: -1, outcome: REJECTED_RATE },
  /* #11 */ { q: 1, ch: CHAT, arrive: 4200, enqueue: N, connect: N, end: 4200, acwEnd: N, agent: -1, outcome: REJECTED_QUOTA },
];

function contactTable(): V2Epoch['contacts'] {
  const col = (f: (c: (typeof CONTACTS)[number]) => number) => CONTACTS.map(f);
  const at = (t: number) => T0 + t;
  return {
    count: CONTACTS.length,
    queue: Int32Array.from(col((c) => c.q)),
    channel: Uint8Array.from(col((c) => c.ch)),
    arrive: Float64Array.from(col((c) => at(c.arrive))),
    enqueue: Float64Array.from(col((c) => at(c.enqueue))),
    connect: Float64Array.from(col((c) => at(c.connect))),
    end: Float64Array.from(col((c) => at(c.end))),
    acwEnd: Float64Array.from(col((c) => at(c.acwEnd))),
    agent: Int32Array.from(col((c) => c.agent)),
    outcome: Uint8Array.from(col((c) => c.outcome)),
  };
}

/** Every day's epoch holds the same records; each counts only on the day its event falls in. */
const sim = {
  world: { instanceById: new Map([['i-1', instance]]) },
  clock: { nowSeconds: () => NOW, nowMs: () => NOW * 1000 },
  model: {
    epoch: (_: unknown, day: number): V2Epoch => ({
      dayStart: day * DAY,
      dayEnd: (day + 1) * DAY,
      contacts: contactTable(),
    }),
  },
} as unknown as SimulatorContext;

const base = (extra: Record<string, unknown> = {}) => ({
  ResourceArn: ARN,
  StartTime: T0,
  EndTime: NOW,
  Filters: [{ FilterKey: 'QUEUE', FilterValues: ['q1', 'q2'] }],
  Metrics: [{ Name: 'CONTACTS_HANDLED' }],
  ...extra,
});

interface Row {
  Dimensions: Record<string, string>;
  MetricInterval?: { Interval: string; StartTime: number; EndTime: number };
  Collections: Array<{ Metric: { Name: string }; Value: number | null }>;
}

function call(body: Record<string, unknown>, region = REGION): Row[] {
  const res = getMetricDataV2.handler({ body, region } as unknown as SimRequest, sim) as {
    body: { MetricResults: Row[] };
  };
  return JSON.parse(JSON.stringify(res.body.MetricResults)) as Row[];
}

/** Each row as { dims, interval start relative to T0, values in the order asked }. */
const table = (rows: Row[]) =>
  rows.map((r) => ({
    dims: r.Dimensions,
    at: r.MetricInterval ? r.MetricInterval.StartTime - T0 : undefined,
    values: r.Collections.map((c) => c.Value),
  }));

function errorOf(body: Record<string, unknown>, region = REGION): AwsError {
  try {
    call(body, region);
  } catch (err) {
    if (err instanceof AwsError) {
      return err;
    }
    throw err;
  }
  throw new Error(`expected an AwsError for ${JSON.stringify(body).slice(0, 300)}`);
}

const sl = (Comparison: string, ThresholdValue: unknown) => ({
  Name: 'SERVICE_LEVEL',
  Threshold: [{ Comparison, ThresholdValue }],
});

describe('GetMetricDataV2: values from the contact records', () => {
  it('counts each record in the hour its contact disconnects; CREATED at arrival, QUEUED_BY_ENQUEUE at enqueue (fact: gmdv2-time-attribution)', () => {
    const rows = call(
      base({
        Interval: { IntervalPeriod: 'HOUR' },
        Metrics: [
          'CONTACTS_CREATED',
          'CONTACTS_QUEUED',
          'CONTACTS_QUEUED_BY_ENQUEUE',
          'CONTACTS_HANDLED',
          'CONTACTS_ABANDONED',
        ].map((Name) => ({ Name })),
      })
    );
    expect(table(rows)).toEqual([
      // created #1 #2 #3 #4; queued (disconnected) #1 #3 #9; enqueued #1 #2 #3 #4; handled #1 #9; abandoned #3
      { dims: {}, at: 0, values: [4, 3, 4, 2, 1] },
      // created #5 #6 #7 (not #10 #11, rejected); queued (disconnected) #2 #4 #5; enqueued #5 #7; handled #2 #5; abandoned #4
      { dims: {}, at: 3600, values: [3, 3, 2, 2, 1] },
    ]);
    expect(rows[1].MetricInterval).toEqual({ Interval: 'HOUR', StartTime: T0 + 3600, EndTime: NOW });
  });

  it('averages and rates over the records that disconnected in the hour', () => {
    const rows = call(
      base({
        Interval: { IntervalPeriod: 'HOUR' },
        Metrics: [
          'AVG_HANDLE_TIME',
          'AVG_AFTER_CONTACT_WORK_TIME',
          'AVG_QUEUE_ANSWER_TIME',
          'AVG_ABANDON_TIME',
          'MAX_QUEUED_TIME',
          'ABANDONMENT_RATE',
        ].map((Name) => ({ Name })),
      })
    );
    expect(table(rows)).toEqual([
      // AHT (#1 260+60, #9 300 + 0) / 2; ACW (60 + 0) / 2; answer (30 + 90) / 2; abandon 20; max 90; 1 of 3 queued
      { dims: {}, at: 0, values: [310, 30, 60, 20, 90, 33.333] },
      // AHT (#2 3530, #5 440+30) / 2; ACW (0 + 30) / 2; answer (60 + 60) / 2; abandon 90; max 90; 1 of 3 queued
      { dims: {}, at: 3600, values: [2000, 15, 60, 90, 90, 33.333] },
    ]);
  });

  it('SERVICE_LEVEL: contacts removed from the queue (answered or abandoned) within X over contacts queued, LT < X, LTE <= X (fact: gmdv2-metric-groupings)', () => {
    const rows = call(
      base({
        Interval: { IntervalPeriod: 'HOUR' },
        Metrics: [sl('LT', 30), sl('LTE', 30), sl('LT', 60), sl('LTE', 60), sl('LTE', 604800)],
      })
    );
    expect(table(rows)).toEqual([
      // waits 30 (#1), 20 (#3, abandoned, counts), 90 (#9)
      { dims: {}, at: 0, values: [33.333, 66.667, 66.667, 66.667, 100] },
      // waits 60 (#2), 90 (#4, abandoned), 60 (#5)
      { dims: {}, at: 3600, values: [0, 0, 0, 66.667, 100] },
    ]);
    expect(rows[0].Collections[1].Metric).toEqual({
      Name: 'SERVICE_LEVEL',
      Threshold: [{ Comparison: 'LTE', ThresholdValue: 30 }],
    });
  });

  it('CONTACTS_CREATED by routing profile: the profile of the agent the contact was connected to (fact: gmdv2-metric-groupings)', () => {
    // Arrived in the window: #1 (a1, rp1), #2 (a2, rp2), #5 (a1, rp1); #3 #4 #6 #7 were never connected.
    expect(table(call(base({ Groupings: ['ROUTING_PROFILE'], Metrics: [{ Name: 'CONTACTS_CREATED' }] })))).toEqual([
      { dims: { ROUTING_PROFILE: 'rp1' }, at: undefined, values: [2] },
      { dims: { ROUTING_PROFILE: 'rp2' }, at: undefined, values: [1] },
    ]);
    const rp1 = base({
      Filters: [{ FilterKey: 'ROUTING_PROFILE', FilterValues: ['rp1'] }],
      Metrics: [{ Name: 'CONTACTS_CREATED' }],
    });
    expect(table(call(rp1))).toEqual([{ dims: {}, at: undefined, values: [2] }]);
  });

  it('by agent: a contact belongs to the agent it was connected to, so a missed-then-abandoned contact to none', () => {
    const rows = call(
      base({ Groupings: ['AGENT'], Metrics: [{ Name: 'CONTACTS_HANDLED' }, { Name: 'CONTACTS_ABANDONED' }] })
    );
    // a1: #1 #5; a2: #2 #9 (#8 disconnected before the window); #3 (offered to a1) has no agent.
    expect(table(rows)).toEqual([
      { dims: { AGENT: 'a1' }, at: undefined, values: [2, 0] },
      { dims: { AGENT: 'a2' }, at: undefined, values: [2, 0] },
    ]);
  });

  it('a hierarchy filter satisfies the resource-filter rule and matches nobody (no hierarchy groups in the model)', () => {
    const body = base({ Filters: [{ FilterKey: 'AGENT_HIERARCHY_LEVEL_TWO', FilterValues: ['g1'] }] });
    expect(call(body)).toEqual([]);
  });

  it('takes 100 resource values plus the 4 channels (CHANNEL values are not counted) (fact: gmdv2-request-rules)', () => {
    const queues = ['q1', 'q2', ...Array.from({ length: 98 }, (_, i) => `x${i}`)];
    const body = base({
      Filters: [
        { FilterKey: 'QUEUE', FilterValues: queues },
        { FilterKey: 'CHANNEL', FilterValues: ['VOICE', 'CHAT', 'TASK', 'EMAIL'] },
      ],
    });
    // handled in the window: #1 #9 #2 #5
    expect(table(call(body))).toEqual([{ dims: {}, at: undefined, values: [4] }]);
  });
});

describe('GetMetricDataV2: what it refuses', () => {
  const refused = (body: Record<string, unknown>, ...words: string[]) => {
    const err = errorOf(body);
    expect({ code: err.code, status: err.status }).toEqual({ code: 'InvalidParameterException', status: 400 });
    for (const w of words) {
      expect(err.message).toContain(w);
    }
  };

  it('ranges: less than 3 days for FIFTEEN_MIN/THIRTY_MIN/HOUR, less than 35 days for DAY/WEEK/TOTAL (fact: gmdv2-request-rules)', () => {
    for (const IntervalPeriod of ['FIFTEEN_MIN', 'THIRTY_MIN', 'HOUR']) {
      refused(base({ StartTime: NOW - 3 * DAY, Interval: { IntervalPeriod } }), 'EndTime', 'less than 3 days');
      expect(() => call(base({ StartTime: NOW - 3 * DAY + 1, Interval: { IntervalPeriod } }))).not.toThrow();
    }
    for (const IntervalPeriod of ['DAY', 'WEEK', 'TOTAL']) {
      refused(base({ StartTime: NOW - 35 * DAY, Interval: { IntervalPeriod } }), 'EndTime', 'less than 35 days');
      expect(() => call(base({ StartTime: NOW - 35 * DAY + 1, Interval: { IntervalPeriod } }))).not.toThrow();
    }
    refused(base({ StartTime: NOW - 35 * DAY }), 'less than 35 days'); // TOTAL by default
  });

  it('EndTime not in the future and after StartTime; StartTime within 3 months (93 days, the simulator reading)', () => {
    refused(base({ EndTime: NOW + 1 }), 'EndTime');
    expect(() => call(base({ EndTime: NOW }))).not.toThrow();
    refused(base({ EndTime: T0 }), 'EndTime');
    const old = NOW - 93 * DAY;
    refused(
      base({ StartTime: old - 1, EndTime: old - 1 + DAY, Interval: { IntervalPeriod: 'DAY' } }),
      'StartTime',
      '3 months'
    );
    expect(() => call(base({ StartTime: old, EndTime: old + DAY, Interval: { IntervalPeriod: 'DAY' } }))).not.toThrow();
  });

  it('SERVICE_LEVEL threshold: one, LT or LTE, a whole number from 1 to 604800 (fact: gmdv2-metric-groupings)', () => {
    for (const v of [0, 604801, 1.5, '60', -5]) {
      refused(base({ Metrics: [sl('LT', v)] }), 'Metrics.1.Threshold.1.ThresholdValue');
    }
    for (const v of [1, 604800]) {
      expect(() => call(base({ Metrics: [sl('LTE', v)] }))).not.toThrow();
    }
    refused(base({ Metrics: [sl('GT', 60)] }), 'Metrics.1.Threshold.1.Comparison', 'LT or LTE');
    refused(base({ Metrics: [{ Name: 'SERVICE_LEVEL' }] }), 'Metrics.1.Threshold');
    const two = {
      Name: 'SERVICE_LEVEL',
      Threshold: [
        { Comparison: 'LT', ThresholdValue: 20 },
        { Comparison: 'LT', ThresholdValue: 30 },
      ],
    };
    refused(base({ Metrics: [two] }), 'Metrics.1.Threshold', 'at most one');
    refused(base({ Metrics: Array.from({ length: 21 }, (_, i) => sl('LT', i + 1)) }), 'Metrics', '20 SERVICE_LEVEL');
  });

  it('per-metric groupings and filters: no agent or hierarchy for SERVICE_LEVEL, AVG_QUEUE_ANSWER_TIME, CONTACTS_CREATED (fact: gmdv2-metric-groupings)', () => {
    for (const metric of [sl('LT', 20), { Name: 'AVG_QUEUE_ANSWER_TIME' }, { Name: 'CONTACTS_CREATED' }]) {
      refused(
        base({ Groupings: ['AGENT'], Metrics: [{ Name: 'CONTACTS_HANDLED' }, metric] }),
        'Groupings.1',
        'AGENT',
        metric.Name,
        'Metrics.2'
      );
      refused(
        base({ Groupings: ['QUEUE', 'AGENT_HIERARCHY_LEVEL_ONE'], Metrics: [metric] }),
        'Groupings.2',
        'AGENT_HIERARCHY_LEVEL_ONE',
        metric.Name
      );
      refused(
        base({ Filters: [{ FilterKey: 'AGENT', FilterValues: ['a1'] }], Metrics: [metric] }),
        'Filters.1.FilterKey',
        'AGENT',
        metric.Name
      );
      refused(
        base({
          Filters: [base().Filters[0], { FilterKey: 'AGENT_HIERARCHY_LEVEL_THREE', FilterValues: ['g'] }],
          Metrics: [metric],
        }),
        'Filters.2.FilterKey',
        'AGENT_HIERARCHY_LEVEL_THREE',
        metric.Name
      );
    }
    refused(
      base({ Groupings: ['ROUTING_PROFILE'], Metrics: [{ Name: 'CONTACTS_QUEUED_BY_ENQUEUE' }] }),
      'ROUTING_PROFILE',
      'CONTACTS_QUEUED_BY_ENQUEUE'
    );
    refused(base({ Filters: [{ FilterKey: 'CAMPAIGN', FilterValues: ['c'] }] }), 'CAMPAIGN', 'CONTACTS_HANDLED');
    expect(() => call(base({ Groupings: ['QUEUE', 'CHANNEL', 'ROUTING_PROFILE', 'AGENT'] }))).not.toThrow();
  });

  it('filters: a resource key, at most 5 keys, 100 values per key and across keys, known channels (fact: gmdv2-request-rules)', () => {
    refused(
      base({ Filters: [{ FilterKey: 'CHANNEL', FilterValues: ['VOICE'] }] }),
      'Filters',
      'at least one',
      'AGENT_HIERARCHY_LEVEL_FIVE',
      'EVALUATOR_ID'
    );
    refused(
      base({ Filters: [base().Filters[0], { FilterKey: 'CHANNEL', FilterValues: ['VOICE', 'FAX'] }] }),
      'Filters.2.FilterValues',
      'FAX'
    );
    const ids = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);
    refused(base({ Filters: [{ FilterKey: 'QUEUE', FilterValues: ids(101, 'q') }] }), 'Filters.1.FilterValues', '101');
    refused(
      base({
        Filters: [
          { FilterKey: 'QUEUE', FilterValues: ids(60, 'q') },
          { FilterKey: 'AGENT', FilterValues: ids(41, 'a') },
        ],
      }),
      'Filters',
      '100',
      '101'
    );
    const six = [
      'QUEUE',
      'ROUTING_PROFILE',
      'AGENT',
      'CHANNEL',
      'AGENT_HIERARCHY_LEVEL_ONE',
      'AGENT_HIERARCHY_LEVEL_TWO',
    ];
    refused(base({ Filters: six.map((FilterKey) => ({ FilterKey, FilterValues: ['VOICE'] })) }), 'Filters', '1 to 5');
    refused(base({ Filters: [] }), 'Filters');
    refused(
      base({ Groupings: ['QUEUE', 'CHANNEL', 'ROUTING_PROFILE', 'AGENT', 'AGENT_HIERARCHY_LEVEL_ONE'] }),
      'Groupings',
      'at most 4'
    );
  });

  it('errors: InvalidParameterException naming the parameter, ResourceNotFoundException for an unknown instance (fact: gmdv2-errors)', () => {
    refused(base({ ResourceArn: undefined }), 'ResourceArn');
    refused(base({ StartTime: undefined }), 'StartTime');
    refused(base({ Metrics: [{ Name: 'NOT_A_METRIC' }] }), 'Metrics.1.Name', 'NOT_A_METRIC');
    refused(base({ Interval: { IntervalPeriod: 'MINUTE' } }), 'Interval.IntervalPeriod');
    refused(base({ MaxResults: 101 }), 'MaxResults');
    const byMethod = {
      Name: 'CONTACTS_HANDLED',
      MetricFilters: [{ MetricFilterKey: 'INITIATION_METHOD', MetricFilterValues: ['API'] }],
    };
    refused(base({ Metrics: [byMethod] }), 'Metrics.1.MetricFilters');
    for (const [arn, region] of [
      ['arn:aws:connect:us-east-1:123456789012:instance/i-unknown', REGION],
      [ARN, 'eu-west-2'],
    ]) {
      const err = errorOf(base({ ResourceArn: arn }), region);
      expect({ code: err.code, status: err.status }).toEqual({ code: 'ResourceNotFoundException', status: 404 });
      expect(err.message).toContain('ResourceArn');
    }
  });
});
