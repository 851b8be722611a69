import { buildProxy, type Proxy } from '../app';
import { AwsClients } from '../aws/clients';
import type { OperationSpec, SimRequest } from '../../simulator/protocol/types';
import { defaultOperations } from '../../simulator/app';
import { deniedOperation, startSimulatorWith, type TestSimulator } from '../../test/support/simulator';
import { keysHeaders, testConfig } from '../../test/support/proxy';

/**
 * The resource routes through app.inject(), with AWS played by the simulator (some operations replaced by stubs
 * where a test needs answers the simulator does not give). test/integration/proxy-resources.test.ts covers every
 * kind against the simulator's own data over real HTTP.
 */

const op = (service: string, name: string) =>
  defaultOperations().find((o) => o.service === service && o.name === name)!;

/** A ListMetrics with a few metrics outside the catalogue, honouring Namespace, MetricName and Dimensions. */
const stubListMetrics: OperationSpec = {
  ...op('cloudwatch', 'ListMetrics'),
  handler: (req: SimRequest) => {
    const body = (req.body ?? {}) as {
      Namespace?: string;
      MetricName?: string;
      Dimensions?: Array<{ Name: string; Value?: string }>;
    };
    const all = [
      {
        Namespace: 'AWS/Connect',
        MetricName: 'QueueSize',
        Dimensions: [
          { Name: 'InstanceId', Value: 'i-1' },
          { Name: 'MetricGroup', Value: 'Queue' },
          { Name: 'QueueName', Value: 'Billing' },
        ],
      },
      {
        Namespace: 'AWS/Connect',
        MetricName: 'QueueSize',
        Dimensions: [
          { Name: 'InstanceId', Value: 'i-1' },
          { Name: 'MetricGroup', Value: 'Queue' },
          { Name: 'QueueName', Value: 'Sales' },
        ],
      },
      {
        Namespace: 'AWS/Connect',
        MetricName: 'QueueSize',
        Dimensions: [
          { Name: 'InstanceId', Value: 'i-2' },
          { Name: 'MetricGroup', Value: 'Queue' },
          { Name: 'QueueName', Value: 'Returns' },
        ],
      },
      {
        Namespace: 'AWS/Connect',
        MetricName: 'BrandNewMetric',
        Dimensions: [
          { Name: 'InstanceId', Value: 'i-1' },
          { Name: 'Shiny', Value: 'yes' },
        ],
      },
      { Namespace: 'Custom/Billing', MetricName: 'Invoices', Dimensions: [] },
      { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-abc' }] },
    ];
    const Metrics = all.filter(
      (m) =>
        (!body.Namespace || m.Namespace === body.Namespace) &&
        (!body.MetricName || m.MetricName === body.MetricName) &&
        (body.Dimensions ?? []).every((f) =>
          m.Dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value))
        )
    );
    return { body: { Metrics } };
  },
};

