import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rejectedKeysOperation, startSimulatorWith } from '../support/simulator';
import { TEST_TOKEN } from '../support/proxy';
import { defaultOperations } from '../../simulator/app';
import {
  DS_UID,
  keysDatasource,
  PROXY_URL,
  SIM_AT,
  startHarness,
  startQuietProxy,
  type Harness,
} from './support/harness';
import type { FrameJson, QueryJson } from './support/hostApi';

/**
 * The datasource class of dist/ in Chromium: queries go through the page's backendSrv to the host server, which
 * applies the route of dist/datasource/plugin.json as Grafana's datasource proxy does, to the Switchboard proxy
 * and the simulator behind it.
 */
describe('datasource in Chromium through the plugin.json route', () => {
  let h: Harness;
  const range = { from: new Date(Date.parse(SIM_AT) - 3_600_000).toISOString(), to: SIM_AT };

  beforeAll(async () => {
    h = await startHarness();
    await h.host('boot', DS_UID);
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => {
    // no console error or uncaught exception, beyond those a test took and checked itself
    expect(h.console.take()).toEqual([]);
  });

  const instance = () => h.sim.context.world.instances[0];
  const field = (frame: FrameJson, name: string) => {
    const f = frame.fields.find((x) => x.name === name);
    if (!f) {
      throw new Error(`no field ${name} in ${frame.fields.map((x) => x.name).join(', ')}`);
    }
    return f;
  };

  it('answers realtime, cloudwatch and quota queries of one request, and a broken query with its own error', async () => {
    const inst = instance();
    const targets: QueryJson[] = [
      {
        refId: 'A',
        queryType: 'realtime',
        instanceId: inst.id,
        filters: { queues: inst.queues.map((q) => q.id) },
        groupings: ['QUEUE'],
        metrics: ['CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE', 'AGENTS_AVAILABLE'],
      },
      {
        refId: 'B',
        queryType: 'cloudwatch',
        namespace: 'AWS/Connect',
        metricName: 'QueueSize',
        statistic: 'Maximum',
        dimensions: { InstanceId: [inst.id], MetricGroup: ['Queue'], QueueName: ['Billing'] },
      },
      { refId: 'C', queryType: 'quota', instanceId: inst.id, channels: ['VOICE', 'CHAT'] },
      // no queue or routing profile filter: GetCurrentMetricData refuses it
      {
        refId: 'D',
        queryType: 'realtime',
        instanceId: inst.id,
        filters: {},
        groupings: [],
        metrics: ['AGENTS_ONLINE'],
      },
    ];
    const res = await h.host('query', { targets, ...range });

    expect(res.errors).toEqual([
      { refId: 'D', status: 400, message: 'filters: filter by at least one queue or one routing profile' },
    ]);
    expect([...new Set(res.data.map((f) => f.refId))]).toEqual(['A', 'B', 'C']);

    const realtime = res.data.filter((f) => f.refId === 'A');
    expect(realtime).toHaveLength(1);
    const table = realtime[0];
    expect(table.length).toBe(inst.queues.length);
    expect(new Set(field(table, 'Queue').values)).toEqual(new Set(inst.queues.map((q) => q.name)));
    expect(field(table, 'CONTACTS_IN_QUEUE')).toMatchObject({
      type: 'number',
      displayName: 'In queue',
      config: { unit: 'short' },
    });
    expect(field(table, 'OLDEST_CONTACT_AGE')).toMatchObject({
      type: 'number',
      displayName: 'Oldest',
      config: { unit: 's' },
    });
    for (const v of field(table, 'CONTACTS_IN_QUEUE').values) {
      expect(Number.isInteger(v) && (v as number) >= 0).toBe(true);
    }

    const series = res.data.filter((f) => f.refId === 'B');
    expect(series).toHaveLength(1);
    expect(series[0].fields.map((f) => f.type)).toEqual(['time', 'number']);
    const times = series[0].fields[0].values as number[];
    expect(times.length).toBeGreaterThan(30);
    expect(times[0]).toBeGreaterThanOrEqual(Date.parse(range.from));
    expect(times[times.length - 1]).toBeLessThanOrEqual(Date.parse(range.to));
    expect(series[0].fields[1].labels).toMatchObject({ QueueName: 'Billing' });

    const quota = res.data.filter((f) => f.refId === 'C');
    expect(quota).toHaveLength(1);
    expect(field(quota[0], 'Channel').values).toEqual(['VOICE', 'CHAT']);
    expect(field(quota[0], 'Used').config).toMatchObject({ unit: 'percent' });
  });

  it('sent them as one POST /api/query through the route, which added the token and AWS settings', async () => {
    const sent = h.server.forwarded.filter((r) => r.target.endsWith('/api/query'));
    expect(sent.length).toBeGreaterThan(0);
    const last = sent[sent.length - 1];
    expect(last.method).toBe('POST');
    expect(last.target).toBe(`${PROXY_URL}/api/query`);
    expect(last.headers).toMatchObject({
      authorization: `Bearer ${TEST_TOKEN}`,
      'x-switchboard-region': 'us-east-1',
      'x-switchboard-auth-type': 'keys',
      'x-switchboard-access-key': h.datasource.secureJsonData.accessKey,
      'x-switchboard-secret-key': h.datasource.secureJsonData.secretKey,
      'x-grafana-org-id': '1',
    });
    // the page itself never held or sent a secret: only the route added them
    const fromPage = h.pageRequests.filter((r) => r.url.includes('/api/datasources/proxy/'));
    expect(fromPage.length).toBeGreaterThan(0);
    for (const r of fromPage) {
      expect(Object.keys(r.headers).filter((k) => k === 'authorization' || k.startsWith('x-switchboard-'))).toEqual([]);
    }
    const everything = JSON.stringify(h.pageRequests);
    for (const secret of Object.values(h.datasource.secureJsonData)) {
      expect(everything).not.toContain(secret);
    }
  });

  it('interpolates dashboard variables: a multi-value $queue selects those queues', async () => {
    const inst = instance();
    const [billing, vip] = ['Billing', 'VIP'].map((n) => inst.queues.find((q) => q.name === n)!);
    await h.host('setVariables', { queue: [billing.id, vip.id], instance: inst.id });
    const res = await h.host('query', {
      targets: [
        {
          refId: 'A',
          queryType: 'realtime',
          instanceId: '$instance',
          filters: { queues: ['$queue'] },
          groupings: ['QUEUE'],
          metrics: ['CONTACTS_IN_QUEUE'],
        },
      ],
      ...range,
    });
    expect(res.errors).toEqual([]);
    expect(field(res.data[0], 'Queue').values.slice().sort()).toEqual(['Billing', 'VIP']);
    await h.host('setVariables', {});
  });

  it('testDatasource reports success against the running proxy', async () => {
    const res = await h.host('testDatasource');
    expect(res.status).toBe('success');
    expect(res.message).toMatch(/^Switchboard proxy and AWS answer\./);
  });

  // The proxy answers a wrong token with 403: a 401 would reach the page as Grafana's bare 400 (support/dataProxy.ts).
  it("a wrong proxy token: queries and Save & test get the proxy's message, which names the token", async () => {
    h.server.addDatasource(
      keysDatasource(PROXY_URL, instance().id, {
        uid: 'wrong-token',
        secureJsonData: { ...h.datasource.secureJsonData, proxyToken: 'not-the-token-of-this-proxy' },
      })
    );
    await h.reload();
    await h.host('boot', 'wrong-token');
    const res = await h.host('query', {
      targets: [{ refId: 'A', queryType: 'quota', instanceId: instance().id }],
      ...range,
    });
    expect(res.data).toEqual([]);
    expect(res.errors).toEqual([
      {
        message: expect.stringMatching(
          /^The Switchboard proxy refused the request \(403\): Invalid proxy token: it does not match the PROXY_TOKEN the proxy was started with\. Set the same token in the datasource \("Proxy token" on its settings page\)/
        ),
      },
    ]);
    const test = await h.host('testDatasource');
    expect(test.status).toBe('error');
    expect(test.message).toMatch(/\(403\): Invalid proxy token/);
    expect(h.server.forwarded.slice(-2).map((f) => [f.status, f.answered])).toEqual([
      [403, 403],
      [403, 403],
    ]);
    // the browser logs failed requests: exactly these two
    expect(h.console.take()).toEqual([
      expect.stringMatching(
        /Failed to load resource: .*403.*\/api\/datasources\/proxy\/uid\/wrong-token\/switchboard\/api\/query/
      ),
      expect.stringMatching(
        /Failed to load resource: .*403.*\/api\/datasources\/proxy\/uid\/wrong-token\/switchboard\/api\/health/
      ),
    ]);
  });

  it('AWS keys that AWS rejects: queries, lists and Save & test name the keys, not a bare 400', async () => {
    const rejecting = await startSimulatorWith(defaultOperations().map(rejectedKeysOperation));
    const proxy = await startQuietProxy(rejecting.url);
    try {
      h.server.addDatasource(keysDatasource(proxy.url, instance().id, { uid: 'bad-keys' }));
      await h.reload();
      await h.host('boot', 'bad-keys');
      const res = await h.host('query', {
        targets: [{ refId: 'A', queryType: 'quota', instanceId: instance().id }],
        ...range,
      });
      expect(res.errors).toEqual([
        expect.objectContaining({
          refId: 'A',
          status: 403,
          message: expect.stringMatching(
            /^AWS rejected the credentials calling cloudwatch:GetMetricData .*check the access key, secret or role of the datasource/
          ),
        }),
      ]);
      const test = await h.host('testDatasource');
      expect(test.status).toBe('error');
      expect(test.message).toMatch(/AWS rejected the credentials calling connect:ListInstances/);
      // A list (the instance picker): the proxy's 403 reaches the page with its message.
      const list = await h.page.evaluate(async () => {
        const r = await fetch('/api/datasources/proxy/uid/bad-keys/switchboard/api/resources/instances');
        return { status: r.status, body: (await r.json()) as { error: string; code: string } };
      });
      expect(list).toEqual({
        status: 403,
        body: { error: expect.stringMatching(/^AWS rejected the credentials/), code: 'bad_credentials' },
      });
      expect(h.console.take()).toEqual([expect.stringMatching(/Failed to load resource: .*403.*resources\/instances/)]);
    } finally {
      await proxy.close();
      await rejecting.close();
    }
  });

  it("something answering 401 behind the route: Grafana's 400 becomes a message that says what to check", async () => {
    const gate = createServer((req, res) => {
      req.resume();
      res.writeHead(401, { 'www-authenticate': 'Basic realm="gateway"' }).end('unauthorized');
    });
    await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(gate.address() as AddressInfo).port}`;
      h.server.addDatasource(keysDatasource(url, instance().id, { uid: 'gated' }));
      await h.reload();
      await h.host('boot', 'gated');
      const res = await h.host('query', {
        targets: [{ refId: 'A', queryType: 'quota', instanceId: instance().id }],
        ...range,
      });
      expect(res.errors).toEqual([
        {
          message: expect.stringMatching(
            /^Grafana's data proxy answered "Authentication to data source failed" \(400\): .*Check the proxy token in the datasource settings/
          ),
        },
      ]);
      expect(h.server.forwarded.at(-1)).toMatchObject({ status: 401, answered: 400 });
      expect(h.console.take()).toEqual([expect.stringMatching(/Failed to load resource: .*400/)]);
    } finally {
      gate.closeAllConnections();
      await new Promise((resolve) => gate.close(resolve));
    }
  });

  it('a proxy that does not answer: the 502 of Grafana becomes "could not reach the Switchboard proxy"', async () => {
    h.server.addDatasource(keysDatasource('http://127.0.0.1:9', instance().id, { uid: 'no-proxy' }));
    await h.reload();
    await h.host('boot', 'no-proxy');
    const res = await h.host('query', {
      targets: [{ refId: 'A', queryType: 'quota', instanceId: instance().id }],
      ...range,
    });
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0].message).toMatch(
      /^Grafana could not reach the Switchboard proxy \(502\): check the proxy URL/
    );
    expect(h.console.take()).toEqual([expect.stringMatching(/Failed to load resource: .*502/)]);
  });

  // Grafana fills a missing jsonData key as "<no value>"; plugin.json pipes every header through orEmpty.
  it('a datasource with only the proxy URL and token queries with the proxy defaults', async () => {
    h.server.addDatasource({
      uid: 'minimal',
      name: 'minimal',
      jsonData: { proxyUrl: PROXY_URL },
      secureJsonData: { proxyToken: TEST_TOKEN },
    });
    try {
      await h.host('boot', 'minimal');
      const res = await h.host('query', {
        targets: [{ refId: 'A', queryType: 'quota', instanceId: instance().id }],
        ...range,
      });
      expect(res.errors).toEqual([]);
      expect(res.data.length).toBeGreaterThan(0);
    } finally {
      h.console.take();
      await h.host('boot', DS_UID);
    }
  });
});
