import type { DataQuery } from '@grafana/schema';
import { DATASOURCE_TYPE, nameSources } from './connectorNames';

const ds = { type: DATASOURCE_TYPE, uid: 'sw' };
const q = (extra: Record<string, unknown>): DataQuery =>
  ({
    refId: 'A',
    datasource: ds,
    queryType: 'cloudwatch',
    namespace: 'AWS/ChimeVoiceConnector',
    ...extra,
  }) as DataQuery;
const replace = (s: string) => s.replace('$region', 'eu-west-2').replace('$ds', 'sw-2');

describe('nameSources', () => {
  it('asks once per Switchboard datasource and Region the Voice Connector queries used', () => {
    expect(
      nameSources(
        [
          q({ refId: 'A', metricName: 'MOSBetweenVcAndCustomer' }),
          q({ refId: 'B', metricName: 'RTTBetweenVcAndCustomer' }),
          q({ refId: 'C', region: '$region' }),
          q({ refId: 'D', datasource: { type: DATASOURCE_TYPE, uid: '$ds' } }),
        ],
        replace
      )
    ).toEqual([
      { datasourceUid: 'sw', region: '' },
      { datasourceUid: 'sw', region: 'eu-west-2' },
      { datasourceUid: 'sw-2', region: '' },
    ]);
  });

  it('skips other namespaces, query types, datasources and hidden queries', () => {
    expect(
      nameSources(
        [
          q({ namespace: 'AWS/Connect' }),
          q({ queryType: 'realtime' }),
          q({ datasource: { type: 'prometheus', uid: 'p' } }),
          q({ hide: true }),
          q({ datasource: undefined }),
        ],
        replace
      )
    ).toEqual([]);
    expect(nameSources(undefined, replace)).toEqual([]);
  });
});
