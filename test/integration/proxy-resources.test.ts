import { Writable } from 'node:stream';
import { defaultOperations } from '../../simulator/app';
import { CONNECT_NAMESPACES, NAMESPACES } from '../../src/connect/cloudwatchCatalog';
import { AwsClients } from '../../proxy/aws/clients';
import { loadConfig } from '../../proxy/config';
import { startProxy, type RunningProxy } from '../../proxy/server';
import { TEST_ACCESS_KEY, TEST_SECRET_KEY, TEST_TOKEN } from '../support/proxy';
import { startTestSimulator, type TestSimulator, deniedOperation, startSimulatorWith } from '../support/simulator';

/**
 * The proxy and the simulator over loopback, through real HTTP and the real AWS SDK: the proxy is configured from
 * the environment as `npm run proxy` is (AWS_ENDPOINT_URL = the simulator), and the datasource sends access keys.
 */

const EXTERNAL_ID = 'integration-external-id';

interface Item {
  value: string;
  text: string;
  [extra: string]: unknown;
}

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
    text: () => chunks.join(''),
  };
}

async function start(endpoint: string, log?: Writable, pageSize?: number): Promise<RunningProxy> {
  const config = loadConfig(
    {
      PROXY_TOKEN: TEST_TOKEN,
      AWS_ENDPOINT_URL: endpoint,
      AWS_MAX_ATTEMPTS: '1',
      LOG_LEVEL: 'debug',
      // Connect's list APIs allow 2 calls a second (burst 5), which the proxy honours: lists cut into pages of 10
      // for these tests would take seconds.
      UPSTREAM_QUOTAS: JSON.stringify({ ListQueues: { rate: 1000, burst: 1000 } }),
    },
    []
  );
  // The proxy's own credentials (the source of assumed roles) are fixed, so the tests never probe the machine's.
  const awsClients = new AwsClients(config, {
    baseCredentials: { accessKeyId: 'AKIAPROXYOWN0000000', secretAccessKey: 'x' },
  });
  const proxy = await startProxy(
    { ...config, port: 0 },
    { handleSignals: false, logger: log ? { stream: log } : false, resourcePageSize: pageSize, awsClients }
  );
  return {
    ...proxy,
    close: async () => {
      await proxy.close();
      awsClients.close();
    },
  };
}

