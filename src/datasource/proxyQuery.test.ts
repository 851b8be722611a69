import { toProxyQuery } from './proxyQuery';
import type { SwitchboardDataQuery } from './types';

describe('toProxyQuery', () => {
  it("drops Grafana's own fields and keeps every field of the query type", () => {
    const q = {
      refId: 'A',
      queryType: 'realtime',
      instanceId: 'i-1',
      filters: { queues: ['Billing'] },
      groupings: ['QUEUE'],
      metrics: ['CONTACTS_IN_QUEUE'],
      format: 'table',
      hide: false,
      datasource: { type: 'switchboard-connect-datasource', uid: 'switchboard' },
      key: 'Q-1',
    } as unknown as SwitchboardDataQuery;
    expect(toProxyQuery(q)).toEqual({
      refId: 'A',
      queryType: 'realtime',
      instanceId: 'i-1',
      filters: { queues: ['Billing'] },
      groupings: ['QUEUE'],
      metrics: ['CONTACTS_IN_QUEUE'],
      format: 'table',
      hide: false,
    });
  });

  it('keeps CloudWatch fields such as id, label and expression', () => {
    const q = {
      refId: 'B',
      queryType: 'cloudwatch',
      id: 'lost',
      expression: '100 * lost / sent',
      label: '${VoiceConnectorId}',
      datasource: { uid: 'x' },
    } as unknown as SwitchboardDataQuery;
    expect(toProxyQuery(q)).toEqual({
      refId: 'B',
      queryType: 'cloudwatch',
      id: 'lost',
      expression: '100 * lost / sent',
      label: '${VoiceConnectorId}',
    });
  });

  it('leaves a query of an unknown type for the proxy to refuse by name', () => {
    const q = { refId: 'C', queryType: 'bogus', datasource: {} } as unknown as SwitchboardDataQuery;
    expect(toProxyQuery(q)).toBe(q);
  });
});
