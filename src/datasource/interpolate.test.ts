import type { CloudWatchQuery, QuotaQuery, RealtimeQuery } from '../connect/query';
import { interpolateList, interpolateQuery, type Replace } from './interpolate';
import { dashboardVariables } from './components/testUtils';

const templateSrv = dashboardVariables([
  { name: 'region', current: 'eu-west-2' },
  { name: 'instance', current: 'inst-1' },
  { name: 'queue', current: ['q-1', 'q-2'], options: ['q-1', 'q-2', 'q-3'] },
  { name: 'allQueues', current: '$__all', options: ['q-1', 'q-2', 'q-3'] },
  { name: 'anyQueue', current: '$__all', options: ['Sales', 'Support'], allValue: '*' },
  { name: 'channel', current: ['VOICE'] },
  { name: 'empty', current: '' },
]);
const replace: Replace = (target, scopedVars, format) => templateSrv.replace(target, scopedVars, format);

describe('interpolateList', () => {
  it('turns multi-value variables into lists, keeps literal values, drops duplicates and empties', () => {
    expect(interpolateList(['$queue', 'q-3', 'q-1', '$empty'], replace)).toEqual(['q-1', 'q-2', 'q-3']);
  });
  it('"All" is every value, or the custom all value as it is', () => {
    expect(interpolateList(['$allQueues'], replace)).toEqual(['q-1', 'q-2', 'q-3']);
    expect(interpolateList(['${anyQueue}'], replace)).toEqual(['*']);
  });
  it('leaves an absent list absent', () => {
    expect(interpolateList(undefined, replace)).toBeUndefined();
  });
});

describe('interpolateQuery', () => {
  it('interpolates the region, instance and every filter of a real-time query', () => {
    const q: RealtimeQuery = {
      refId: 'A',
      queryType: 'realtime',
      region: '$region',
      instanceId: '$instance',
      filters: { queues: ['$queue'], channels: ['$channel' as 'VOICE'], routingStepExpressions: [] },
      groupings: ['QUEUE'],
      metrics: ['CONTACTS_IN_QUEUE'],
    };
    expect(interpolateQuery(q, replace)).toEqual({
      ...q,
      region: 'eu-west-2',
      instanceId: 'inst-1',
      filters: {
        queues: ['q-1', 'q-2'],
        routingProfiles: undefined,
        channels: ['VOICE'],
        routingStepExpressions: [],
        agentStatuses: undefined,
        subtypes: undefined,
      },
    });
  });

  it('an empty region means the default region', () => {
    const q: QuotaQuery = { refId: 'C', queryType: 'quota', region: '$empty', instanceId: 'i' };
    expect(interpolateQuery(q, replace).region).toBeUndefined();
  });

  it('interpolates cloudwatch dimensions (names and value lists) and text fields, leaving ${Dimension} labels', () => {
    const q: CloudWatchQuery = {
      refId: 'B',
      queryType: 'cloudwatch',
      namespace: 'AWS/Connect',
      metricName: 'QueueSize',
      dimensions: { InstanceId: ['$instance'], QueueName: ['$anyQueue'] },
      statistic: 'Maximum',
      label: '${QueueName} on $instance',
      expression: '',
    };
    expect(interpolateQuery(q, replace)).toMatchObject({
      dimensions: { InstanceId: ['inst-1'], QueueName: ['*'] },
      label: '${QueueName} on inst-1',
    });
  });

  it('interpolates quota channels into a list', () => {
    const q: QuotaQuery = {
      refId: 'C',
      queryType: 'quota',
      instanceId: '$instance',
      channels: ['$channel' as 'VOICE'],
    };
    expect(interpolateQuery(q, replace)).toMatchObject({ instanceId: 'inst-1', channels: ['VOICE'] });
  });
});
