import { validateHistoricalRequest } from '../../src/connect/historicalRules';
import type { HistoricalQuery, RealtimeQuery } from '../../src/connect/proxyApi';
import { validateRealtimeRequest } from '../../src/connect/realtimeRules';
import type { DataFrameJSON } from '../frames';
import type { CallResult } from '../queries/realtime/fetch';
import { historicalFrames } from '../queries/historical/frames';
import { realtimeFrames } from '../queries/realtime/frames';
import { planRealtime } from '../queries/realtime/plan';
import { EXPORTED_METRICS, EXPORTED_REALTIME_METRICS, realtimeGaugeName } from './catalogue';
import {
  FrameShapeError,
  mosSamples,
  quotaSamples,
  realtimeSamples,
  staleReason,
  todayQueryMetrics,
  todaySamples,
} from './samples';

/**
 * Frames to samples. The realtime frames come from the proxy's own frame builder (realtimeFrames), fed with rows
 * as Connect sends them, so a change of the table's columns or units breaks these tests rather than the exporter.
 */

const instance = { id: 'inst-1', alias: 'acme-support' };
const BILLING = '11111111-1111-4111-8111-111111111111';
const SALES = '22222222-2222-4222-8222-222222222222';
const VIP = '33333333-3333-4333-8333-333333333333';

const query: RealtimeQuery = {
  refId: 'realtime_0',
  queryType: 'realtime',
  instanceId: instance.id,
  filters: { queues: [BILLING, SALES], channels: ['VOICE', 'CHAT'] },
  groupings: ['QUEUE', 'CHANNEL'],
  metrics: EXPORTED_REALTIME_METRICS,
  format: 'table',
};

/** A row of GetCurrentMetricData (values in seconds, as callConnect leaves them), null where Connect has none. */
const row = (queue: string, channel: string, values: Partial<Record<string, number | null>>) => ({
  dims: { Queue: { Id: queue }, Channel: channel as 'VOICE' },
  values: EXPORTED_REALTIME_METRICS.map((m) => (m in values ? (values[m] ?? null) : 0)),
});

function frames(): DataFrameJSON[] {
  const plan = planRealtime(query);
  const result: CallResult = {
    rows: [
      row(BILLING, 'VOICE', { CONTACTS_IN_QUEUE: 4, OLDEST_CONTACT_AGE: 312, AGENTS_AVAILABLE: 0 }),
      row(SALES, 'CHAT', { CONTACTS_IN_QUEUE: 0, OLDEST_CONTACT_AGE: 0, ESTIMATED_WAIT_TIME: null }),
    ],
    snapshotMs: 1_000_000,
    pages: 1,
  };
  const names = { queues: new Map([[BILLING, 'Billing']]), routingProfiles: new Map(), agentStatuses: new Map() };
  return realtimeFrames(query, plan, [result], names, 1_000_500);
}

