import { AwsError } from '../../protocol/awsError';
import type { MetricIdentity } from '../../model/metricSource';
import { getMetricData } from './getMetricData';
import { cloudWatchOperations } from './index';
import { dim, FakeMetricSource, frozenClock, point, points } from './testSource';

const NOW = 1_767_268_800; // 2026-01-01T12:00:00Z
const HOUR = 3600;
const DAY = 86400;
const REGION = 'us-east-1';

const queueSize = (queue: string): MetricIdentity => ({
  namespace: 'AWS/Connect',
  metricName: 'QueueSize',
  dimensions: [dim('InstanceId', 'i-1'), dim('MetricGroup', 'Queue'), dim('QueueName', queue)],
});
const packetLoss: MetricIdentity = {
  namespace: 'AWS/Connect',
  metricName: 'ToInstancePacketLossRate',
  dimensions: [
    dim('Instance ID', 'i-1'),
    dim('Participant', 'Agent'),
    dim('Stream Type', 'Voice'),
    dim('Type of Connection', 'WebRTC'),
  ],
};

interface Result {
  Id: string;
  Label: string;
  Timestamps: number[];
  Values: number[];
  StatusCode: string;
}
interface Output {
  MetricDataResults: Result[];
  Messages: unknown[];
  NextToken?: string;
}

/** The last two hours of QueueSize of "Basic", one point a minute, value = minutes since NOW - 2 h. */
function world() {
  const metrics = new FakeMetricSource().add(
    queueSize('Basic'),
    points(NOW - 2 * HOUR, 120, (i) => i)
  );
  metrics.add(
    queueSize('Billing'),
    points(NOW - 2 * HOUR, 120, (i) => 100 + i)
  );
  return { clock: frozenClock(NOW), metrics };
}

function metricQuery(
  id: string,
  metric: MetricIdentity,
  period: number,
  stat: string,
  extra: Record<string, unknown> = {}
) {
  return {
    Id: id,
    MetricStat: {
      Metric: { Namespace: metric.namespace, MetricName: metric.metricName, Dimensions: metric.dimensions },
      Period: period,
      Stat: stat,
    },
    ...extra,
  };
}

function call(body: Record<string, unknown>, sim = world()): Output {
  // Through JSON, as the protocol layer would send it: proves timestamps are JSON numbers.
  return JSON.parse(JSON.stringify(getMetricData({ body, region: REGION }, sim).body)) as Output;
}

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

const lastHour = { StartTime: NOW - HOUR, EndTime: NOW };

