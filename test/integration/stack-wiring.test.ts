import { parse as parseYaml } from 'yaml';
import { AwsClients } from '../../proxy/aws/clients';
import { buildProxy, type Proxy } from '../../proxy/app';
import { loadConfig } from '../../proxy/config';
import { parseCli } from '../../simulator/cli';
import { dataClockOf, startTestSimulator, type TestSimulator } from '../support/simulator';
import { environment, healthcheckOf, programArguments, serviceAt } from './stack/compose';
import { expandedSettings, routeRequest } from './stack/provisioning';
import { read } from './stack/repo';

/**
 * The stack's wiring, run in this process: the simulator and the proxy with exactly the settings docker-compose.yaml
 * gives them (the compose network's names resolved to loopback, as Docker's DNS would resolve them to containers),
 * and Grafana's side played by the provisioned datasource and its plugin.json route. What a browser would see after
 * `docker compose up`: "Save & test" succeeds, a quota query of the default instance answers, and the endpoints the
 * healthchecks and Prometheus use exist.
 */

describe('the stack as configured: Grafana -> proxy -> simulator', () => {
  let sim: TestSimulator;
  let proxy: Proxy;
  /** Where the route sends requests, the proxy's origin as Grafana's server would see it. */
  let route: { url: string; headers: Record<string, string> };

  beforeAll(async () => {
    // The simulator runs the default scenario, as the compose command asks (no --scenario, no --seed).
    const options = parseCli(programArguments('simulator').argv);
    expect([options.scenarioFile, options.seed]).toEqual([undefined, undefined]);
    sim = await startTestSimulator();

    // The proxy with the compose environment; AWS_ENDPOINT_URL names the simulator service, here on loopback.
    const env = environment('proxy');
    const endpoint = new URL(env.AWS_ENDPOINT_URL);
    expect([serviceAt(endpoint.hostname), Number(endpoint.port)]).toEqual(['simulator', options.port]);
    const config = loadConfig({ ...env, AWS_ENDPOINT_URL: sim.url }, programArguments('proxy').argv);
    // The SDK's default chain would find these keys in the container's environment.
    const awsClients = new AwsClients(config, {
      baseCredentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    });
    // One attempt per AWS call: a failure shows at once instead of after the SDK's retries.
    proxy = await buildProxy({ ...config, sdkMaxAttempts: 1 }, { logger: false, awsClients, ...dataClockOf(sim) });

    route = routeRequest(environment('grafana'));
  });
  afterAll(async () => {
    await proxy?.close();
    await sim?.close();
  });

  /** A request as Grafana's datasource proxy sends it through the route: the route's URL and headers. */
  const viaRoute = (method: 'GET' | 'POST', path: string, payload?: unknown) =>
    proxy.app.inject({
      method,
      url: `${new URL(route.url).pathname.replace(/\/$/, '')}${path}`,
      headers: { ...route.headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
      payload: payload as string | object | undefined,
    });

  it('passes "Save & test": credentials, the default instance and CloudWatch all answer', async () => {
    const { JsonData } = expandedSettings(environment('grafana'));
    const res = await viaRoute('GET', `/api/health?instanceId=${JsonData.defaultInstanceId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { status: string; checks: Array<{ name: string; status: string; message: string }> };
    expect(body.checks.map((c) => [c.name, c.status])).toEqual([
      ['credentials', 'ok'],
      ['connect', 'ok'],
      ['cloudwatch', 'ok'],
    ]);
    expect(body.status).toBe('ok');
    // The instance the dashboards start with is the one the simulator serves.
    const scenario = parseYaml(read('simulator/scenario/default.yaml')) as { instances: Array<{ alias: string }> };
    expect(body.checks[1].message).toContain(scenario.instances[0].alias);
  });

  it("answers a quota query for the datasource's default instance", async () => {
    const { JsonData } = expandedSettings(environment('grafana'));
    const now = Date.parse('2026-11-18T17:00:00Z');
    const res = await viaRoute('POST', '/api/query', {
      range: { from: new Date(now - 3_600_000).toISOString(), to: new Date(now).toISOString() },
      maxDataPoints: 100,
      intervalMs: 60_000,
      queries: [{ refId: 'Q', queryType: 'quota', instanceId: JsonData.defaultInstanceId }],
    });
    expect(res.statusCode).toBe(200);
    const q = (res.json() as { results: Record<string, { status: number; frames?: unknown[]; error?: string }> })
      .results.Q;
    expect([q.status, q.error]).toEqual([200, undefined]);
    expect(q.frames?.length).toBeGreaterThan(0);
  });

  it('refuses a request without the provisioned token', async () => {
    const res = await proxy.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { authorization: 'Bearer wrong-token-0123456789' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('serves the healthcheck endpoints without a token', async () => {
    const proxyHealth = healthcheckOf('proxy').url;
    expect((await proxy.app.inject({ method: 'GET', url: proxyHealth.pathname })).statusCode).toBe(200);
    const simHealth = healthcheckOf('simulator').url;
    expect((await sim.app.inject({ method: 'GET', url: simHealth.pathname })).statusCode).toBe(200);
  });

  it('exposes on /metrics every metric the Prometheus alert rules read', async () => {
    const prom = parseYaml(read('provisioning/prometheus/prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: Array<{ job_name: string; metrics_path?: string; static_configs: Array<{ targets: string[] }> }>;
    };
    const job = prom.scrape_configs.find((j) =>
      j.static_configs.some((s) => s.targets.some((t) => serviceAt(t.split(':')[0]) === 'proxy'))
    );
    const res = await proxy.app.inject({ method: 'GET', url: job?.metrics_path ?? '/metrics' });
    expect(res.statusCode).toBe(200);
    const exposed = new Set([...res.body.matchAll(/^# TYPE (\w+) /gm)].map((m) => m[1]));
    // Counters and histograms are named by their series (_total is the counter's own name in prom-client).
    const rules = prom.rule_files.flatMap(
      (f) =>
        (
          parseYaml(read(`provisioning/prometheus/${f}`)) as {
            groups: Array<{ rules: Array<{ alert: string; expr: string }> }>;
          }
        ).groups
    );
    const exprs = rules.flatMap((g) => g.rules).map((r) => ({ alert: r.alert, expr: r.expr }));
    expect(exprs.length).toBeGreaterThan(0);
    for (const { alert, expr } of exprs) {
      // switchboard_*: the proxy's own metrics; connect_*: its exporter's, on since the compose file turns it on.
      for (const [name] of expr.matchAll(/\b(?:switchboard|connect)_\w+/g)) {
        const base = name.replace(/_(bucket|sum|count)$/, '');
        expect([alert, name, exposed.has(name) || exposed.has(base)]).toEqual([alert, name, true]);
      }
      // `up` belongs to the scrape job's own label.
      for (const [, jobName] of expr.matchAll(/job="([^"]+)"/g)) {
        expect([alert, jobName]).toEqual([alert, job?.job_name]);
      }
    }
  });

  it('labels upstream calls with the outcomes the alert rules select', async () => {
    const source = read('proxy/upstream/call.ts');
    const rules = read('provisioning/prometheus/switchboard-rules.yml');
    for (const [, values] of rules.matchAll(/outcome=~?"([^"]+)"/g)) {
      for (const outcome of values.split('|')) {
        expect([outcome, source.includes(`'${outcome}'`)]).toEqual([outcome, true]);
      }
    }
  });
});