describe('realtime frames to samples', () => {
  it('is a query Connect accepts: every exported metric in one [QUEUE, CHANNEL] call', () => {
    expect(
      validateRealtimeRequest({ filters: query.filters, groupings: query.groupings, metrics: query.metrics })
    ).toEqual([]);
  });

  it('gives a sample per row and metric, labelled with instance, queue name and id, and channel', () => {
    const samples = realtimeSamples(frames(), instance);
    const inQueue = samples.filter((s) => s.name === 'connect_queue_contacts_in_queue');
    expect(inQueue).toEqual([
      // In the table's order (by label). A queue without a name in the list keeps its id as name, as the table
      // shows it.
      {
        name: 'connect_queue_contacts_in_queue',
        labels: {
          instance_id: 'inst-1',
          instance_alias: 'acme-support',
          queue: SALES,
          queue_id: SALES,
          channel: 'CHAT',
        },
        value: 0,
      },
      {
        name: 'connect_queue_contacts_in_queue',
        labels: {
          instance_id: 'inst-1',
          instance_alias: 'acme-support',
          queue: 'Billing',
          queue_id: BILLING,
          channel: 'VOICE',
        },
        value: 4,
      },
    ]);
  });

  it('copies seconds as seconds into the _seconds gauges (the frame has already normalised them)', () => {
    const samples = realtimeSamples(frames(), instance);
    const oldest = samples.find(
      (s) => s.name === 'connect_queue_oldest_contact_age_seconds' && s.labels.channel === 'VOICE'
    );
    expect(oldest?.value).toBe(312);
  });

  it('leaves out values Connect could not compute, instead of exporting them as 0', () => {
    const samples = realtimeSamples(frames(), instance);
    const ewt = samples.filter((s) => s.name === 'connect_queue_estimated_wait_time_seconds');
    expect(ewt.map((s) => s.labels.queue_id)).toEqual([BILLING]);
    // rows x metrics, minus the one null
    expect(samples).toHaveLength(2 * EXPORTED_REALTIME_METRICS.length - 1);
  });

  it('names every metric it exports in the catalogue', () => {
    const names = new Set(EXPORTED_METRICS.map((m) => m.name));
    for (const s of realtimeSamples(frames(), instance)) {
      expect([s.name, names.has(s.name)]).toEqual([s.name, true]);
    }
    expect(realtimeGaugeName('OLDEST_CONTACT_AGE')).toBe('connect_queue_oldest_contact_age_seconds');
    expect(realtimeGaugeName('AGENTS_AVAILABLE')).toBe('connect_queue_agents_available');
  });

  it('refuses a frame whose unit is not the catalogue one, and one without the queue columns', () => {
    const f = frames();
    const oldest = f[0].schema.fields.find((x) => x.name === 'OLDEST_CONTACT_AGE')!;
    oldest.config = { ...oldest.config, unit: 'ms' };
    expect(() => realtimeSamples(f, instance)).toThrow(
      new FrameShapeError('the realtime frame gives OLDEST_CONTACT_AGE in "ms", the catalogue in "s"')
    );
    const g = frames();
    g[0].schema.fields = g[0].schema.fields.filter((x) => x.name !== 'Queue ID');
    expect(() => realtimeSamples(g, instance)).toThrow(/no "Queue ID" column/);
  });
});

/** A quota table as runQuota builds it. */
function quotaFrame(usedUnit = 'percent'): DataFrameJSON {
  const col = (name: string, values: unknown[], unit = 'short') => ({
    name,
    type: 'number' as const,
    config: { unit },
  });
  const fields = [
    { name: 'Channel', type: 'string' as const },
    col('In use', []),
    col('Peak in use', []),
    col('Quota', []),
    col('Used', [], usedUnit),
    col('Headroom', []),
    col('Breaches', []),
    col('Throttled', []),
  ];
  return {
    schema: { refId: 'quota_0', fields },
    data: {
      values: [
        ['VOICE', 'CHAT'],
        [92, 0],
        [95, 3],
        [100, null],
        [92, 0],
        [8, null],
        [0, 0],
        [1, null],
      ],
    },
  };
}

describe('quota frames to samples', () => {
  it('gives in use, quota, the share used as a 0..1 ratio, and headroom per channel', () => {
    const samples = quotaSamples([quotaFrame()], instance);
    const voice = Object.fromEntries(samples.filter((s) => s.labels.channel === 'VOICE').map((s) => [s.name, s.value]));
    expect(voice).toEqual({
      connect_quota_contacts_in_use: 92,
      connect_quota_contacts_limit: 100,
      connect_quota_used_ratio: 0.92,
      connect_quota_headroom_contacts: 8,
    });
    expect(samples[0].labels).toEqual({ instance_id: 'inst-1', instance_alias: 'acme-support', channel: 'VOICE' });
  });

  it('leaves out a quota that cannot be derived (nothing in use) rather than exporting 0', () => {
    const chat = quotaSamples([quotaFrame()], instance).filter((s) => s.labels.channel === 'CHAT');
    expect(chat.map((s) => [s.name, s.value])).toEqual([
      ['connect_quota_contacts_in_use', 0],
      ['connect_quota_used_ratio', 0],
    ]);
  });

  it('reads "Used" in the unit its field declares', () => {
    const f = quotaFrame('percentunit');
    f.data.values[4] = [0.92, 0];
    expect(quotaSamples([f], instance).find((s) => s.name === 'connect_quota_used_ratio')?.value).toBe(0.92);
    expect(() => quotaSamples([quotaFrame('short')], instance)).toThrow(/"Used" in "short"/);
  });
});

