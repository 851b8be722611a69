import { Writable } from 'node:stream';
import { AwsClients } from '../../proxy/aws/clients';
import { loadConfig } from '../../proxy/config';
import { startProxy, type RunningProxy } from '../../proxy/server';
import { TEST_ACCESS_KEY, TEST_SECRET_KEY, TEST_TOKEN } from '../support/proxy';
import { dataClockOf, startTestSimulator, type TestSimulator } from '../support/simulator';

/** POST /api/query over HTTP, as Grafana's datasource proxy route sends it: token, AWS settings headers, a body. */
describe('proxy over HTTP: POST /api/query', () => {
  let sim: TestSimulator;
  let proxy: RunningProxy;
  const logs: string[] = [];

  beforeAll(async () => {
    sim = await startTestSimulator({ at: '2026-11-18T17:00:00Z' });
    const config = loadConfig(
      { PROXY_TOKEN: TEST_TOKEN, AWS_ENDPOINT_URL: sim.url, AWS_MAX_ATTEMPTS: '1', LOG_LEVEL: 'debug' },
      []
    );
    const awsClients = new AwsClients(config, {
      baseCredentials: { accessKeyId: 'AKIAPROXYOWN0000000', secretAccessKey: 'x' },
    });
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    proxy = await startProxy(
      { ...config, port: 0 },
      { handleSignals: false, logger: { stream, level: 'debug' }, awsClients, ...dataClockOf(sim) }
    );
  });
  afterAll(async () => {
    await proxy.close();
    await sim.close();
  });

  const headers = {
    authorization: `Bearer ${TEST_TOKEN}`,
    'content-type': 'application/json',
    'x-switchboard-region': 'us-east-1',
    'x-switchboard-auth-type': 'keys',
    'x-switchboard-access-key': TEST_ACCESS_KEY,
    'x-switchboard-secret-key': TEST_SECRET_KEY,
  };
  const post = async (body: unknown, h: Record<string, string> = headers) => {
    const res = await fetch(`${proxy.url}/api/query`, { method: 'POST', headers: h, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  it('answers each query of the request, with per-query errors', async () => {
    const inst = sim.context.world.instances[0];
    const res = await post({
      range: { from: '2026-11-18T16:00:00Z', to: '2026-11-18T17:00:00Z' },
      maxDataPoints: 500,
      queries: [
        {
          refId: 'A',
          queryType: 'realtime',
          instanceId: inst.id,
          filters: { queues: inst.queues.map((q) => q.id) },
          groupings: ['QUEUE'],
          metrics: ['CONTACTS_IN_QUEUE'],
        },
        { refId: 'B', queryType: 'quota', instanceId: inst.id },
        {
          refId: 'C',
          queryType: 'realtime',
          instanceId: inst.id,
          filters: {},
          groupings: [],
          metrics: ['AGENTS_ONLINE'],
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.A.status).toBe(200);
    expect(res.body.results.A.frames[0].data.values[0]).toHaveLength(inst.queues.length);
    expect(res.body.results.B.status).toBe(200);
    expect(res.body.results.C).toEqual({
      status: 400,
      error: 'filters: filter by at least one queue or one routing profile',
    });
    // the upstream call was signed with the datasource's access key
    expect(sim.stats.count('connect', 'GetCurrentMetricData')).toBeGreaterThan(0);
  });

  it('refuses requests without the token, bodies of the wrong shape and bad AWS settings', async () => {
    const { authorization: _omit, ...noToken } = headers;
    expect((await post({ range: { from: '1', to: '2' }, queries: [] }, noToken)).status).toBe(403);
    expect(
      (
        await post(
          { range: { from: '1', to: '2' }, queries: [] },
          { ...headers, authorization: 'Bearer wrong-token-of-some-length' }
        )
      ).status
    ).toBe(403);
    const bad = await post({ range: { from: 'x' }, queries: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/range/);
    const backwards = await post({
      range: { from: '2026-11-18T17:00:00Z', to: '2026-11-18T16:00:00Z' },
      queries: [{ refId: 'A', queryType: 'quota', instanceId: 'x' }],
    });
    expect(backwards).toEqual({ status: 400, body: { error: 'range: "to" must be after "from"' } });
    const settings = await post(
      {
        range: { from: '2026-11-18T16:00:00Z', to: '2026-11-18T17:00:00Z' },
        queries: [{ refId: 'A', queryType: 'quota', instanceId: 'x' }],
      },
      { ...headers, 'x-switchboard-auth-type': 'magic' }
    );
    expect(settings.status).toBe(400);
    expect(settings.body.error).toMatch(/X-Switchboard-Auth-Type/i);
  });

  it('never writes the proxy token or the secret key to its logs', () => {
    const text = logs.join('');
    expect(text.length).toBeGreaterThan(1000);
    expect(text).not.toContain(TEST_TOKEN);
    expect(text).not.toContain(TEST_SECRET_KEY);
  });
});