describe('GetMetricData: data', () => {
  it('returns period buckets newest first by default, labelled with the metric name', () => {
    const out = call({ MetricDataQueries: [metricQuery('m1', queueSize('Basic'), 300, 'Sum')], ...lastHour });
    expect(out.Messages).toEqual([]);
    expect(out.NextToken).toBeUndefined();
    const [r] = out.MetricDataResults;
    expect(r.Id).toBe('m1');
    expect(r.Label).toBe('QueueSize');
    expect(r.StatusCode).toBe('Complete');
    expect(r.Timestamps).toHaveLength(12);
    expect(r.Timestamps[0]).toBe(NOW - 300);
    expect(r.Timestamps[11]).toBe(NOW - HOUR);
    // minutes 115..119 of the series
    expect(r.Values[0]).toBe(115 + 116 + 117 + 118 + 119);
    expect(r.Values[11]).toBe(60 + 61 + 62 + 63 + 64);
    expect(typeof r.Timestamps[0]).toBe('number');
  });

  it('computes every statistic over the bucket', () => {
    const stats = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount', 'p50'];
    const out = call({
      MetricDataQueries: stats.map((s, i) => metricQuery(`q${i}`, queueSize('Basic'), 600, s)),
      StartTime: NOW - 600,
      EndTime: NOW,
    });
    // minutes 110..119
    expect(out.MetricDataResults.map((r) => r.Values)).toEqual([[114.5], [1145], [110], [119], [10], [114]]);
  });

  it('orders ascending with ScanBy TimestampAscending', () => {
    const out = call({
      MetricDataQueries: [metricQuery('m1', queueSize('Basic'), 900, 'Maximum')],
      ...lastHour,
      ScanBy: 'TimestampAscending',
    });
    expect(out.MetricDataResults[0].Timestamps).toEqual([NOW - HOUR, NOW - 2700, NOW - 1800, NOW - 900]);
    expect(out.MetricDataResults[0].Values).toEqual([74, 89, 104, 119]);
  });

  it('treats StartTime as inclusive and EndTime as exclusive', () => {
    const out = call({
      MetricDataQueries: [metricQuery('m1', queueSize('Basic'), 60, 'Maximum')],
      StartTime: NOW - 600,
      EndTime: NOW - 300,
      ScanBy: 'TimestampAscending',
    });
    expect(out.MetricDataResults[0].Timestamps).toEqual([NOW - 600, NOW - 540, NOW - 480, NOW - 420, NOW - 360]);
  });

  it('rounds StartTime down to the minute as CloudWatch documents', () => {
    const out = call({
      MetricDataQueries: [metricQuery('m1', queueSize('Basic'), 60, 'Maximum')],
      StartTime: NOW - 600 + 34,
      EndTime: NOW - 480,
      ScanBy: 'TimestampAscending',
    });
    expect(out.MetricDataResults[0].Timestamps).toEqual([NOW - 600, NOW - 540]);
  });

  it('returns a bucket that starts before EndTime whole', () => {
    const out = call({
      MetricDataQueries: [metricQuery('m1', queueSize('Basic'), 600, 'SampleCount')],
      StartTime: NOW - 1200,
      EndTime: NOW - 500,
    });
    expect(out.MetricDataResults[0].Timestamps).toEqual([NOW - 600, NOW - 1200]);
    expect(out.MetricDataResults[0].Values).toEqual([10, 10]);
  });

  it('matches dimensions in any order', () => {
    const q = metricQuery('m1', queueSize('Basic'), 3600, 'SampleCount');
    q.MetricStat.Metric.Dimensions = [...q.MetricStat.Metric.Dimensions].reverse();
    expect(call({ MetricDataQueries: [q], ...lastHour }).MetricDataResults[0].Values).toEqual([60]);
  });

  it('gives nothing for an unknown metric or dimension set', () => {
    const q = metricQuery('m1', { ...queueSize('Basic'), dimensions: [dim('InstanceId', 'i-1')] }, 60, 'Sum');
    expect(call({ MetricDataQueries: [q], ...lastHour }).MetricDataResults[0]).toMatchObject({
      Timestamps: [],
      Values: [],
      StatusCode: 'Complete',
    });
  });

  it('honours a Unit filter: the published unit gives data, another unit none', () => {
    const withUnit = (Unit: string) => {
      const q = metricQuery('m1', queueSize('Basic'), 3600, 'SampleCount');
      return call({ MetricDataQueries: [{ ...q, MetricStat: { ...q.MetricStat, Unit } }], ...lastHour })
        .MetricDataResults[0].Values;
    };
    expect(withUnit('Count')).toEqual([60]);
    expect(withUnit('Seconds')).toEqual([]);
  });

  describe('period and retention rules', () => {
    // One point at each age; the data itself is always there, the rules decide what is returned.
    const ages = [1 * HOUR, 4 * HOUR, 16 * DAY, 70 * DAY, 460 * DAY];
    function agedWorld() {
      const metrics = new FakeMetricSource().add(
        queueSize('Basic'),
        ages.map((a) => point(NOW - a, 1))
      );
      metrics.add(packetLoss, [point(NOW - 4 * HOUR, 0.1), point(NOW - 1 * HOUR, 0.2), point(NOW - HOUR + 10, 0.3)], {
        resolution: 10,
      });
      return { clock: frozenClock(NOW), metrics };
    }
    const agesWithData = (metric: MetricIdentity, period: number) =>
      call(
        { MetricDataQueries: [metricQuery('m1', metric, period, 'Sum')], StartTime: NOW - 500 * DAY, EndTime: NOW },
        agedWorld()
      ).MetricDataResults[0].Timestamps.map((t) => NOW - t);

    it('1-minute periods only reach back 15 days', () => {
      expect(agesWithData(queueSize('Basic'), 60)).toEqual([1 * HOUR, 4 * HOUR]);
    });
    it('5-minute periods reach back 63 days', () => {
      expect(agesWithData(queueSize('Basic'), 300)).toEqual([1 * HOUR, 4 * HOUR, 16 * DAY]);
    });
    it('1-hour periods reach back 455 days, and nothing is older', () => {
      expect(agesWithData(queueSize('Basic'), 3600)).toEqual([1 * HOUR, 4 * HOUR, 16 * DAY, 70 * DAY]);
    });
    it('sub-minute periods give data only for 10-second metrics and only for the last 3 hours', () => {
      expect(agesWithData(queueSize('Basic'), 30)).toEqual([]);
      expect(agesWithData(packetLoss, 10)).toEqual([HOUR - 10, HOUR]);
      expect(agesWithData(packetLoss, 60)).toEqual([HOUR, 4 * HOUR]);
    });
  });

  it('stops at the published data of "now" (no future buckets)', () => {
    const sim = world();
    sim.metrics.add(
      queueSize('Future'),
      points(NOW - 120, 5, () => 1)
    );
    const out = call(
      {
        MetricDataQueries: [metricQuery('m1', queueSize('Future'), 60, 'Sum')],
        StartTime: NOW - 600,
        EndTime: NOW + 600,
      },
      sim
    );
    expect(out.MetricDataResults[0].Timestamps).toEqual([NOW - 60, NOW - 120]);
  });
});