function mosFrame(id: string, points: Array<[number, number | null]>): DataFrameJSON {
  return {
    schema: {
      refId: 'mos_customer',
      name: id,
      fields: [
        { name: 'Time', type: 'time' },
        { name: 'Value', type: 'number', labels: { VoiceConnectorId: id }, config: { unit: 'none' } },
      ],
    },
    data: { values: [points.map((p) => p[0]), points.map((p) => p[1])] },
  };
}

describe('Voice Connector MOS frames to samples', () => {
  const names = new Map([['vc-1', 'acme-sbc-primary']]);
  const base = { side: 'customer' as const, region: 'us-east-1', names, notBeforeMs: 1000 };

  it('takes the newest point of each connector, with its name and side', () => {
    const samples = mosSamples(
      [
        mosFrame('vc-1', [
          [1000, 4.3],
          [1060, 3.1],
          [1120, null],
        ]),
        mosFrame('vc-2', [[1060, 4.4]]),
      ],
      base
    );
    expect(samples).toEqual([
      {
        name: 'connect_voice_connector_mos',
        labels: {
          voice_connector_id: 'vc-1',
          voice_connector: 'acme-sbc-primary',
          side: 'customer',
          region: 'us-east-1',
        },
        value: 3.1,
      },
      {
        name: 'connect_voice_connector_mos',
        labels: { voice_connector_id: 'vc-2', voice_connector: '', side: 'customer', region: 'us-east-1' },
        value: 4.4,
      },
    ]);
  });

  it('has no series for a connector without a recent point (no calls, no score)', () => {
    expect(mosSamples([mosFrame('vc-1', [[999, 2.0]]), mosFrame('vc-2', [])], base)).toEqual([]);
  });
});

describe('stale answers', () => {
  it('are recognised by the meta the proxy sets, with the notice as reason', () => {
    const f = frames();
    expect(staleReason(f)).toBeUndefined();
    f[0].schema.meta = {
      custom: { stale: true },
      notices: [{ severity: 'warning', text: 'Data from 2 minutes ago: Connect throttled.' }],
    };
    expect(staleReason(f)).toBe('Data from 2 minutes ago: Connect throttled.');
  });
});

