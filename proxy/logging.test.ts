import { Writable } from 'node:stream';
import { buildProxy, type Proxy } from './app';
import { AwsClients } from './aws/clients';
import { LOGGED_QUERY_PARAMS, loggedUrl, REDACTED } from './logging';
import { ResourceQuerySchema } from '../src/connect/proxyApi';
import { keysHeaders, TEST_ACCESS_KEY, TEST_SECRET_KEY, TEST_TOKEN, testConfig } from '../test/support/proxy';

const EXTERNAL_ID = 'external-id-that-is-secret';

/** A log destination that keeps every line. */
function capture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

describe('proxy logs', () => {
  let proxy: Proxy;
  let log: ReturnType<typeof capture>;
  let awsClients: AwsClients;

  beforeEach(async () => {
    log = capture();
    // Nothing listens on port 9 of loopback: AWS calls fail fast, and their failures are logged too.
    const config = testConfig({ awsEndpointUrl: 'http://127.0.0.1:9', logLevel: 'debug' });
    awsClients = new AwsClients(config, {
      baseCredentials: { accessKeyId: 'AKIAPROXYOWN0000000', secretAccessKey: 'x' },
    });
    proxy = await buildProxy(config, { logger: { stream: log.stream }, awsClients });
  });
  afterEach(async () => {
    await proxy.close();
    awsClients.close();
  });

  const secrets = [TEST_TOKEN, TEST_SECRET_KEY, EXTERNAL_ID, TEST_ACCESS_KEY];

  it('never print the proxy token, the secret key, the external id or the access key of a request', async () => {
    const requests = [
      { url: '/api/resources/regions', headers: keysHeaders() },
      { url: '/api/resources/queues', headers: keysHeaders() }, // 400
      { url: '/api/resources/instances', headers: keysHeaders() }, // AWS unreachable: 502 and a warning
      { url: '/api/health', headers: keysHeaders() },
      {
        url: '/api/resources/instances',
        headers: keysHeaders({
          'x-switchboard-auth-type': 'assume-role',
          'x-switchboard-assume-role-arn': 'arn:aws:iam::123456789012:role/Grafana',
          'x-switchboard-external-id': EXTERNAL_ID,
        }),
      },
      { url: '/api/resources/regions', headers: { authorization: `Bearer ${TEST_TOKEN}x` } }, // 403
    ];
    for (const r of requests) {
      await proxy.app.inject({ method: 'GET', ...r });
    }
    const text = log.lines.join('\n');
    expect(log.lines.filter((l) => l.includes('"incoming request"'))).toHaveLength(requests.length);
    expect(text).toContain('AWS call failed');
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
    }
    // Requests are logged by method and URL, without headers.
    const incoming = JSON.parse(log.lines.find((l) => l.includes('"incoming request"'))!);
    expect(incoming.req).toEqual(expect.objectContaining({ method: 'GET', url: '/api/resources/regions' }));
    expect(incoming.req.headers).toBeUndefined();
  });

  it('redact secret headers and secret-named fields should code log them anyway', () => {
    proxy.ctx.log.info(
      {
        req: { headers: { authorization: `Bearer ${TEST_TOKEN}`, 'x-switchboard-secret-key': TEST_SECRET_KEY } },
        headers: { 'x-switchboard-external-id': EXTERNAL_ID, 'x-switchboard-access-key': TEST_ACCESS_KEY },
        settings: { secretAccessKey: TEST_SECRET_KEY, externalId: EXTERNAL_ID },
        config: { token: TEST_TOKEN },
        deeper: { aws: { password: 'p4ssw0rd-value' } },
      },
      'careless'
    );
    const line = log.lines.find((l) => l.includes('careless'))!;
    for (const secret of [...secrets, 'p4ssw0rd-value']) {
      expect(line).not.toContain(secret);
    }
    const parsed = JSON.parse(line);
    expect(parsed.settings).toEqual({ secretAccessKey: REDACTED, externalId: REDACTED });
    expect(parsed.config.token).toBe(REDACTED);
  });

  it('log the query parameters of the routes, and redact any other, name and value', async () => {
    expect(loggedUrl('/api/resources/queues?instanceId=abc&region=eu-west-2')).toBe(
      '/api/resources/queues?instanceId=abc&region=eu-west-2'
    );
    expect(loggedUrl(`/api/health?access_token=${TEST_TOKEN}&region=us-east-1`)).toBe(
      `/api/health?${REDACTED}&region=us-east-1`
    );
    // A bare value, an encoded name, an undecodable one: all redacted.
    expect(loggedUrl(`/api/health?${TEST_TOKEN}`)).toBe(`/api/health?${REDACTED}`);
    expect(loggedUrl('/api/health?%74oken=abc&%E0%A4%A=x')).toBe(`/api/health?${REDACTED}&${REDACTED}`);
    expect(loggedUrl('/healthz')).toBe('/healthz');

    await proxy.app.inject({ url: `/api/resources/regions?token=${encodeURIComponent(TEST_TOKEN)}&region=us-east-1` });
    const incoming = log.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'incoming request');
    expect(incoming.req.url).toBe(`/api/resources/regions?${REDACTED}&region=us-east-1`);
    expect(log.lines.join('\n')).not.toContain(encodeURIComponent(TEST_TOKEN));
  });

  it('keep exactly the query parameters the routes take', () => {
    // GET /api/resources/{kind} takes ResourceQuery; GET /api/health takes instanceId and region, a subset.
    expect([...LOGGED_QUERY_PARAMS].sort()).toEqual(Object.keys(ResourceQuerySchema.properties).sort());
    expect(LOGGED_QUERY_PARAMS).toEqual(expect.arrayContaining(['instanceId', 'region']));
  });
});
