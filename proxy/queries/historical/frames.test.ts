import type { HistoricalQuery } from '../../../src/connect/proxyApi';
import { historicalFrames } from './frames';

/** GetMetricDataV2 results as frames: units, display names, names for ids, nulls kept (fact: gmdv2-metric-groupings). */

const q = (format: 'table' | 'timeseries'): HistoricalQuery => ({
  refId: 'A',
  queryType: 'historical',
  instanceId: 'i-1',
  filters: { queues: ['q1', 'q2'] },
  groupings: ['QUEUE'],
  metrics: [{ name: 'SERVICE_LEVEL', threshold: { comparison: 'LT', seconds: 20 } }, { name: 'AVG_HANDLE_TIME' }],
  interval: 'HOUR',
  format,
});
const T0 = Date.parse('2026-11-18T15:00:00Z');
const T1 = Date.parse('2026-11-18T16:00:00Z');
const result = (queue: string, start: number, sl: number | undefined, aht: number) => ({
  Dimensions: { QUEUE: queue },
  MetricInterval: { Interval: 'HOUR' as const, StartTime: new Date(start), EndTime: new Date(start + 3_600_000) },
  Collections: [
    { Metric: { Name: 'SERVICE_LEVEL', Threshold: [{ Comparison: 'LT', ThresholdValue: 20 }] }, Value: sl },
    { Metric: { Name: 'AVG_HANDLE_TIME' }, Value: aht },
  ],
});
const results = [result('q2', T1, 80, 300), result('q1', T0, 95.5, 240), result('q1', T1, undefined, 250)];
const names = (_d: string, id: string) => ({ q1: 'Billing', q2: 'Tech Support' })[id] ?? id;

describe('historicalFrames', () => {
  it('a table: a row per queue and hour, named queues, units and display names, a null where Connect has none', () => {
    const [f] = historicalFrames(q('table'), results, names);
    expect(f.schema.fields.map((x) => [x.name, x.type, x.config?.displayName, x.config?.unit])).toEqual([
      ['Time', 'time', undefined, undefined],
      ['Queue', 'string', undefined, undefined],
      ['SERVICE_LEVEL < 20 s', 'number', 'Service level (< 20 s)', 'percent'],
      ['AVG_HANDLE_TIME', 'number', 'Average handle time', 's'],
    ]);
    expect(f.data.values).toEqual([
      [T0, T1, T1],
      ['Billing', 'Billing', 'Tech Support'],
      [95.5, null, 80],
      [240, 250, 300],
    ]);
  });

  it('time series: a frame per queue labelled with its name', () => {
    const frames = historicalFrames(q('timeseries'), results, names);
    expect(frames.map((f) => f.schema.name)).toEqual(['Billing', 'Tech Support']);
    expect(frames[0].schema.fields[1].labels).toEqual({ Queue: 'Billing' });
    expect(frames[0].data.values).toEqual([
      [T0, T1],
      [95.5, null],
      [240, 250],
    ]);
  });
});