describe('historical (day so far) frames to samples', () => {
  const today: HistoricalQuery = {
    refId: 'historical_0',
    queryType: 'historical',
    instanceId: instance.id,
    filters: { queues: [BILLING, SALES, VIP], channels: ['VOICE', 'CHAT'] },
    groupings: ['QUEUE'],
    metrics: todayQueryMetrics(20),
    interval: 'TOTAL',
    timeZone: 'Europe/Berlin',
    format: 'table',
  };
  const start = new Date('2026-03-02T23:00:00Z');
  /** A row of GetMetricDataV2 as Connect sends it: percentages 0..100, a missing Value where it cannot compute one. */
  const result = (queue: string, sl: number | undefined, abandoned: number | undefined, queued: number) => ({
    Dimensions: { QUEUE: `arn:aws:connect:us-east-1:123456789012:instance/${instance.id}/queue/${queue}` },
    MetricInterval: { Interval: 'TOTAL' as const, StartTime: start, EndTime: new Date('2026-03-03T14:00:00Z') },
    Collections: [
      { Metric: { Name: 'SERVICE_LEVEL', Threshold: [{ Comparison: 'LT', ThresholdValue: 20 }] }, Value: sl },
      { Metric: { Name: 'ABANDONMENT_RATE' }, Value: abandoned },
      { Metric: { Name: 'CONTACTS_QUEUED' }, Value: queued },
    ],
  });
  const names = new Map([
    [BILLING, 'Billing'],
    [SALES, 'Sales'],
  ]);
  const nameOf = (_: string, value: string) => names.get(value.split('/').pop()!) ?? value;
  const queueIds = new Map([...names].map(([id, name]) => [name, id]));
  const framesOf = (results: Array<ReturnType<typeof result>>) => historicalFrames(today, results, nameOf);

  it('is a query Connect accepts: the Today table of the Queues dashboard, one TOTAL per queue', () => {
    expect(
      validateHistoricalRequest(today, {
        fromMs: start.getTime(),
        toMs: Date.parse('2026-03-03T14:00:00Z'),
        nowMs: Date.parse('2026-03-03T14:00:30Z'),
      })
    ).toEqual([]);
  });

  it("copies Connect's percentages as 0..1 ratios, with the threshold as a label and the queue's name and id", () => {
    const samples = todaySamples(framesOf([result(BILLING, 87.5, 4, 240), result(SALES, 100, 0, 3)]), instance, {
      queueIds,
      serviceLevelSeconds: 20,
    });
    const labels = { instance_id: 'inst-1', instance_alias: 'acme-support', queue: 'Billing', queue_id: BILLING };
    expect(samples.filter((s) => s.labels.queue === 'Billing')).toEqual([
      { name: 'connect_queue_today_service_level_ratio', labels: { ...labels, threshold_seconds: '20' }, value: 0.875 },
      { name: 'connect_queue_today_abandonment_ratio', labels, value: 0.04 },
      { name: 'connect_queue_today_contacts_queued', labels, value: 240 },
    ]);
    expect(samples.length).toBe(6);
    const names = new Set(EXPORTED_METRICS.filter((m) => m.source === 'historical').map((m) => m.name));
    expect(samples.every((s) => names.has(s.name))).toBe(true);
    for (const s of samples) {
      const metric = EXPORTED_METRICS.find((m) => m.name === s.name)!;
      expect(Object.keys(s.labels)).toEqual([...metric.labels]);
    }
  });

  it('has no ratio for a queue without contacts today (Connect sends no value): absent, not 0', () => {
    const samples = todaySamples(framesOf([result(SALES, undefined, undefined, 0)]), instance, {
      queueIds,
      serviceLevelSeconds: 20,
    });
    expect(samples.map((s) => [s.name, s.value])).toEqual([['connect_queue_today_contacts_queued', 0]]);
    expect(todaySamples(framesOf([]), instance, { queueIds, serviceLevelSeconds: 20 })).toEqual([]);
  });

  it('labels a queue the list does not name with its id, as the tables show it', () => {
    const [sl] = todaySamples(framesOf([result(VIP, 50, 10, 2)]), instance, { queueIds, serviceLevelSeconds: 20 });
    expect(sl.labels).toMatchObject({ queue: expect.stringContaining(VIP), queue_id: VIP });
  });

  it('refuses a frame without the threshold it asked for, or with a ratio in an unknown unit', () => {
    const frames = framesOf([result(BILLING, 87.5, 4, 240)]);
    expect(() => todaySamples(frames, instance, { queueIds, serviceLevelSeconds: 30 })).toThrow(
      /no "SERVICE_LEVEL < 30 s" column/
    );
    frames[0].schema.fields.find((f) => f.name === 'ABANDONMENT_RATE')!.config!.unit = 'short';
    expect(() => todaySamples(frames, instance, { queueIds, serviceLevelSeconds: 20 })).toThrow(FrameShapeError);
  });
});
