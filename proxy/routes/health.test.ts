import { defaultOperations } from '../../simulator/app';
import { buildProxy, type Proxy } from '../app';
import { AwsClients, type CredentialsProvider } from '../aws/clients';
import { deniedOperation, startSimulatorWith, type TestSimulator } from '../../test/support/simulator';
import { keysHeaders, TEST_TOKEN, testConfig } from '../../test/support/proxy';

const op = (service: string, name: string) =>
  defaultOperations().find((o) => o.service === service && o.name === name)!;

interface Health {
  status: 'ok' | 'error';
  checks: Array<{ name: string; status: string; message: string }>;
}

describe('health routes', () => {
  let sim: TestSimulator;
  let instanceId: string;
  const proxies: Proxy[] = [];

  beforeAll(async () => {
    sim = await startSimulatorWith([]);
    instanceId = sim.context.world.instances[0].id;
  });
  afterAll(() => sim.close());
  afterEach(async () => {
    sim.faults.clear();
    await Promise.all(proxies.splice(0).map((p) => p.close()));
  });

  async function proxyFor(endpoint: string, options: Parameters<typeof buildProxy>[1] = {}): Promise<Proxy> {
    const proxy = await buildProxy(testConfig({ awsEndpointUrl: endpoint }), { logger: false, ...options });
    proxies.push(proxy);
    return proxy;
  }

  async function health(proxy: Proxy, query = '', headers = keysHeaders()): Promise<Health> {
    const res = await proxy.app.inject({ method: 'GET', url: `/api/health${query}`, headers });
    // Always 200: the datasource's "Save & test" shows the checks.
    expect(res.statusCode).toBe(200);
    return res.json() as Health;
  }

  it('GET /healthz says the process is up; GET /metrics exposes the proxy metrics', async () => {
    const proxy = await proxyFor(sim.url);
    expect((await proxy.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    await proxy.app.inject({ url: '/api/resources/regions', headers: keysHeaders() });
    const metrics = await proxy.app.inject({ url: '/metrics' });
    expect(metrics.body).toMatch(
      /switchboard_http_request_duration_seconds_count\{route="\/api\/resources\/:kind",method="GET",status="200"\} 1/
    );
    expect(metrics.body).toContain('switchboard_proxy_process_cpu_seconds_total');
  });

  it('needs the token for /api/health', async () => {
    const proxy = await proxyFor(sim.url);
    expect((await proxy.app.inject({ url: '/api/health' })).statusCode).toBe(403);
  });

  it('is ok when credentials, Connect with the instance, and CloudWatch all answer', async () => {
    const proxy = await proxyFor(sim.url);
    expect(await health(proxy, `?instanceId=${instanceId}`)).toEqual({
      status: 'ok',
      checks: [
        { name: 'credentials', status: 'ok', message: 'Using the access key …MPLE set in the datasource.' },
        {
          name: 'connect',
          status: 'ok',
          message: `Amazon Connect instance acme-support (${instanceId}) is active in us-east-1.`,
        },
        {
          name: 'cloudwatch',
          status: 'ok',
          message: expect.stringMatching(/^CloudWatch answers in us-east-1: AWS\/Connect has \d+ metrics\.$/),
        },
      ],
    });
    const withoutInstance = await health(proxy);
    expect(withoutInstance.checks[1].message).toBe('Amazon Connect answers in us-east-1: 1 instance (acme-support).');
  });

  it('says when the instance is not among those the credentials see', async () => {
    const proxy = await proxyFor(sim.url);
    const result = await health(proxy, '?instanceId=11111111-2222-3333-4444-555555555555');
    expect(result.status).toBe('error');
    expect(result.checks[1]).toEqual({
      name: 'connect',
      status: 'error',
      message:
        'Amazon Connect instance 11111111-2222-3333-4444-555555555555 is not among the instances these credentials see in us-east-1 (acme-support): check the instance id and the region of the datasource.',
    });
    // The same instance id in the other region is not there either.
    const eu = await health(proxy, `?instanceId=${instanceId}&region=eu-west-2`);
    expect(eu.checks[1].message).toContain('(acme-sales-eu)');
  });

  it('warns about a region without instances or metrics', async () => {
    const proxy = await proxyFor(sim.url);
    const result = await health(proxy, '', keysHeaders({ 'x-switchboard-region': 'ap-southeast-2' }));
    expect(result.status).toBe('ok');
    expect(result.checks.map((c) => c.status)).toEqual(['ok', 'warning', 'warning']);
    expect(result.checks[1].message).toBe(
      'Amazon Connect answers in ap-southeast-2, but these credentials see no instance there: check the region.'
    );
  });

  it('names the missing IAM action when AWS denies access', async () => {
    const denying = await startSimulatorWith([
      deniedOperation(op('connect', 'ListInstances')),
      deniedOperation(op('cloudwatch', 'ListMetrics')),
    ]);
    try {
      const proxy = await proxyFor(denying.url);
      const result = await health(proxy, `?instanceId=${instanceId}`);
      expect(result.status).toBe('error');
      expect(result.checks[1].status).toBe('error');
      expect(result.checks[1].message).toMatch(
        /^Access denied to connect:ListInstances in us-east-1: the credentials the proxy uses for this datasource need the IAM action connect:ListInstances\./
      );
      expect(result.checks[2].message).toMatch(/need the IAM action cloudwatch:ListMetrics\./);
    } finally {
      await denying.close();
    }
  });

  it('explains missing default credentials and skips the AWS checks', async () => {
    const noCredentials: CredentialsProvider = async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    };
    const awsClients = new AwsClients(testConfig({ awsEndpointUrl: sim.url }), { baseCredentials: noCredentials });
    const proxy = await proxyFor(sim.url, { awsClients });
    const before = sim.stats.snapshot().totals.requests;
    const result = await health(proxy, '', { authorization: `Bearer ${TEST_TOKEN}` });
    awsClients.close();
    expect(result.status).toBe('error');
    expect(result.checks[0].status).toBe('error');
    expect(result.checks[0].message).toMatch(
      /^The proxy found no AWS credentials in its default chain \(environment variables AWS_ACCESS_KEY_ID/
    );
    expect(result.checks[0].message).toContain('set access keys or a role to assume in the datasource');
    expect(result.checks.slice(1).map((c) => c.message)).toEqual([
      'Not checked: the proxy has no usable credentials for this datasource (see the credentials check).',
      'Not checked: the proxy has no usable credentials for this datasource (see the credentials check).',
    ]);
    expect(sim.stats.snapshot().totals.requests).toBe(before);
  });

  it('reports a role that cannot be assumed as the credentials check', async () => {
    const awsClients = new AwsClients(testConfig({ awsEndpointUrl: sim.url }), {
      baseCredentials: { accessKeyId: 'AKIAPROXYOWN0000000', secretAccessKey: 'x' },
      assumeRole: () => async () => {
        throw Object.assign(new Error('not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' });
      },
    });
    const proxy = await proxyFor(sim.url, { awsClients });
    const result = await health(
      proxy,
      '',
      keysHeaders({
        'x-switchboard-auth-type': 'assume-role',
        'x-switchboard-assume-role-arn': 'arn:aws:iam::123456789012:role/Grafana',
        'x-switchboard-external-id': 'the-external-id',
      })
    );
    awsClients.close();
    expect(result.checks[0]).toEqual({
      name: 'credentials',
      status: 'error',
      message:
        "Could not assume role arn:aws:iam::123456789012:role/Grafana (AccessDenied: not authorized to perform: sts:AssumeRole). The proxy's own credentials need sts:AssumeRole on this role, and the role's trust policy must allow them (with the external id set in the datasource).",
    });
  });

  it('reports bad AWS settings as a check', async () => {
    const proxy = await proxyFor(sim.url);
    const result = await health(proxy, '', keysHeaders({ 'x-switchboard-auth-type': 'sso' }));
    expect(result).toEqual({
      status: 'error',
      checks: [
        {
          name: 'settings',
          status: 'error',
          message:
            'Invalid AWS settings from the datasource: X-Switchboard-Auth-Type must be one of default, keys, assume-role (got "sso").',
        },
      ],
    });
  });

  it('gives up on a check that takes too long', async () => {
    sim.faults.set({ ListInstances: { latencyMs: 30_000 } });
    const proxy = await proxyFor(sim.url, { healthCheckTimeoutMs: 200 });
    const result = await health(proxy);
    expect(result.checks[1]).toEqual({
      name: 'connect',
      status: 'error',
      message: expect.stringMatching(/^Amazon Connect ListInstances in us-east-1 did not answer within 0\.2 s/),
    });
    expect(result.checks[2].status).toBe('ok');
  });
});