describe('GetMetricData: math and labels', () => {
  it('evaluates expressions over other queries; ReturnData false queries are used but not returned', () => {
    const out = call({
      MetricDataQueries: [
        metricQuery('m1', queueSize('Basic'), 3600, 'Maximum', { ReturnData: false }),
        metricQuery('m2', queueSize('Billing'), 3600, 'Maximum', { ReturnData: false }),
        { Id: 'e1', Expression: 'm1 + m2' },
        { Id: 'e2', Expression: '-(e1 - 2) / 2', Label: 'half' },
        { Id: 'e3', Expression: '2 * 3' },
      ],
      ...lastHour,
    });
    expect(out.MetricDataResults.map((r) => [r.Id, r.Label, r.Values, r.StatusCode])).toEqual([
      ['e1', 'e1', [119 + 219], 'Complete'],
      ['e2', 'half', [-(119 + 219 - 2) / 2], 'Complete'],
      ['e3', 'e3', [], 'Complete'],
    ]);
    expect(out.MetricDataResults[0].Timestamps).toEqual([NOW - HOUR]);
  });

  it('evaluates expressions that reference later queries', () => {
    const out = call({
      MetricDataQueries: [
        { Id: 'e1', Expression: 'm1 * 10' },
        metricQuery('m1', queueSize('Basic'), 3600, 'Minimum', { ReturnData: false }),
      ],
      ...lastHour,
    });
    expect(out.MetricDataResults).toHaveLength(1);
    expect(out.MetricDataResults[0].Values).toEqual([600]);
  });

  it('does not fetch metric queries nothing uses', () => {
    const sim = world();
    call(
      {
        MetricDataQueries: [
          metricQuery('m1', queueSize('Basic'), 60, 'Sum'),
          metricQuery('unused', queueSize('Billing'), 60, 'Sum', { ReturnData: false }),
        ],
        ...lastHour,
      },
      sim
    );
    expect(sim.metrics.seriesCalls).toBe(1);
  });

  // Basic is i, Billing 100 + i at minute i of the two hours; the last hour's maxima are 119 and 219.
  const both = [
    metricQuery('basic', queueSize('Basic'), 3600, 'Maximum', { ReturnData: false, Label: 'Basic' }),
    metricQuery('billing', queueSize('Billing'), 3600, 'Maximum', { ReturnData: false, Label: 'Billing' }),
  ];
  const resultsOf = (out: Output) => out.MetricDataResults.map((r) => [r.Id, r.Label, r.Values]);

  it('sums METRICS() (every metric query, returned or not) into one series', () => {
    const out = call({ MetricDataQueries: [...both, { Id: 'total', Expression: 'SUM(METRICS())' }], ...lastHour });
    expect(resultsOf(out)).toEqual([['total', 'total', [338]]]);
    expect(out.MetricDataResults[0].Timestamps).toEqual([NOW - HOUR]);
  });

  it("filters METRICS('text') on the query Id, and leaves expressions out", () => {
    const out = call({
      MetricDataQueries: [
        ...both,
        { Id: 'billing_x2', Expression: 'billing * 2', ReturnData: false },
        { Id: 'e1', Expression: "SUM(METRICS('bill'))" },
        { Id: 'e2', Expression: "METRIC_COUNT(METRICS('i')) * basic" },
      ],
      ...lastHour,
    });
    // only "billing" matches 'bill' (billing_x2 is an expression); 'i' matches both metric Ids
    expect(resultsOf(out)).toEqual([
      ['e1', 'e1', [219]],
      ['e2', 'e2', [238]],
    ]);
  });

  it('returns an array of series as several results with the Id of the expression', () => {
    const out = call({
      MetricDataQueries: [
        ...both,
        { Id: 'plain', Expression: 'METRICS() * 2' },
        { Id: 'labelled', Expression: '[basic, billing] - 100', Label: 'Minus 100:' },
        { Id: 'dynamic', Expression: "METRICS('basic')", Label: "${PROP('Dim.QueueName')}/${PROP('Stat')}" },
      ],
      ...lastHour,
    });
    expect(resultsOf(out)).toEqual([
      ['plain', 'Basic', [238]],
      ['plain', 'Billing', [438]],
      ['labelled', 'Minus 100: Basic', [19]],
      ['labelled', 'Minus 100: Billing', [119]],
      ['dynamic', 'Basic/Maximum Basic', [119]],
    ]);
  });

  it('fills the buckets of the requested range that have no data (constant, REPEAT, LINEAR)', () => {
    const sim = world();
    sim.metrics.add(queueSize('Sparse'), [point(NOW - 3000, 1), point(NOW - 60, 2)]);
    const out = call(
      {
        MetricDataQueries: [
          metricQuery('m1', queueSize('Sparse'), 60, 'Sum', { ReturnData: false }),
          { Id: 'zero', Expression: 'FILL(m1, 0)' },
          { Id: 'repeat', Expression: 'FILL(m1, REPEAT)' },
          { Id: 'linear', Expression: 'FILL(m1, LINEAR)' },
        ],
        ...lastHour,
        ScanBy: 'TimestampAscending',
      },
      sim
    );
    const [zero, repeat, linear] = out.MetricDataResults;
    // the hour has 60 one-minute buckets, NOW - 3600 to NOW - 60
    expect(zero.Timestamps).toHaveLength(60);
    expect(zero.Timestamps[0]).toBe(NOW - 3600);
    expect(zero.Values.filter((v) => v !== 0)).toEqual([1, 2]);
    // nothing before the first value to repeat: 10 buckets empty, then 49 ones and the 2
    expect(repeat.Timestamps[0]).toBe(NOW - 3000);
    expect(repeat.Values).toEqual([...Array(49).fill(1), 2]);
    // 49 minutes from 1 to 2: bucket k after NOW - 3000 is 1 + k/49
    expect(linear.Timestamps).toEqual(repeat.Timestamps);
    expect(linear.Values[7]).toBeCloseTo(1 + 7 / 49, 12);
    expect(linear.Values[49]).toBe(2);
  });

  it('substitutes dynamic labels in user labels', () => {
    const out = call({
      MetricDataQueries: [
        metricQuery('m1', queueSize('Basic'), 300, 'Maximum', {
          Label: "${PROP('Dim.QueueName')} ${PROP('Stat')}/${PROP('Period')}",
        }),
        metricQuery('m2', queueSize('Billing'), 300, 'p90', {
          Label: "${LABEL} of ${PROP('Dim.QueueName')} in ${PROP('Namespace')}",
        }),
      ],
      ...lastHour,
    });
    expect(out.MetricDataResults.map((r) => r.Label)).toEqual([
      'Basic Maximum/300',
      'QueueSize of Billing in AWS/Connect',
    ]);
  });
});

