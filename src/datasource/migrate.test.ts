import { defaultQuery, type RealtimeQuery } from '../connect/proxyApi';
import { migrateQuery } from './migrate';

describe('migrateQuery', () => {
  it('gives a brand-new query the defaults of its type, keeping refId and datasource', () => {
    const ds = { type: 'switchboard-connect-datasource', uid: 'sb' };
    expect(migrateQuery({ refId: 'B', datasource: ds })).toEqual({ ...defaultQuery('realtime', 'B'), datasource: ds });
    expect(migrateQuery({ refId: 'C', queryType: 'quota' })).toEqual(defaultQuery('quota', 'C'));
    expect(migrateQuery({ refId: 'D', queryType: 'cloudwatch' })).toEqual(defaultQuery('cloudwatch', 'D'));
  });

  it('keeps what a saved real-time query has, filling only what is missing', () => {
    const saved = {
      refId: 'A',
      queryType: 'realtime',
      instanceId: 'inst-1',
      filters: { routingProfiles: ['rp-1'] },
      groupings: ['ROUTING_PROFILE'],
      metrics: ['AGENTS_ONLINE'],
    };
    expect(migrateQuery(saved)).toEqual({ ...saved, format: 'table' });
  });

  it('reads version 0 real-time queries: single values and lower-case channels', () => {
    const q = migrateQuery({ refId: 'A', instanceId: 'i', queues: 'q-1', channels: ['voice', 'chat', 'fax'] });
    expect(q).toMatchObject({
      queryType: 'realtime',
      filters: { queues: ['q-1'], channels: ['VOICE', 'CHAT'] },
      groupings: [],
      metrics: (defaultQuery('realtime') as RealtimeQuery).metrics,
    });
    expect(q).not.toHaveProperty('queues');
    expect(q).not.toHaveProperty('channels');
  });

  it('does not drop metrics or groupings it does not know (the editor shows why they are wrong)', () => {
    const q = migrateQuery({
      refId: 'A',
      queryType: 'realtime',
      instanceId: 'i',
      metrics: ['QUEUE_SIZE'],
      groupings: ['X'],
    });
    expect(q).toMatchObject({ metrics: ['QUEUE_SIZE'], groupings: ['X'] });
  });

  it('recognises cloudwatch queries saved without a type, and normalises period and dimensions', () => {
    const q = migrateQuery({
      refId: 'B',
      namespace: 'AWS/Connect',
      metricName: 'QueueSize',
      period: '300',
      dimensions: { InstanceId: 'inst-1', QueueName: ['Sales', 'Support'] },
    });
    expect(q).toEqual({
      refId: 'B',
      queryType: 'cloudwatch',
      namespace: 'AWS/Connect',
      metricName: 'QueueSize',
      period: 300,
      dimensions: { InstanceId: ['inst-1'], QueueName: ['Sales', 'Support'] },
      statistic: 'Maximum',
      label: '',
      expression: '',
    });
  });

  it('keeps an expression-only cloudwatch query as it is', () => {
    expect(migrateQuery({ refId: 'E', expression: 'a + b' })).toMatchObject({
      queryType: 'cloudwatch',
      expression: 'a + b',
      period: 'auto',
    });
  });

  it('is idempotent', () => {
    for (const raw of [
      { refId: 'A' },
      { refId: 'A', instanceId: 'i', queues: 'q', channels: ['voice'] },
      { refId: 'B', namespace: 'AWS/Connect', period: '60', dimensions: { A: 'x' } },
      { refId: 'C', queryType: 'quota', instanceId: 'i', format: 'timeseries' },
    ]) {
      const once = migrateQuery(raw);
      expect(migrateQuery(once)).toEqual(once);
    }
  });
});
