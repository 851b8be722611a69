import {
  CoreApp,
  FieldType,
  dateTime,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
} from '@grafana/data';
import { lastValueFrom, of, throwError } from 'rxjs';
import type { QueryRequest } from '../connect/proxyApi';
import { dashboardVariables } from './components/testUtils';
import { SwitchboardDataSource, toResponse } from './datasource';
import type { SwitchboardDataQuery, SwitchboardOptions } from './types';

const fetch = jest.fn();
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch }),
}));

const settings = {
  id: 7,
  uid: 'sb',
  type: 'switchboard-connect-datasource',
  name: 'Connect',
  url: '/api/datasources/proxy/uid/sb',
  access: 'proxy',
  readOnly: false,
  jsonData: { proxyUrl: 'http://proxy:8080', defaultInstanceId: 'inst-default' },
  meta: { id: 'switchboard-connect-datasource', name: 'Switchboard', type: 'datasource', info: {} },
} as unknown as DataSourceInstanceSettings<SwitchboardOptions>;

const templateSrv = () =>
  dashboardVariables([
    { name: 'instance', current: 'inst-1' },
    { name: 'queue', current: ['q-1', 'q-2'], options: ['q-1', 'q-2', 'q-3'] },
    { name: 'allQueues', current: '$__all', options: ['q-1', 'q-2', 'q-3'] },
    { name: 'queueName', current: ['$__all'], options: ['Sales', 'Support'], allValue: '*' },
  ]);

const frame = (name: string, value: number) => ({
  schema: {
    name,
    fields: [
      { name: 'Queue', type: 'string' },
      { name: 'CONTACTS_IN_QUEUE', type: 'number', config: { displayName: 'In queue', unit: 'short' } },
    ],
  },
  data: { values: [[name], [value]] },
});

function request(targets: SwitchboardDataQuery[]): DataQueryRequest<SwitchboardDataQuery> {
  const from = dateTime('2026-11-22T10:00:00Z');
  const to = dateTime('2026-11-22T11:00:00Z');
  return {
    requestId: 'Q-1',
    app: CoreApp.Dashboard,
    interval: '1m',
    intervalMs: 60000,
    maxDataPoints: 1000,
    range: { from, to, raw: { from, to } },
    scopedVars: {},
    targets,
    timezone: 'utc',
    startTime: 0,
  };
}

const realtime = (refId: string, extra: object = {}) =>
  ({
    refId,
    queryType: 'realtime',
    instanceId: '$instance',
    filters: { queues: ['$queue'], channels: ['VOICE'] },
    groupings: ['QUEUE'],
    metrics: ['CONTACTS_IN_QUEUE'],
    ...extra,
  }) as SwitchboardDataQuery;

const cloudwatch = (refId: string, extra: object = {}) =>
  ({
    refId,
    queryType: 'cloudwatch',
    namespace: 'AWS/Connect',
    metricName: 'QueueSize',
    dimensions: { InstanceId: ['$instance'], MetricGroup: ['Queue'], QueueName: ['$queueName'] },
    statistic: 'Maximum',
    period: 'auto',
    ...extra,
  }) as SwitchboardDataQuery;

function datasource() {
  return new SwitchboardDataSource(settings, templateSrv());
}

function sentBody(): QueryRequest {
  expect(fetch).toHaveBeenCalledTimes(1);
  return fetch.mock.calls[0][0].data;
}

beforeEach(() => {
  fetch.mockReset();
});

