import type { QueryJson } from './hostApi';

/**
 * One query of each type against the simulator's first instance, as a user would have saved them: the editor tests
 * render each (editors.spec.ts) and the accessibility pass checks each editor (a11y.spec.ts).
 */
export function exampleQueries(instance: { id: string; queues: Array<{ id: string }> }) {
  return {
    realtime: (extra: Partial<QueryJson> = {}): QueryJson => ({
      refId: 'A',
      queryType: 'realtime',
      instanceId: instance.id,
      filters: { queues: instance.queues.slice(0, 3).map((q) => q.id), channels: ['VOICE', 'CHAT'] },
      groupings: ['QUEUE', 'CHANNEL'],
      metrics: ['CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE', 'AGENTS_AVAILABLE'],
      sort: { metric: 'OLDEST_CONTACT_AGE', order: 'DESCENDING' },
      format: 'table',
      ...extra,
    }),
    cloudwatch: (): QueryJson => ({
      refId: 'B',
      queryType: 'cloudwatch',
      id: 'b',
      namespace: 'AWS/Connect',
      metricName: 'QueueSize',
      dimensions: { InstanceId: [instance.id], MetricGroup: ['Queue'], QueueName: ['*'] },
      statistic: 'Maximum',
      period: 'auto',
      label: '${QueueName}',
    }),
    quota: (): QueryJson => ({
      refId: 'C',
      queryType: 'quota',
      instanceId: instance.id,
      channels: ['VOICE', 'CHAT'],
      format: 'table',
    }),
  };
}
