import { AwsError } from '../../protocol/awsError';
import type { MetricIdentity } from '../../model/metricSource';
import { listMetrics } from './listMetrics';
import { dim, FakeMetricSource, frozenClock, point } from './testSource';

const NOW = 1_767_268_800;
const HOUR = 3600;
const DAY = 86400;
const REGION = 'us-east-1';

interface Output {
  Metrics: Array<{ Namespace: string; MetricName: string; Dimensions: Array<{ Name: string; Value: string }> }>;
  NextToken?: string;
}

const queueMetric = (metricName: string, queue: string, instance = 'i-1'): MetricIdentity => ({
  namespace: 'AWS/Connect',
  metricName,
  dimensions: [dim('InstanceId', instance), dim('MetricGroup', 'Queue'), dim('QueueName', queue)],
});

function world() {
  const metrics = new FakeMetricSource()
    .add(queueMetric('QueueSize', 'Basic'), [point(NOW - 60, 1)])
    .add(queueMetric('QueueSize', 'Billing'), [point(NOW - 5 * HOUR, 1)])
    .add(queueMetric('LongestQueueWaitTime', 'Basic'), [point(NOW - 60, 1)])
    .add(queueMetric('QueueSize', 'Basic', 'i-2'), [point(NOW - 60, 1)])
    .add(
      {
        namespace: 'AWS/Connect',
        metricName: 'ConcurrentCalls',
        dimensions: [dim('InstanceId', 'i-1'), dim('MetricGroup', 'VoiceCalls')],
      },
      [point(NOW - 10 * DAY, 1)]
    )
    .add({ namespace: 'VoiceID', metricName: 'ActiveSessions', dimensions: [dim('Domain', 'd-1')] }, [
      point(NOW - 60, 1),
    ])
    // last data 20 days ago: not listed
    .add(queueMetric('QueueSize', 'Retired'), [point(NOW - 20 * DAY, 1)])
    .add(queueMetric('QueueSize', 'Elsewhere'), [point(NOW - 60, 1)], { region: 'eu-west-2' });
  return { clock: frozenClock(NOW), metrics };
}

function call(body: Record<string, unknown> | undefined, sim = world(), region = REGION): Output {
  return JSON.parse(JSON.stringify(listMetrics({ body, region }, sim).body)) as Output;
}

const names = (out: Output) => out.Metrics.map((m) => `${m.MetricName}:${m.Dimensions.map((d) => d.Value).join('/')}`);

function errorOf(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AwsError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected an AwsError');
}