describe('GetMetricData: validation', () => {
  const one = (q: Record<string, unknown>, rest: Record<string, unknown> = lastHour) => ({
    MetricDataQueries: [q],
    ...rest,
  });
  const good = metricQuery('m1', queueSize('Basic'), 60, 'Sum');
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['no queries', { ...lastHour }, 'MissingParameter', /MetricDataQueries is required/],
    ['empty queries', { MetricDataQueries: [], ...lastHour }, 'InvalidParameterValue', /at least 1/],
    ['missing Id', one({ Expression: '1' }), 'MissingParameter', /MetricDataQueries\.1\.Id is required/],
    [
      'uppercase first letter',
      one({ ...good, Id: 'M1' }),
      'InvalidParameterValue',
      /M1 for parameter MetricDataQueries\.1\.Id is not valid.*lowercase/,
    ],
    ['bad character', one({ ...good, Id: 'm-1' }), 'InvalidParameterValue', /MetricDataQueries\.1\.Id/],
    ['digit first', one({ ...good, Id: '1m' }), 'InvalidParameterValue', /MetricDataQueries\.1\.Id/],
    [
      'duplicate Id',
      {
        MetricDataQueries: [good, metricQuery('m2', queueSize('Basic'), 60, 'Sum'), { Id: 'm1', Expression: 'm2' }],
        ...lastHour,
      },
      'InvalidParameterValue',
      /MetricDataQueries\.3\.Id is already used by MetricDataQueries\.1\.Id/,
    ],
    [
      'both MetricStat and Expression',
      one({ ...good, Expression: '1' }),
      'InvalidParameterCombination',
      /MetricDataQueries\.1 .*exactly one.*both/,
    ],
    ['neither', one({ Id: 'm1' }), 'InvalidParameterCombination', /neither/],
    [
      'missing Namespace',
      one({ Id: 'm1', MetricStat: { Metric: { MetricName: 'QueueSize' }, Period: 60, Stat: 'Sum' } }),
      'MissingParameter',
      /MetricDataQueries\.1\.MetricStat\.Metric\.Namespace is required/,
    ],
    [
      'missing MetricName',
      one({ Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/Connect' }, Period: 60, Stat: 'Sum' } }),
      'MissingParameter',
      /MetricStat\.Metric\.MetricName is required/,
    ],
    [
      'missing Period',
      one({ Id: 'm1', MetricStat: { ...good.MetricStat, Period: undefined } }),
      'MissingParameter',
      /MetricStat\.Period is required/,
    ],
    [
      'missing Stat',
      one({ Id: 'm1', MetricStat: { ...good.MetricStat, Stat: undefined } }),
      'MissingParameter',
      /MetricStat\.Stat is required/,
    ],
    [
      'period 45',
      one(metricQuery('m1', queueSize('Basic'), 45, 'Sum')),
      'InvalidParameterValue',
      /45 for parameter MetricDataQueries\.1\.MetricStat\.Period.*1, 5, 10, 20, 30 or a multiple of 60/,
    ],
    ['period 0', one(metricQuery('m1', queueSize('Basic'), 0, 'Sum')), 'InvalidParameterValue', /MetricStat\.Period/],
    [
      'unknown stat',
      one(metricQuery('m1', queueSize('Basic'), 60, 'Avg')),
      'InvalidParameterValue',
      /Avg for parameter MetricDataQueries\.1\.MetricStat\.Stat/,
    ],
    ['p101', one(metricQuery('m1', queueSize('Basic'), 60, 'p101')), 'InvalidParameterValue', /MetricStat\.Stat/],
    [
      'bad unit',
      one({ Id: 'm1', MetricStat: { ...good.MetricStat, Unit: 'Furlongs' } }),
      'InvalidParameterValue',
      /MetricStat\.Unit/,
    ],
    [
      '31 dimensions',
      one({
        Id: 'm1',
        MetricStat: {
          ...good.MetricStat,
          Metric: {
            Namespace: 'X',
            MetricName: 'Y',
            Dimensions: Array.from({ length: 31 }, (_, i) => dim(`d${i}`, 'v')),
          },
        },
      }),
      'InvalidParameterValue',
      /MetricDataQueries\.1\.MetricStat\.Metric\.Dimensions must not have a size greater than 30/,
    ],
    ['missing StartTime', { MetricDataQueries: [good], EndTime: NOW }, 'MissingParameter', /StartTime is required/],
    ['missing EndTime', { MetricDataQueries: [good], StartTime: NOW - 60 }, 'MissingParameter', /EndTime is required/],
    [
      'StartTime = EndTime',
      one(good, { StartTime: NOW, EndTime: NOW }),
      'InvalidParameterValue',
      /StartTime must be less than the parameter EndTime/,
    ],
    [
      'ISO timestamp',
      one(good, { StartTime: '2026-01-01T00:00:00Z', EndTime: NOW }),
      'InvalidParameterValue',
      /StartTime must be a timestamp/,
    ],
    ['MaxDatapoints 0', one(good, { ...lastHour, MaxDatapoints: 0 }), 'InvalidParameterValue', /MaxDatapoints/],
    ['MaxDatapoints 1.5', one(good, { ...lastHour, MaxDatapoints: 1.5 }), 'InvalidParameterValue', /MaxDatapoints/],
    [
      'bad ScanBy',
      one(good, { ...lastHour, ScanBy: 'Newest' }),
      'InvalidParameterValue',
      /Newest for parameter ScanBy/,
    ],
    [
      'ReturnData not boolean',
      one({ ...good, ReturnData: 'yes' }),
      'InvalidParameterValue',
      /MetricDataQueries\.1\.ReturnData/,
    ],
    [
      'bad timezone',
      one(good, { ...lastHour, LabelOptions: { Timezone: 'UTC' } }),
      'InvalidParameterValue',
      /LabelOptions\.Timezone/,
    ],
  ];
  it.each(cases)('%s', (_name, body, queryCode, message) => {
    const err = errorOf(() => getMetricData({ body, region: REGION }, world()));
    expect(err.options.queryCode).toBe(queryCode);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(message);
  });

  it("refuses more than 500 queries with CloudWatch's message", () => {
    const body = {
      MetricDataQueries: Array.from({ length: 501 }, (_, i) => ({ Id: `e${i}`, Expression: '1' })),
      ...lastHour,
    };
    const err = errorOf(() => getMetricData({ body, region: REGION }, world()));
    expect(err.options.queryCode).toBe('InvalidParameterValue');
    expect(err.message).toBe('The collection MetricDataQueries must not have a size greater than 500.');
    body.MetricDataQueries.pop();
    expect(call(body).MetricDataResults).toHaveLength(500);
  });

  const expressionCases: Array<[string, Array<Record<string, unknown>>, RegExp]> = [
    [
      'an unknown id',
      [good, { Id: 'e1', Expression: 'm1 + m9' }],
      /^Error in expression 'e1' \(MetricDataQueries\.2\.Expression\): m9 is not the Id of a query/,
    ],
    ['a self reference', [{ Id: 'e1', Expression: 'e1 + 1' }], /expression 'e1' .*circular reference e1 -> e1/],
    [
      'a cycle',
      [good, { Id: 'e1', Expression: 'e2 + m1' }, { Id: 'e2', Expression: 'e1 * 2' }],
      /expression 'e1' \(MetricDataQueries\.2\.Expression\): circular reference e1 -> e2 -> e1/,
    ],
    [
      'SEARCH',
      [{ Id: 'e1', Expression: "SEARCH('{AWS/Connect,InstanceId,MetricGroup,QueueName} QueueSize', 'Maximum', 300)" }],
      /expression 'e1' .*SEARCH\(\) is not supported by the simulator \(it evaluates ABS, AVG/,
    ],
    [
      'an unknown function',
      [good, { Id: 'e1', Expression: 'FOO(m1, 0)' }],
      /expression 'e1' \(MetricDataQueries\.2\.Expression\): Function 'FOO' not found$/,
    ],
    ['a function in lower case', [good, { Id: 'e1', Expression: 'sum(m1)' }], /Function 'sum' not found \(functions/],
    ['too few arguments', [good, { Id: 'e1', Expression: 'FILL(m1)' }], /FILL takes 2 arguments, got 1/],
    ['too many arguments', [good, { Id: 'e1', Expression: 'IF(m1, 1, 2, 3)' }], /IF takes 2 to 3 arguments, got 4/],
    ['a bad FILL keyword', [good, { Id: 'e1', Expression: 'FILL(m1, NEAREST)' }], /FILL fills with .*keyword NEAREST/],
    ['an array in IF', [good, { Id: 'e1', Expression: 'IF(METRICS() > 1, 1)' }], /IF takes single time series/],
    ['two arrays', [good, { Id: 'e1', Expression: 'METRICS() + METRICS()' }], /between two arrays/],
    ['RATE of a number', [good, { Id: 'e1', Expression: 'RATE(2)' }], /RATE takes a time series .*got a number/],
    [
      'PERIOD of an expression',
      [good, { Id: 'e1', Expression: 'm1 * 2' }, { Id: 'e2', Expression: 'PERIOD(e1)' }],
      /PERIOD takes the Id of a metric query/,
    ],
    ['a bare string', [good, { Id: 'e1', Expression: "'m1'" }], /the expression is the string 'm1'/],
    [
      'Metrics Insights',
      [{ Id: 'q1', Expression: 'SELECT MAX(QueueSize) FROM "AWS/Connect"' }],
      /expression 'q1' .*Metrics Insights/,
    ],
    ['a syntax error', [good, { Id: 'e1', Expression: 'm1 +* 2' }], /expression 'e1' .*unexpected '\*'/],
  ];
  it.each(expressionCases)(
    'refuses an expression with %s: 400 ValidationError, as CloudWatch',
    (_name, queries, message) => {
      const err = errorOf(() =>
        getMetricData({ body: { MetricDataQueries: queries, ...lastHour }, region: REGION }, world())
      );
      expect(err.options.queryCode).toBe('ValidationError');
      expect(err.status).toBe(400);
      expect(err.message).toMatch(message);
    }
  );
});

describe('GetMetricData: pagination', () => {
  function busyWorld() {
    const sim = world();
    // Data ahead of NOW too: only what is published at "now" may be returned, on every page.
    sim.metrics.add(queueSize('Sparse'), [point(NOW - 3000, 1), point(NOW - 60, 2), point(NOW + 600, 3)]);
    return sim;
  }
  const queries = [
    metricQuery('m1', queueSize('Basic'), 300, 'Sum'),
    metricQuery('empty', queueSize('Nowhere'), 300, 'Sum'),
    metricQuery('m2', queueSize('Billing'), 60, 'Maximum', { ReturnData: false }),
    metricQuery('m3', queueSize('Sparse'), 60, 'Maximum'),
    { Id: 'e1', Expression: 'm2 - 100' },
  ];
  const request = (scanBy: string) => ({ MetricDataQueries: queries, ...lastHour, ScanBy: scanBy });

  /** Follows NextToken to the end; returns the concatenated series per Id and the pages. */
  function allPages(body: Record<string, unknown>, sim: ReturnType<typeof busyWorld>, between?: () => void) {
    const merged = new Map<string, { Timestamps: number[]; Values: number[] }>();
    const pages: Output[] = [];
    let token: string | undefined;
    do {
      const page = call({ ...body, ...(token ? { NextToken: token } : {}) }, sim);
      pages.push(page);
      for (const r of page.MetricDataResults) {
        const m = merged.get(r.Id) ?? { Timestamps: [], Values: [] };
        m.Timestamps.push(...r.Timestamps);
        m.Values.push(...r.Values);
        merged.set(r.Id, m);
      }
      token = page.NextToken;
      between?.();
    } while (token && pages.length < 100);
    return { merged, pages };
  }

  it.each(['TimestampDescending', 'TimestampAscending'])(
    'pages concatenate to the unpaginated result (%s)',
    (scanBy) => {
      const full = call(request(scanBy), busyWorld());
      expect(full.NextToken).toBeUndefined();
      const total = full.MetricDataResults.reduce((n, r) => n + r.Values.length, 0);
      expect(total).toBe(12 + 0 + 2 + 60);

      const sim = busyWorld();
      const { merged, pages } = allPages({ ...request(scanBy), MaxDatapoints: 7 }, sim);
      expect(pages).toHaveLength(Math.ceil(total / 7));
      for (const r of full.MetricDataResults) {
        expect(merged.get(r.Id)).toEqual({ Timestamps: r.Timestamps, Values: r.Values });
      }
      for (const page of pages) {
        expect(page.MetricDataResults.map((r) => r.Id)).toEqual(['m1', 'empty', 'm3', 'e1']);
        expect(page.MetricDataResults.reduce((n, r) => n + r.Values.length, 0)).toBeLessThanOrEqual(7);
      }
      expect(pages[pages.length - 1].NextToken).toBeUndefined();
    }
  );

  it('pages the series of an array expression one after the other', () => {
    const body = {
      MetricDataQueries: [
        metricQuery('m1', queueSize('Basic'), 300, 'Sum', { ReturnData: false, Label: 'Basic' }),
        metricQuery('m2', queueSize('Billing'), 60, 'Maximum', { ReturnData: false, Label: 'Billing' }),
        { Id: 'arr', Expression: 'METRICS() * 1' },
      ],
      ...lastHour,
    };
    const full = call(body);
    expect(full.MetricDataResults.map((r) => [r.Id, r.Label, r.Values.length])).toEqual([
      ['arr', 'Basic', 12],
      ['arr', 'Billing', 60],
    ]);
    const merged = new Map<string, number[]>();
    let token: string | undefined;
    let pages = 0;
    do {
      const page = call({ ...body, MaxDatapoints: 7, ...(token ? { NextToken: token } : {}) });
      expect(page.MetricDataResults.map((r) => r.Label)).toEqual(['Basic', 'Billing']);
      for (const r of page.MetricDataResults) {
        merged.set(r.Label, [...(merged.get(r.Label) ?? []), ...r.Values]);
      }
      token = page.NextToken;
      pages++;
    } while (token && pages < 100);
    expect(pages).toBe(Math.ceil(72 / 7));
    expect(merged.get('Basic')).toEqual(full.MetricDataResults[0].Values);
    expect(merged.get('Billing')).toEqual(full.MetricDataResults[1].Values);
  });

  it('marks the cut result and the results not started PartialData', () => {
    const first = call({ ...request('TimestampDescending'), MaxDatapoints: 13 }, busyWorld());
    expect(first.NextToken).toEqual(expect.any(String));
    expect(first.MetricDataResults.map((r) => [r.Id, r.Values.length, r.StatusCode])).toEqual([
      ['m1', 12, 'Complete'],
      ['empty', 0, 'Complete'],
      ['m3', 1, 'PartialData'],
      ['e1', 0, 'PartialData'],
    ]);
    const second = call(
      { ...request('TimestampDescending'), MaxDatapoints: 13, NextToken: first.NextToken },
      busyWorld()
    );
    expect(second.MetricDataResults.map((r) => [r.Id, r.Values.length, r.StatusCode])).toEqual([
      ['m1', 0, 'Complete'],
      ['empty', 0, 'Complete'],
      ['m3', 1, 'Complete'],
      ['e1', 12, 'PartialData'],
    ]);
  });

  it('keeps later pages on the data of the first page while the clock moves', () => {
    const frozen = call(request('TimestampDescending'), busyWorld());
    const sim = busyWorld();
    const { merged } = allPages({ ...request('TimestampDescending'), MaxDatapoints: 5 }, sim, () =>
      sim.clock.advance(15 * 60 * 1000)
    );
    expect(merged.get('m3')).toEqual({
      Timestamps: frozen.MetricDataResults[2].Timestamps,
      Values: frozen.MetricDataResults[2].Values,
    });
  });

  it('accepts a different MaxDatapoints on the following page (it is a page size)', () => {
    const first = call({ ...request('TimestampAscending'), MaxDatapoints: 10 }, busyWorld());
    const second = call(
      { ...request('TimestampAscending'), MaxDatapoints: 1000, NextToken: first.NextToken },
      busyWorld()
    );
    expect(second.NextToken).toBeUndefined();
    expect(second.MetricDataResults[0].Values).toHaveLength(2);
  });

  it('refuses a token used with another request, and garbage, with InvalidNextToken', () => {
    const first = call({ ...request('TimestampDescending'), MaxDatapoints: 5 }, busyWorld());
    const replay = (body: Record<string, unknown>) =>
      errorOf(() => getMetricData({ body: { ...body, NextToken: first.NextToken }, region: REGION }, busyWorld()));
    for (const other of [
      { ...request('TimestampDescending'), StartTime: NOW - 2 * HOUR },
      request('TimestampAscending'),
      { ...request('TimestampDescending'), MetricDataQueries: queries.slice(0, 2) },
    ]) {
      const err = replay(other);
      expect(err.code).toBe('InvalidNextToken');
      expect(err.options.queryCode).toBe('InvalidNextToken');
    }
    expect(
      errorOf(() =>
        getMetricData(
          { body: { ...request('TimestampDescending'), NextToken: first.NextToken }, region: 'eu-west-2' },
          busyWorld()
        )
      ).code
    ).toBe('InvalidNextToken');
    for (const garbage of [
      'garbage',
      'not base64!',
      Buffer.from('{"q":-1,"t":null,"n":1,"f":"x"}').toString('base64url'),
    ]) {
      const err = errorOf(() =>
        getMetricData({ body: { ...request('TimestampDescending'), NextToken: garbage }, region: REGION }, busyWorld())
      );
      expect(err.code).toBe('InvalidNextToken');
    }
  });
});

describe('GetMetricData: operation spec and volume', () => {
  it('registers every operation under the CloudWatch x-amz-target and the awsQuery Action of the same name', () => {
    expect(cloudWatchOperations().map((o) => [o.service, o.name, o.target, o.query?.action])).toEqual([
      ['cloudwatch', 'GetMetricData', 'GraniteServiceVersion20100801.GetMetricData', 'GetMetricData'],
      ['cloudwatch', 'GetMetricStatistics', 'GraniteServiceVersion20100801.GetMetricStatistics', 'GetMetricStatistics'],
      ['cloudwatch', 'ListMetrics', 'GraniteServiceVersion20100801.ListMetrics', 'ListMetrics'],
    ]);
    expect(cloudWatchOperations().map((o) => [o.query?.version, o.query?.resultWrapper])).toEqual([
      ['2010-08-01', 'GetMetricDataResult'],
      ['2010-08-01', 'GetMetricStatisticsResult'],
      ['2010-08-01', 'ListMetricsResult'],
    ]);
  });

  // Speed is measured by the benchmark (npm run bench:sim), not asserted here.
  it('cuts 500 queries x 1,440 points at 100,800 data points and pages the rest', () => {
    const metrics = new FakeMetricSource();
    const ids = Array.from({ length: 500 }, (_, i) => `q${i}`);
    ids.forEach((q, i) =>
      metrics.add(
        queueSize(q),
        points(NOW - DAY, 1440, (k) => (k * 7 + i) % 13)
      )
    );
    const sim = { clock: frozenClock(NOW), metrics };
    const body = {
      MetricDataQueries: ids.map((q, i) => metricQuery(`m${i}`, queueSize(q), 60, i % 2 ? 'Average' : 'Maximum')),
      StartTime: NOW - DAY,
      EndTime: NOW,
    };
    const out = getMetricData({ body, region: REGION }, sim).body as Output;
    // 720,000 points are computed; one call returns at most 100,800 of them (70 full results), then pages.
    expect(out.MetricDataResults).toHaveLength(500);
    expect(out.MetricDataResults.reduce((n, r) => n + r.Values.length, 0)).toBe(100_800);
    expect(out.MetricDataResults.filter((r) => r.StatusCode === 'Complete')).toHaveLength(70);
    expect(out.NextToken).toEqual(expect.any(String));
  });
});