describe('SwitchboardDataSource.query', () => {
  it('sends every visible query of a refresh in ONE request through the route, interpolated', async () => {
    fetch.mockReturnValue(
      of({ data: { results: { A: { status: 200, frames: [frame('Sales', 3)] }, C: { status: 200, frames: [] } } } })
    );
    const res: DataQueryResponse = await lastValueFrom(
      datasource().query(
        request([
          realtime('A'),
          realtime('B', { hide: true }),
          // Grafana's panel query runner adds `datasource` (and may add `key`) to every query.
          realtime('C', {
            filters: { queues: ['$allQueues', 'q-9'] },
            datasource: { type: 'switchboard-connect-datasource', uid: 'sb' },
            key: 'Q-C',
          } as never),
        ])
      )
    );
    expect(fetch.mock.calls[0][0]).toMatchObject({
      url: '/api/datasources/proxy/uid/sb/switchboard/api/query',
      method: 'POST',
      requestId: 'Q-1',
    });
    const body = sentBody();
    expect(body.range).toEqual({ from: '2026-11-22T10:00:00.000Z', to: '2026-11-22T11:00:00.000Z' });
    expect(body.maxDataPoints).toBe(1000);
    expect(body.intervalMs).toBe(60000);
    // the hidden query B is not sent
    expect(body.queries.map((q) => q.refId)).toEqual(['A', 'C']);
    expect(body.queries[0]).toMatchObject({
      queryType: 'realtime',
      instanceId: 'inst-1',
      filters: { queues: ['q-1', 'q-2'], channels: ['VOICE'] },
      format: 'table',
    });
    // "All" without a custom all value is every value
    expect(body.queries[1]).toMatchObject({ filters: { queues: ['q-1', 'q-2', 'q-3', 'q-9'] } });
    // ...which the proxy would refuse: only the query type's own fields are sent.
    expect(body.queries[1]).not.toHaveProperty('datasource');
    expect(body.queries[1]).not.toHaveProperty('key');

    expect(res.errors).toBeUndefined();
    expect(res.data).toHaveLength(1);
    expect(res.data[0].refId).toBe('A');
    expect(res.data[0].fields[1]).toMatchObject({
      name: 'CONTACTS_IN_QUEUE',
      type: FieldType.number,
      config: { displayName: 'In queue', unit: 'short' },
    });
    expect(res.data[0].fields[1].values).toEqual([3]);
  });

  it('goals: the variables read into field thresholds, never sent; a goal that is not a number is said', async () => {
    const historical = (refId: string, goals: object) =>
      ({
        refId,
        queryType: 'historical',
        instanceId: '$instance',
        filters: { queues: ['$queue'] },
        groupings: ['QUEUE'],
        metrics: [{ name: 'SERVICE_LEVEL', threshold: { comparison: 'LT', seconds: 20 } }],
        interval: 'TOTAL',
        goals,
      }) as SwitchboardDataQuery;
    const sl = (value: number) => ({
      schema: {
        fields: [
          { name: 'Queue', type: 'string' },
          { name: 'SERVICE_LEVEL < 20 s', type: 'number', config: { unit: 'percent' } },
        ],
      },
      data: { values: [['Sales'], [value]] },
    });
    fetch.mockReturnValue(
      of({ data: { results: { A: { status: 200, frames: [sl(75)] }, B: { status: 200, frames: [sl(90)] } } } })
    );
    const res = await lastValueFrom(
      datasource().query(
        request([
          // $queue is a list: a level must read as one number
          historical('A', { SERVICE_LEVEL: { warn: '85', alert: '$instance' } }),
          historical('B', { SERVICE_LEVEL: { warn: '80', alert: '70' } }),
        ])
      )
    );
    expect(sentBody().queries.map((q) => Object.keys(q).includes('goals'))).toEqual([false, false]);
    expect(res.errors).toEqual([
      { refId: 'A', message: 'goals.SERVICE_LEVEL.alert: must be a number ($instance reads "inst-1").' },
    ]);
    // A keeps its data without thresholds; B's service level field carries red < 70 ≤ yellow < 80 ≤ teal
    expect(
      res.data.map((f) =>
        f.fields[1].config.thresholds?.steps.map((st: { value: number; color: string }) => [st.value, st.color])
      )
    ).toEqual([
      undefined,
      [
        [-Infinity, '#FF5A6E'],
        [70, '#FADE2A'],
        [80, '#4CC3C9'],
      ],
    ]);
  });

  it('computes a hidden query that a visible expression reads, without returning it', async () => {
    fetch.mockReturnValue(
      of({
        data: {
          results: { A: { status: 200, frames: [frame('hidden', 1)] }, B: { status: 200, frames: [frame('b', 2)] } },
        },
      })
    );
    const res = await lastValueFrom(
      datasource().query(
        request([
          cloudwatch('A', { hide: true, id: 'queue_size' }),
          cloudwatch('B', { expression: 'queue_size * 2' }),
          cloudwatch('C', { hide: true }),
        ])
      )
    );
    const body = sentBody();
    expect(body.queries.map((q) => q.refId)).toEqual(['A', 'B']);
    // a custom all value goes as it is: "*" is every queue that has data
    expect(body.queries[0]).toMatchObject({
      hide: true,
      dimensions: { InstanceId: ['inst-1'], MetricGroup: ['Queue'], QueueName: ['*'] },
    });
    expect(res.data.map((f) => f.refId)).toEqual(['B']);
  });

  it('a hidden query read by its default id (the refId) is sent too', async () => {
    fetch.mockReturnValue(of({ data: { results: {} } }));
    await lastValueFrom(
      datasource().query(request([cloudwatch('A', { hide: true }), cloudwatch('E', { expression: 'a / 60' })]))
    );
    expect(sentBody().queries.map((q) => q.refId)).toEqual(['A', 'E']);
  });

  // fact: cloudwatch-metric-math
  it("sends the hidden queries METRICS() and METRICS('x') read, and not the others", async () => {
    fetch.mockReturnValue(of({ data: { results: {} } }));
    await lastValueFrom(
      datasource().query(
        request([
          cloudwatch('A', { hide: true, id: 'expired' }),
          cloudwatch('B', { hide: true, id: 'warned' }),
          cloudwatch('E', { expression: "SUM(METRICS('expired'))" }),
        ])
      )
    );
    expect(sentBody().queries.map((q) => q.refId)).toEqual(['A', 'E']);
    fetch.mockClear();
    await lastValueFrom(
      datasource().query(
        request([
          cloudwatch('A', { hide: true }),
          cloudwatch('B', { hide: true }),
          cloudwatch('E', { expression: 'SUM(METRICS())' }),
        ])
      )
    );
    expect(sentBody().queries.map((q) => q.refId)).toEqual(['A', 'B', 'E']);
  });

  it('sends nothing when every query is hidden', async () => {
    const res = await lastValueFrom(datasource().query(request([realtime('A', { hide: true })])));
    expect(fetch).not.toHaveBeenCalled();
    expect(res).toEqual({ data: [] });
  });

  it('fills saved queries of older versions before sending them', async () => {
    fetch.mockReturnValue(of({ data: { results: {} } }));
    await lastValueFrom(
      datasource().query(
        request([{ refId: 'A', instanceId: 'inst-1', queues: 'q-1' } as unknown as SwitchboardDataQuery])
      )
    );
    expect(sentBody().queries[0]).toMatchObject({
      queryType: 'realtime',
      filters: { queues: ['q-1'] },
      groupings: [],
      format: 'table',
    });
  });

  it('turns a failure of the whole request into one error a user can act on', async () => {
    // A wrong proxy token: the proxy's 403 and its message pass through Grafana's data proxy unchanged.
    const refused = 'Invalid proxy token: it does not match the PROXY_TOKEN the proxy was started with.';
    fetch.mockReturnValue(
      throwError(() => ({ status: 403, data: { error: refused, code: 'proxy_token_invalid' }, config: {} }))
    );
    const res = await lastValueFrom(datasource().query(request([realtime('A')])));
    expect(res.data).toEqual([]);
    expect(res.errors).toEqual([{ message: `The Switchboard proxy refused the request (403): ${refused}` }]);
  });

  it('starts new queries on the default instance', () => {
    expect(datasource().getDefaultQuery(CoreApp.PanelEditor)).toMatchObject({
      queryType: 'realtime',
      instanceId: 'inst-default',
    });
  });

  it('starts new queries with the defaults of a real-time query', () => {
    expect(datasource().getDefaultQuery(CoreApp.PanelEditor)).toMatchObject({
      queryType: 'realtime',
      instanceId: 'inst-default',
      groupings: ['QUEUE'],
      filters: { channels: ['VOICE', 'CHAT', 'TASK'] },
    });
  });
});