describe('GET /api/resources/:kind', () => {
  let sim: TestSimulator;
  let proxy: Proxy;
  let instanceId: string;

  beforeAll(async () => {
    sim = await startSimulatorWith([stubListMetrics, deniedOperation(op('connect', 'ListRoutingProfiles'))]);
    instanceId = sim.context.world.instances[0].id;
  });
  afterAll(() => sim.close());

  beforeEach(async () => {
    sim.stats.reset();
    sim.faults.clear();
    proxy = await buildProxy(testConfig({ awsEndpointUrl: sim.url }), { logger: false });
  });
  afterEach(() => proxy.close());

  const get = (url: string, headers: Record<string, string> = keysHeaders()) =>
    proxy.app.inject({ method: 'GET', url, headers });

  it('lists the Connect regions without calling AWS', async () => {
    const res = await get('/api/resources/regions');
    expect(res.statusCode).toBe(200);
    const regions = res.json() as Array<{ value: string; text: string }>;
    expect(regions.map((r) => r.value)).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-2', 'us-gov-west-1']));
    expect(regions).toHaveLength(11);
    expect(sim.stats.snapshot().totals.requests).toBe(0);
  });

  it('answers an unknown kind with 404 naming the valid kinds', async () => {
    const res = await get('/api/resources/agents');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error:
        'Unknown resource kind "agents": use one of regions, instances, queues, routing-profiles, agent-statuses, voice-connectors, voiceid-domains, namespaces, metrics, dimension-keys, dimension-values',
    });
  });

  it.each([
    ['queues', 'instanceId is required for queues (the Amazon Connect instance id)'],
    ['routing-profiles', 'instanceId is required for routing-profiles (the Amazon Connect instance id)'],
    ['agent-statuses', 'instanceId is required for agent-statuses (the Amazon Connect instance id)'],
    ['metrics', 'namespace is required for metrics (the CloudWatch namespace, e.g. AWS/Connect)'],
    ['dimension-keys', 'namespace is required for dimension-keys (the CloudWatch namespace, e.g. AWS/Connect)'],
    [
      'dimension-values?namespace=AWS/Connect',
      'dimensionKey is required for dimension-values (the dimension whose values to list, e.g. QueueName)',
    ],
  ])('answers a missing parameter of %s with 400 naming it', async (path, error) => {
    const res = await get(`/api/resources/${path}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error });
  });

  it('answers invalid parameters with 400 naming them', async () => {
    const cases: Array<[string, string | RegExp]> = [
      ['instances?region=Virginia', 'region: must match pattern "^[a-z]{2}(-[a-z]+)+-\\d$"'],
      [
        `queues?instanceId=${instanceId}&queueTypes=STANDARD,BOGUS`,
        'queueTypes must be STANDARD, AGENT or both, comma-separated (got "STANDARD,BOGUS")',
      ],
      [
        'dimension-values?namespace=AWS/Connect&dimensionKey=QueueName&dimensions={bad',
        /^dimensions must be a JSON object .* \(it is not JSON\)$/,
      ],
      [
        'dimension-values?namespace=AWS/Connect&dimensionKey=QueueName&dimensions=[1]',
        /^dimensions must be a JSON object of dimension name/,
      ],
      [
        'dimension-values?namespace=AWS/Connect&dimensionKey=QueueName&dimensions={"InstanceId":5}',
        /\(dimensions\.InstanceId is neither a non-empty string nor a list of them\)$/,
      ],
      [
        `dimension-keys?namespace=AWS/Connect&dimensions=${encodeURIComponent(JSON.stringify(Object.fromEntries([...Array(11).keys()].map((i) => [`D${i}`, '*']))))}`,
        "dimensions: at most 10 dimension filters (CloudWatch's limit), got 11",
      ],
      [`queues?instanceId=${'x'.repeat(600)}`, 'instanceId: must NOT have more than 512 characters'],
    ];
    for (const [path, error] of cases) {
      const res = await get(`/api/resources/${path}`);
      expect({ path, status: res.statusCode }).toEqual({ path, status: 400 });
      expect(res.json().error).toEqual(typeof error === 'string' ? error : expect.stringMatching(error));
    }
  });

  it('answers bad AWS settings headers with 400 naming the header', async () => {
    const res = await get('/api/resources/instances', keysHeaders({ 'x-switchboard-secret-key': '' }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'Invalid AWS settings from the datasource: X-Switchboard-Secret-Key is required with auth type keys.',
    });
  });

  it('passes AWS failures on with the status and message of the upstream error', async () => {
    const unknown = await get('/api/resources/queues?instanceId=00000000-0000-0000-0000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({
      error: expect.stringMatching(
        /^Amazon Connect instance 00000000-0000-0000-0000-000000000000 was not found in us-east-1/
      ),
      code: 'not_found',
    });

    const denied = await get(`/api/resources/routing-profiles?instanceId=${instanceId}`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error).toMatch(
      /^Access denied to connect:ListRoutingProfiles in us-east-1: the credentials the proxy uses for this datasource need the IAM action connect:ListRoutingProfiles/
    );

    sim.faults.set({ ListVoiceConnectors: { throttleRate: 1 } });
    const throttled = await get('/api/resources/voice-connectors');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error).toMatch(/^Amazon Chime SDK Voice throttled ListVoiceConnectors in us-east-1/);
  });

  it('caches each list, per credentials, and coalesces identical requests', async () => {
    const url = `/api/resources/queues?instanceId=${instanceId}`;
    const [a, b] = await Promise.all([get(url), get(url)]);
    expect(a.json()).toEqual(b.json());
    expect(sim.stats.count('connect', 'ListQueues')).toBe(1);
    expect((await get(url)).json()).toEqual(a.json());
    expect(sim.stats.count('connect', 'ListQueues')).toBe(1);
    // Other parameters, other credentials: their own entries.
    await get(`${url}&queueTypes=AGENT`);
    await get(url, keysHeaders({ 'x-switchboard-access-key': 'AKIAANOTHERKEY000000' }));
    expect(sim.stats.count('connect', 'ListQueues')).toBe(3);
    const stats = proxy.ctx.caches.resources.stats();
    expect(stats).toMatchObject({ hits: 1, coalesced: 1, misses: 3 });
    const metrics = await proxy.ctx.metrics.registry.getSingleMetricAsString('switchboard_cache_lookups_total');
    expect(metrics).toContain('switchboard_cache_lookups_total{cache="resources",outcome="hit"} 1');
  });

  it('does not cache failures', async () => {
    sim.faults.set({ ListInstances: { errorRate: 1 } });
    expect((await get('/api/resources/instances')).statusCode).toBe(502);
    sim.faults.clear();
    expect((await get('/api/resources/instances')).statusCode).toBe(200);
    expect(sim.stats.count('connect', 'ListInstances')).toBe(2);
  });

  it('puts the Connect namespaces first, then the others ListMetrics knows', async () => {
    const res = await get('/api/resources/namespaces');
    expect(res.json()).toEqual([
      expect.objectContaining({ value: 'AWS/Connect', text: 'Amazon Connect' }),
      expect.objectContaining({ value: 'AWS/ChimeVoiceConnector', text: 'Chime SDK Voice Connector' }),
      expect.objectContaining({ value: 'VoiceID', text: 'Amazon Connect Voice ID' }),
      expect.objectContaining({ value: 'AWS/AppIntegrations', text: 'Amazon AppIntegrations' }),
      { value: 'AWS/EC2', text: 'AWS/EC2' },
      { value: 'Custom/Billing', text: 'Custom/Billing' },
    ]);
  });

  it('merges the catalogue metrics (with unit and description) with ListMetrics', async () => {
    const connect = (await get('/api/resources/metrics?namespace=AWS/Connect')).json() as Array<
      Record<string, unknown>
    >;
    expect(connect[0]).toEqual({
      value: 'ConcurrentCalls',
      text: 'ConcurrentCalls',
      unit: 'Count',
      grafanaUnit: 'short',
      statistic: 'Maximum',
      description: 'Active voice calls in the instance (all of them, not only those with agents).',
    });
    expect(connect.filter((m) => m.value === 'QueueSize')).toHaveLength(1);
    expect(connect[connect.length - 1]).toEqual({ value: 'BrandNewMetric', text: 'BrandNewMetric' });
    const custom = (await get('/api/resources/metrics?namespace=Custom/Billing')).json();
    expect(custom).toEqual([{ value: 'Invoices', text: 'Invoices' }]);
  });

  it('lists dimension keys: the catalogue ones first, then those ListMetrics shows', async () => {
    const keys = (await get('/api/resources/dimension-keys?namespace=AWS/Connect&metricName=BrandNewMetric')).json();
    expect(keys).toEqual([
      { value: 'InstanceId', text: 'InstanceId', description: 'The Connect instance id.' },
      { value: 'Shiny', text: 'Shiny' },
    ]);
    const queueKeys = (await get('/api/resources/dimension-keys?namespace=AWS/Connect&metricName=QueueSize')).json();
    expect(queueKeys.map((k: { value: string }) => k.value)).toEqual(['InstanceId', 'MetricGroup', 'QueueName']);
    expect(queueKeys[2].description).toMatch(/queue name/);
    const all = (await get('/api/resources/dimension-keys?namespace=AWS/Connect')).json() as Array<{ value: string }>;
    expect(all.slice(0, 3).map((k) => k.value)).toEqual(['InstanceId', 'MetricGroup', 'QueueName']);
    expect(all[all.length - 1].value).toBe('Shiny');
  });

  it('lists dimension values, filtered by other dimensions (one value or several)', async () => {
    const values = (q: Record<string, unknown>) =>
      get(
        `/api/resources/dimension-values?namespace=AWS/Connect&metricName=QueueSize&dimensionKey=QueueName&dimensions=${encodeURIComponent(JSON.stringify(q))}`
      ).then((r) => (r.json() as Array<{ value: string }>).map((v) => v.value));
    expect(await values({})).toEqual(['Billing', 'Returns', 'Sales']);
    expect(await values({ InstanceId: 'i-1' })).toEqual(['Billing', 'Sales']);
    expect(await values({ InstanceId: ['i-1', 'i-2'] })).toEqual(['Billing', 'Returns', 'Sales']);
    expect(await values({ InstanceId: '*', QueueName: ['Sales', 'Returns'] })).toEqual(['Returns', 'Sales']);
    expect(await values({ InstanceId: 'i-9' })).toEqual([]);
  });

  it('uses the region of the query, then of the datasource, then of the proxy', async () => {
    const aliases = async (url: string, headers = keysHeaders()) =>
      ((await get(url, headers)).json() as Array<{ text: string }>).map((i) => i.text);
    expect(await aliases('/api/resources/instances')).toEqual(['acme-support']);
    expect(await aliases('/api/resources/instances', keysHeaders({ 'x-switchboard-region': 'eu-west-2' }))).toEqual([
      'acme-sales-eu',
    ]);
    expect(
      await aliases('/api/resources/instances?region=us-east-1', keysHeaders({ 'x-switchboard-region': 'eu-west-2' }))
    ).toEqual(['acme-support']);
  });

  it('uses the AWS clients it is given', async () => {
    const awsClients = new AwsClients(testConfig({ awsEndpointUrl: sim.url }));
    const other = await buildProxy(testConfig({ awsEndpointUrl: sim.url }), { logger: false, awsClients });
    await other.app.inject({ method: 'GET', url: '/api/resources/instances', headers: keysHeaders() });
    expect(awsClients.clientCount()).toBe(1);
    await other.close();
    // Not closed with the app: it belongs to the caller.
    expect(awsClients.clientCount()).toBe(1);
    awsClients.close();
  });
});
