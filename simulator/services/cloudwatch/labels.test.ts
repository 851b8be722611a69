import { defaultLabel, renderLabel, type LabelContext } from './labels';
import { dim } from './testSource';

const metricCtx: LabelContext = {
  id: 'm1',
  region: 'eu-west-2',
  metric: {
    namespace: 'AWS/Connect',
    metricName: 'QueueSize',
    dimensions: [dim('InstanceId', 'i-1'), dim('MetricGroup', 'Queue'), dim('QueueName', 'BasicQueue')],
  },
  period: 300,
  stat: 'Maximum',
};
const expressionCtx: LabelContext = { id: 'e1', region: 'eu-west-2' };

describe('labels', () => {
  it('defaults to the metric name for metric queries and the Id for expressions', () => {
    expect(defaultLabel(metricCtx)).toBe('QueueSize');
    expect(renderLabel(undefined, metricCtx)).toBe('QueueSize');
    expect(renderLabel('', metricCtx)).toBe('QueueSize');
    expect(renderLabel(undefined, expressionCtx)).toBe('e1');
  });

  it('keeps a plain label as it is', () => {
    expect(renderLabel('Queue depth', metricCtx)).toBe('Queue depth');
  });

  it('substitutes dynamic labels', () => {
    expect(renderLabel("${PROP('Dim.QueueName')}", metricCtx)).toBe('BasicQueue');
    expect(
      renderLabel("${PROP('Namespace')}/${PROP('MetricName')} ${PROP('Stat')} @${PROP('Period')}s", metricCtx)
    ).toBe('AWS/Connect/QueueSize Maximum @300s');
    expect(renderLabel('${LABEL} [${PROP("Dim.InstanceId")}]', metricCtx)).toBe('QueueSize [i-1]');
    expect(renderLabel("${ PROP( 'Region' ) }", metricCtx)).toBe('eu-west-2');
  });

  it('substitutes "" for properties that do not apply and leaves unknown placeholders alone', () => {
    expect(renderLabel("q=${PROP('Dim.RoutingProfile')}", metricCtx)).toBe('q=');
    expect(renderLabel("${LABEL}: ${PROP('MetricName')}", expressionCtx)).toBe('e1: ');
    expect(renderLabel('${AVG} avg', metricCtx)).toBe('${AVG} avg');
  });
});
