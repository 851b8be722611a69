import { idsReadBy, metricsCalls, writtenIds } from './mathReferences';

// fact: cloudwatch-metric-math: "METRICS() returns all CloudWatch metrics in the request. Math expressions aren't
// included"; METRICS('errors') the metrics "that have 'errors' in their Id field".
describe('the queries a math expression reads', () => {
  const metricIds = ['expired', 'expired_0', 'warned', 'calls'];

  it('finds written ids, not function names or strings', () => {
    expect(writtenIds('100 * lost / sent')).toEqual(['lost', 'sent']);
    expect(writtenIds("SUM(METRICS('expired')) + FILL(a, REPEAT)")).toEqual(['a']);
  });

  it('expands METRICS() to every metric query and METRICS(x) to the ids containing x', () => {
    expect(metricsCalls('SUM(METRICS()) + MAX(METRICS(\'warn\')) + METRICS("x")')).toEqual([undefined, 'warn', 'x']);
    expect(idsReadBy("SUM(METRICS('expired'))", metricIds)).toEqual(['expired', 'expired_0']);
    expect(idsReadBy('AVG(METRICS())', metricIds)).toEqual(metricIds);
    expect(idsReadBy("a / SUM(METRICS('calls'))", metricIds)).toEqual(['a', 'calls']);
    expect(idsReadBy("SUM(METRICS('nothing'))", metricIds)).toEqual([]);
  });
});