describe('toResponse', () => {
  const queries = [realtime('A'), realtime('B'), cloudwatch('C', { hide: true }), realtime('D')];

  it('gives frames per refId and an error per failed query, in the order of the queries', () => {
    const res = toResponse(
      {
        D: { status: 200, frames: [frame('Support', 5)] },
        A: { status: 200, frames: [frame('Sales', 3), frame('Billing', 0)] },
        B: { status: 400, error: 'filters: queues and routing profiles cannot be used as filters together' },
        C: { status: 200, frames: [frame('hidden', 1)] },
      },
      queries
    );
    expect(res.data.map((f) => [f.refId, f.name])).toEqual([
      ['A', 'Sales'],
      ['A', 'Billing'],
      ['D', 'Support'],
    ]);
    expect(res.errors).toEqual([
      {
        refId: 'B',
        status: 400,
        message: 'filters: queues and routing profiles cannot be used as filters together',
      },
    ]);
  });

  it('reports a query the proxy did not answer, and a failure without a message', () => {
    const res = toResponse({ A: { status: 502 } }, [realtime('A'), realtime('B')]);
    expect(res.errors).toEqual([
      { refId: 'A', status: 502, message: 'Query A failed (502)' },
      { refId: 'B', message: 'The proxy did not answer query B.' },
    ]);
    expect(res.data).toEqual([]);
  });

  it('has no errors key when everything answered', () => {
    expect(toResponse({ A: { status: 200, frames: [] } }, [realtime('A')])).toEqual({ data: [] });
  });
});