describe('ListMetrics', () => {
  it('lists the metrics of the region with data in the last two weeks, in the wire shape', () => {
    const out = call(undefined);
    expect(names(out)).toEqual([
      'QueueSize:i-1/Queue/Basic',
      'QueueSize:i-1/Queue/Billing',
      'LongestQueueWaitTime:i-1/Queue/Basic',
      'QueueSize:i-2/Queue/Basic',
      'ConcurrentCalls:i-1/VoiceCalls',
      'ActiveSessions:d-1',
    ]);
    expect(out.Metrics[0]).toEqual({
      Namespace: 'AWS/Connect',
      MetricName: 'QueueSize',
      Dimensions: [
        { Name: 'InstanceId', Value: 'i-1' },
        { Name: 'MetricGroup', Value: 'Queue' },
        { Name: 'QueueName', Value: 'Basic' },
      ],
    });
    expect(out.NextToken).toBeUndefined();
    expect(names(call({}, world(), 'eu-west-2'))).toEqual(['QueueSize:i-1/Queue/Elsewhere']);
  });

  it('lists only the last three hours with RecentlyActive PT3H', () => {
    expect(names(call({ RecentlyActive: 'PT3H' }))).toEqual([
      'QueueSize:i-1/Queue/Basic',
      'LongestQueueWaitTime:i-1/Queue/Basic',
      'QueueSize:i-2/Queue/Basic',
      'ActiveSessions:d-1',
    ]);
  });

  it('filters by namespace and metric name', () => {
    expect(names(call({ Namespace: 'VoiceID' }))).toEqual(['ActiveSessions:d-1']);
    expect(names(call({ Namespace: 'AWS/Connect', MetricName: 'LongestQueueWaitTime' }))).toEqual([
      'LongestQueueWaitTime:i-1/Queue/Basic',
    ]);
    expect(call({ Namespace: 'AWS/Nothing' }).Metrics).toEqual([]);
  });

  it('filters by dimensions: a Name alone matches any value; all filters must match', () => {
    expect(names(call({ Dimensions: [{ Name: 'QueueName' }] }))).toHaveLength(4);
    expect(names(call({ Dimensions: [{ Name: 'QueueName', Value: 'Basic' }] }))).toEqual([
      'QueueSize:i-1/Queue/Basic',
      'LongestQueueWaitTime:i-1/Queue/Basic',
      'QueueSize:i-2/Queue/Basic',
    ]);
    expect(
      names(
        call({
          MetricName: 'QueueSize',
          Dimensions: [
            { Name: 'QueueName', Value: 'Basic' },
            { Name: 'InstanceId', Value: 'i-2' },
          ],
        })
      )
    ).toEqual(['QueueSize:i-2/Queue/Basic']);
    expect(names(call({ Dimensions: [{ Name: 'MetricGroup', Value: 'VoiceCalls' }, { Name: 'QueueName' }] }))).toEqual(
      []
    );
  });

  it.each([
    [
      '11 dimension filters',
      { Dimensions: Array.from({ length: 11 }, (_, i) => ({ Name: `d${i}` })) },
      /Dimensions must not have a size greater than 10/,
    ],
    ['a dimension filter without Name', { Dimensions: [{ Value: 'x' }] }, /Dimensions\.1\.Name is required/],
    ['RecentlyActive other than PT3H', { RecentlyActive: 'PT1H' }, /PT1H for parameter RecentlyActive.*PT3H/],
    ['an empty Namespace', { Namespace: '' }, /Namespace/],
    ['a Dimensions that is not a list', { Dimensions: { Name: 'x' } }, /Dimensions must be a list/],
  ])('refuses %s with InvalidParameterValue', (_name, body, message) => {
    const err = errorOf(() => listMetrics({ body, region: REGION }, world()));
    expect(err.options.queryCode).toBe('InvalidParameterValue');
    expect(err.code).toBe('InvalidParameterValueException');
    expect(err.message).toMatch(message);
  });

  describe('paging', () => {
    function bigWorld() {
      const metrics = new FakeMetricSource();
      for (let i = 0; i < 1203; i++) {
        metrics.add(queueMetric('QueueSize', `q${String(i).padStart(4, '0')}`), [point(NOW - 60, 1)]);
      }
      metrics.add({ namespace: 'VoiceID', metricName: 'ActiveSessions', dimensions: [dim('Domain', 'd-1')] }, [
        point(NOW - 60, 1),
      ]);
      return { clock: frozenClock(NOW), metrics };
    }

    it('returns 500 per page and a NextToken until the end; pages concatenate to the whole list', () => {
      const sim = bigWorld();
      const seen: string[] = [];
      const sizes: number[] = [];
      let token: string | undefined;
      do {
        const out = call({ Namespace: 'AWS/Connect', ...(token ? { NextToken: token } : {}) }, sim);
        sizes.push(out.Metrics.length);
        seen.push(...names(out));
        token = out.NextToken;
      } while (token);
      expect(sizes).toEqual([500, 500, 203]);
      expect(new Set(seen).size).toBe(1203);
      expect(seen[0]).toBe('QueueSize:i-1/Queue/q0000');
      expect(seen[1202]).toBe('QueueSize:i-1/Queue/q1202');
    });

    it('refuses a token used with other filters, or garbage, with InvalidNextToken', () => {
      const first = call({ Namespace: 'AWS/Connect' }, bigWorld());
      for (const body of [{ Namespace: 'VoiceID' }, {}, { Namespace: 'AWS/Connect', RecentlyActive: 'PT3H' }]) {
        const err = errorOf(() =>
          listMetrics({ body: { ...body, NextToken: first.NextToken }, region: REGION }, bigWorld())
        );
        expect(err.code).toBe('InvalidNextToken');
      }
      const otherRegion = errorOf(() =>
        listMetrics({ body: { Namespace: 'AWS/Connect', NextToken: first.NextToken }, region: 'eu-west-2' }, bigWorld())
      );
      expect(otherRegion.code).toBe('InvalidNextToken');
      for (const garbage of ['x', '%%%', Buffer.from('{"o":"1"}').toString('base64url')]) {
        expect(errorOf(() => listMetrics({ body: { NextToken: garbage }, region: REGION }, bigWorld())).code).toBe(
          'InvalidNextToken'
        );
      }
    });
  });
});
