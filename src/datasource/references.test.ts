import { defaultQuery, type SwitchboardQuery } from '../connect/proxyApi';
import { queryId, referencedQueryIds } from './references';

const cw = (refId: string, extra: object = {}) =>
  ({ ...defaultQuery('cloudwatch', refId), ...extra }) as SwitchboardQuery;

describe('queryId', () => {
  it('is the id of a cloudwatch query, else its refId made a valid CloudWatch id', () => {
    expect(queryId(cw('A', { id: 'queue_size' }))).toBe('queue_size');
    expect(queryId(cw('B'))).toBe('b');
    expect(queryId(cw('Queue-1'))).toBe('queue_1');
    expect(queryId(cw('1st'))).toBe('q1st');
    // other query types have no id field: always the refId
    expect(queryId(defaultQuery('realtime', 'RT'))).toBe('rt');
  });
});

describe('referencedQueryIds', () => {
  it('collects the ids that expressions read, ignoring quoted strings and other query types', () => {
    const ids = referencedQueryIds([
      cw('A', { expression: 'a / b * 100' }),
      cw('C', { expression: 'SEARCH(\'{AWS/Connect,QueueName} MetricName="queue_c"\', "Maximum", 60) + c_2' }),
      cw('D'),
      defaultQuery('realtime', 'E'),
    ]);
    expect([...ids].sort()).toEqual(['a', 'b', 'c_2']);
  });

  it('finds nothing without expressions', () => {
    expect(referencedQueryIds([cw('A'), cw('B', { expression: '' })]).size).toBe(0);
  });
});