const datasourceHeaders = (extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${TEST_TOKEN}`,
  'x-switchboard-auth-type': 'keys',
  'x-switchboard-access-key': TEST_ACCESS_KEY,
  'x-switchboard-secret-key': TEST_SECRET_KEY,
  ...extra,
});

describe('proxy + simulator: resources', () => {
  let sim: TestSimulator;
  let proxy: RunningProxy;
  let log: ReturnType<typeof capture>;

  beforeAll(async () => {
    sim = await startTestSimulator();
    log = capture();
    // Pages of 10 so that lists longer than that take several calls.
    proxy = await start(sim.url, log.stream, 10);
  });
  afterAll(async () => {
    await proxy.close();
    await sim.close();
  });
  beforeEach(() => sim.stats.reset());

  const get = async (path: string, headers: Record<string, string> = datasourceHeaders()) => {
    const res = await fetch(`${proxy.url}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const list = async (path: string, headers?: Record<string, string>) => {
    const res = await get(`/api/resources/${path}`, headers);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return res.body as Item[];
  };
  const east = () => sim.context.world.instances.find((i) => i.region === 'us-east-1')!;

  it('lists the instances of each region', async () => {
    expect(await list('instances')).toEqual([
      { value: east().id, text: 'acme-support', arn: east().arn, status: 'ACTIVE' },
    ]);
    const eu = sim.context.world.instances.find((i) => i.region === 'eu-west-2')!;
    expect((await list('instances?region=eu-west-2')).map((i) => [i.value, i.text])).toEqual([
      [eu.id, 'acme-sales-eu'],
    ]);
    expect(await list('instances?region=ap-northeast-1')).toEqual([]);
  });

  it('lists the 8 standard queues of acme-support with their names', async () => {
    const queues = await list(`queues?instanceId=${east().id}`);
    expect(queues).toHaveLength(8);
    expect(queues.map((q) => q.text)).toEqual(
      east()
        .queues.map((q) => q.name)
        .sort((a, b) => a.localeCompare(b))
    );
    const billing = east().queues.find((q) => q.name === 'Billing')!;
    expect(queues).toContainEqual({ value: billing.id, text: 'Billing', arn: billing.arn, type: 'STANDARD' });
  });

  it('follows every page: the agent queues take several ListQueues calls', async () => {
    const agentQueues = east().agentQueues;
    expect(agentQueues.length).toBeGreaterThan(20);
    const queues = await list(`queues?instanceId=${east().id}&queueTypes=AGENT`);
    expect(queues.map((q) => q.value).sort()).toEqual(agentQueues.map((q) => q.id).sort());
    expect(queues.every((q) => q.type === 'AGENT')).toBe(true);
    expect(sim.stats.count('connect', 'ListQueues', 'ok')).toBe(Math.ceil(agentQueues.length / 10));
    const both = await list(`queues?instanceId=${east().id}&queueTypes=STANDARD,AGENT`);
    expect(both).toHaveLength(agentQueues.length + 8);
  });

  it('lists routing profiles with names', async () => {
    const profiles = await list(`routing-profiles?instanceId=${east().id}`);
    expect(profiles.map((p) => [p.value, p.text]).sort()).toEqual(
      east()
        .routingProfiles.map((r) => [r.id, r.name])
        .sort()
    );
  });

  it('lists voice connectors and Voice ID domains', async () => {
    const connectors = await list('voice-connectors');
    const expected = sim.context.world.voiceConnectors.filter((v) => v.region === 'us-east-1');
    expect(connectors.map((c) => [c.value, c.text]).sort()).toEqual(expected.map((v) => [v.id, v.name]).sort());
    expect(connectors[0]).toMatchObject({
      awsRegion: 'us-east-1',
      outboundHostName: expect.stringMatching(/voiceconnector/),
    });
    const domains = await list('voiceid-domains');
    expect(domains).toEqual(
      sim.context.world.voiceIdDomains
        .filter((d) => d.region === 'us-east-1')
        .map((d) => ({ value: d.id, text: d.name, arn: d.arn, status: 'ACTIVE' }))
    );
  });

  it('lists namespaces with the four Connect ones first', async () => {
    const namespaces = await list('namespaces');
    expect(namespaces.slice(0, 4).map((n) => [n.value, n.text])).toEqual(
      CONNECT_NAMESPACES.map((n) => [n, NAMESPACES[n].label])
    );
  });

  it('lists the metrics of AWS/Connect with units and descriptions', async () => {
    const metrics = await list('metrics?namespace=AWS/Connect');
    expect(metrics.map((m) => m.value)).toEqual(
      expect.arrayContaining(['QueueSize', 'LongestQueueWaitTime', 'ConcurrentCalls'])
    );
    expect(metrics.find((m) => m.value === 'QueueSize')).toMatchObject({ unit: 'Count', grafanaUnit: 'short' });
    expect(metrics.find((m) => m.value === 'LongestQueueWaitTime')?.description).toEqual(expect.any(String));
  });

  it('lists dimension keys and the QueueName values of an instance', async () => {
    const keys = await list('dimension-keys?namespace=AWS/Connect&metricName=QueueSize');
    expect(keys.map((k) => k.value)).toEqual(['InstanceId', 'MetricGroup', 'QueueName']);
    const dimensions = encodeURIComponent(JSON.stringify({ InstanceId: east().id, MetricGroup: 'Queue' }));
    const values = await list(
      `dimension-values?namespace=AWS/Connect&metricName=QueueSize&dimensionKey=QueueName&dimensions=${dimensions}`
    );
    expect(values.map((v) => v.value)).toEqual(
      east()
        .queues.map((q) => q.name)
        .sort()
    );
    // The other instance's queues are not among them.
    const eu = sim.context.world.instances.find((i) => i.region === 'eu-west-2')!;
    const euDims = encodeURIComponent(JSON.stringify({ InstanceId: eu.id }));
    expect(await list(`dimension-values?namespace=AWS/Connect&dimensionKey=QueueName&dimensions=${euDims}`)).toEqual(
      []
    );
  });

  it('answers the second identical call from the cache, without calling AWS', async () => {
    // Credentials of their own, so that no earlier test filled the cache.
    const headers = datasourceHeaders({ 'x-switchboard-access-key': 'AKIACACHETEST0000000' });
    const path = `routing-profiles?instanceId=${east().id}`;
    const first = await list(path, headers);
    const second = await list(path, headers);
    expect(second).toEqual(first);
    expect(sim.stats.count('connect', 'ListRoutingProfiles')).toBe(1);
    const stats = (await fetch(`${sim.url}/_sim/stats`).then((r) => r.json())) as {
      services: { connect?: Record<string, { requests: number }> };
    };
    expect(stats.services.connect?.ListRoutingProfiles.requests).toBe(1);
  });

  it('says which instance is unknown', async () => {
    const res = await get('/api/resources/queues?instanceId=12345678-aaaa-bbbb-cccc-1234567890ab');
    expect(res.status).toBe(404);
    expect((res.body as { error: string }).error).toMatch(
      /^Amazon Connect instance 12345678-aaaa-bbbb-cccc-1234567890ab was not found in us-east-1/
    );
  });

  it('refuses requests without the proxy token', async () => {
    const res = await get('/api/resources/instances', { 'x-switchboard-auth-type': 'keys' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: expect.stringMatching(/^Missing proxy token/), code: 'proxy_token_missing' });
  });

  it('reports health ok for the simulator and the unknown instance as an error', async () => {
    const ok = await get(`/api/health?instanceId=${east().id}`);
    expect(ok).toEqual({
      status: 200,
      body: {
        status: 'ok',
        checks: [
          expect.objectContaining({ name: 'credentials', status: 'ok' }),
          expect.objectContaining({ name: 'connect', status: 'ok', message: expect.stringContaining('acme-support') }),
          expect.objectContaining({ name: 'cloudwatch', status: 'ok' }),
        ],
      },
    });
    const wrong = await get('/api/health?instanceId=12345678-aaaa-bbbb-cccc-1234567890ab');
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({
      status: 'error',
      checks: [
        { name: 'credentials', status: 'ok' },
        {
          name: 'connect',
          status: 'error',
          message:
            'Amazon Connect instance 12345678-aaaa-bbbb-cccc-1234567890ab is not among the instances these credentials see in us-east-1 (acme-support): check the instance id and the region of the datasource.',
        },
        { name: 'cloudwatch', status: 'ok' },
      ],
    });
  });

  it('never writes the proxy token, the secret key or the external id to its log', async () => {
    await get('/api/resources/instances');
    await get('/api/resources/nope');
    await get(
      '/api/resources/instances',
      datasourceHeaders({
        'x-switchboard-auth-type': 'assume-role',
        'x-switchboard-assume-role-arn': 'arn:aws:iam::123456789012:role/Grafana',
        'x-switchboard-external-id': EXTERNAL_ID,
      })
    );
    await get('/api/health', { authorization: `Bearer ${TEST_TOKEN}-wrong` });
    const text = log.text();
    expect(text).toContain('"incoming request"');
    expect(text).toContain('/api/resources/instances');
    expect(text).not.toContain(TEST_TOKEN);
    expect(text).not.toContain(TEST_SECRET_KEY);
    expect(text).not.toContain(EXTERNAL_ID);
  });
});

