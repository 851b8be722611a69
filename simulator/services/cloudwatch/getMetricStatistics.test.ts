import { AwsError } from '../../protocol/awsError';
import type { MetricIdentity } from '../../model/metricSource';
import { getMetricStatistics, scramble, type WireDatapoint } from './getMetricStatistics';
import { dim, FakeMetricSource, frozenClock, point, points } from './testSource';

const NOW = 1_767_268_800; // 2026-01-01T12:00:00Z
const HOUR = 3600;
const REGION = 'us-east-1';

const queueSize: MetricIdentity = {
  namespace: 'AWS/Connect',
  metricName: 'QueueSize',
  dimensions: [dim('InstanceId', 'i-1'), dim('MetricGroup', 'Queue'), dim('QueueName', 'Basic')],
};

/** QueueSize of "Basic" over the last two hours, one sample a minute: minute i has the value i. */
function world() {
  const metrics = new FakeMetricSource().add(
    queueSize,
    points(NOW - 2 * HOUR, 120, (i) => i)
  );
  metrics.add({ namespace: 'Custom', metricName: 'Mystery', dimensions: [] }, [point(NOW - 600, 5)]);
  return { clock: frozenClock(NOW), metrics };
}

const request = (extra: Record<string, unknown> = {}) => ({
  Namespace: queueSize.namespace,
  MetricName: queueSize.metricName,
  Dimensions: queueSize.dimensions,
  StartTime: NOW - HOUR,
  EndTime: NOW,
  Period: 600,
  ...extra,
});

function call(body: Record<string, unknown>) {
  // Through JSON, as the protocol layer sends it.
  const out = JSON.parse(JSON.stringify(getMetricStatistics({ body, region: REGION }, world()).body)) as {
    Label: string;
    Datapoints: WireDatapoint[];
  };
  return { ...out, sorted: [...out.Datapoints].sort((a, b) => a.Timestamp - b.Timestamp) };
}

function errorOf(body: Record<string, unknown>): AwsError {
  try {
    getMetricStatistics({ body, region: REGION }, world());
  } catch (err) {
    if (err instanceof AwsError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected an AwsError');
}

describe('GetMetricStatistics: data', () => {
  it('gives every requested statistic per period, with the unit, labelled with the metric name', () => {
    const out = call(request({ Statistics: ['Sum', 'Maximum', 'SampleCount', 'Average', 'Minimum'] }));
    expect(out.Label).toBe('QueueSize');
    // the last hour is minutes 60..119: bucket k holds minutes 60 + 10k .. 69 + 10k
    expect(out.sorted).toEqual(
      [0, 1, 2, 3, 4, 5].map((k) => ({
        Timestamp: NOW - HOUR + 600 * k,
        Unit: 'Count',
        SampleCount: 10,
        Sum: 10 * (60 + 10 * k) + 45,
        Average: 64.5 + 10 * k,
        Minimum: 60 + 10 * k,
        Maximum: 69 + 10 * k,
      }))
    );
  });

  it('does not promise an order: the data points come scrambled, the same way every time', () => {
    const out = call(request({ Statistics: ['Sum'] }));
    expect(out.Datapoints.map((p) => p.Timestamp)).not.toEqual(out.sorted.map((p) => p.Timestamp));
    expect(out.Datapoints).toEqual(scramble(out.sorted));
    expect(call(request({ Statistics: ['Sum'] })).Datapoints).toEqual(out.Datapoints);
  });

  it('gives percentiles in ExtendedStatistics', () => {
    const out = call(request({ ExtendedStatistics: ['p50', 'p100'], StartTime: NOW - 600 }));
    // minutes 110..119: the 5th of ten samples is 114
    expect(out.sorted).toEqual([{ Timestamp: NOW - 600, Unit: 'Count', ExtendedStatistics: { p50: 114, p100: 119 } }]);
  });

  it('filters by Unit: the published unit matches, another gives no data points', () => {
    expect(call(request({ Statistics: ['Sum'], Unit: 'Count' })).Datapoints).toHaveLength(6);
    expect(call(request({ Statistics: ['Sum'], Unit: 'Seconds' })).Datapoints).toEqual([]);
  });

  it('matches the dimensions exactly: a subset of them is another metric', () => {
    const out = call(request({ Statistics: ['Sum'], Dimensions: queueSize.dimensions.slice(0, 2) }));
    expect(out.Datapoints).toEqual([]);
  });

  it('reports unit None for a metric published without one', () => {
    const out = call({
      Namespace: 'Custom',
      MetricName: 'Mystery',
      StartTime: NOW - HOUR,
      EndTime: NOW,
      Period: 3600,
      Statistics: ['Maximum'],
    });
    expect(out.Datapoints).toEqual([{ Timestamp: NOW - HOUR, Maximum: 5, Unit: 'None' }]);
  });

  it('serves exactly 1,440 data points', () => {
    const out = call(request({ Statistics: ['SampleCount'], StartTime: NOW - 1440 * 60, Period: 60 }));
    expect(out.Datapoints).toHaveLength(120); // the two hours that have data
  });
});

describe('GetMetricStatistics: validation', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['no Namespace', { ...request({ Statistics: ['Sum'] }), Namespace: undefined }, 'MissingParameter', /Namespace/],
    ['no Period', { ...request({ Statistics: ['Sum'] }), Period: undefined }, 'MissingParameter', /Period/],
    ['Period 45', request({ Statistics: ['Sum'], Period: 45 }), 'InvalidParameterValue', /Period .*multiple of 60/],
    ['Period 0', request({ Statistics: ['Sum'], Period: 0 }), 'InvalidParameterValue', /Period/],
    ['no statistics', request(), 'InvalidParameterCombination', /either Statistics or ExtendedStatistics/],
    [
      'both kinds',
      request({ Statistics: ['Sum'], ExtendedStatistics: ['p99'] }),
      'InvalidParameterCombination',
      /not both/,
    ],
    [
      'six statistics',
      request({ Statistics: ['Sum', 'Maximum', 'Minimum', 'Average', 'SampleCount', 'Sum'] }),
      'InvalidParameterValue',
      /Statistics must not have a size greater than 5/,
    ],
    ['an unknown statistic', request({ Statistics: ['Median'] }), 'InvalidParameterValue', /Median .*Statistics\.1/],
    ['a percentile in Statistics', request({ Statistics: ['p99'] }), 'InvalidParameterValue', /ExtendedStatistics/],
    ['p101', request({ ExtendedStatistics: ['p101'] }), 'InvalidParameterValue', /ExtendedStatistics\.1/],
    ['a bad unit', request({ Statistics: ['Sum'], Unit: 'Parsecs' }), 'InvalidParameterValue', /Parsecs/],
    [
      'StartTime after EndTime',
      request({ Statistics: ['Sum'], StartTime: NOW, EndTime: NOW - 60 }),
      'InvalidParameterValue',
      /StartTime must be less than/,
    ],
    [
      '1,441 data points',
      request({ Statistics: ['Sum'], StartTime: NOW - 1441 * 60, Period: 60 }),
      'InvalidParameterCombination',
      /requested up to 1441 datapoints, which exceeds the limit of 1440/,
    ],
  ];
  it.each(cases)('%s', (_name, body, queryCode, message) => {
    const err = errorOf(body);
    expect(err.options.queryCode).toBe(queryCode);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(message);
  });
});
