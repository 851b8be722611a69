import { findMetric } from '../../connect/cloudwatchCatalog';
import { defaultQuery, type CloudWatchQuery } from '../../connect/proxyApi';
import { applyCatalogMetric, cloudwatchProblems, idProblem, periodProblem, statisticProblem } from './cloudwatchChecks';

const base = { ...defaultQuery('cloudwatch', 'B'), metricName: 'QueueSize' } as CloudWatchQuery;

describe('CloudWatch checks', () => {
  it('period: auto, 1, 5, 10, 20, 30 or a multiple of 60', () => {
    for (const ok of ['auto', 1, 5, 10, 20, 30, 60, 120, 3600, '300'] as const) {
      expect(periodProblem(ok)).toBeUndefined();
    }
    expect(periodProblem(45)).toBe('must be 1, 5, 10, 20, 30 or a multiple of 60 seconds (got 45)');
    expect(periodProblem(0)).toMatch(/got 0/);
    expect(periodProblem('5m')).toMatch(/got 5m/);
  });

  it('id: a lower-case letter, then letters, digits and underscores', () => {
    expect(idProblem(undefined)).toBeUndefined();
    expect(idProblem('queue_1A')).toBeUndefined();
    expect(idProblem('Queue')).toMatch(/must start with a lower-case letter/);
    expect(idProblem('q-1')).toMatch(/got "q-1"/);
  });

  it('statistic: the basic ones, percentiles, or a variable', () => {
    for (const s of ['Average', 'SampleCount', 'p99', 'p99.9', 'p100', '$stat']) {
      expect(statisticProblem(s)).toBeUndefined();
    }
    expect(statisticProblem('p999')).toMatch(/percentile such as p99/);
    expect(statisticProblem('max')).toMatch(/got "max"/);
  });

  it('names the field of each problem; an expression makes the metric fields irrelevant', () => {
    expect(cloudwatchProblems({ ...base, metricName: '' })).toEqual({
      metricName: ['choose a metric (or write a math expression)'],
    });
    expect(cloudwatchProblems({ ...base, dimensions: { QueueName: [] }, period: 7 })).toEqual({
      period: ['must be 1, 5, 10, 20, 30 or a multiple of 60 seconds (got 7)'],
      dimensions: ['QueueName: choose at least one value (or "*" for every value)'],
    });
    expect(cloudwatchProblems({ ...base, metricName: '', statistic: 'nope', expression: 'a*2' })).toEqual({});
  });

  it('a catalogue metric brings its statistic and first dimension set', () => {
    const q = applyCatalogMetric(base, findMetric('AWS/Connect', 'ContactFlowErrors')!, 'inst-9');
    expect(q).toMatchObject({
      metricName: 'ContactFlowErrors',
      statistic: 'Sum',
      dimensions: { InstanceId: ['inst-9'], MetricGroup: ['ContactFlow'], ContactFlowName: ['*'] },
    });
    const chime = applyCatalogMetric(base, findMetric('AWS/ChimeVoiceConnector', 'InboundCallsActive')!);
    expect(chime.dimensions).toEqual({ VoiceConnectorId: ['*'] });
  });
});