describe('proxy + simulator with stub operations', () => {
  // The simulator's fault injection has no access denial: a stub operation answers it.
  const op = (service: string, name: string) =>
    defaultOperations().find((o) => o.service === service && o.name === name)!;
  let sim: TestSimulator;
  let proxy: RunningProxy;

  beforeAll(async () => {
    sim = await startSimulatorWith([deniedOperation(op('connect', 'ListInstances'))]);
    proxy = await start(sim.url);
  });
  afterAll(async () => {
    await proxy.close();
    await sim.close();
  });

  const get = async (path: string) => {
    const res = await fetch(`${proxy.url}${path}`, { headers: datasourceHeaders() });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('lists agent statuses', async () => {
    const instance = sim.context.world.instances[0];
    const res = await get(`/api/resources/agent-statuses?instanceId=${instance.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      instance.statuses
        .map((s) => ({ value: s.id, text: s.name, arn: s.arn, type: s.type }))
        .sort((a, b) => a.text.localeCompare(b.text))
    );
  });

  it('names connect:ListInstances when AWS denies it, in the health check and in the resource list', async () => {
    const health = await get(`/api/health?instanceId=${sim.context.world.instances[0].id}`);
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('error');
    const connect = (health.body.checks as Array<{ name: string; status: string; message: string }>)[1];
    expect(connect.status).toBe('error');
    expect(connect.message).toContain('need the IAM action connect:ListInstances');
    const instances = await get('/api/resources/instances');
    expect(instances.status).toBe(403);
    expect(instances.body.error).toMatch(/^Access denied to connect:ListInstances in us-east-1/);
  });
});
