import type { FromTemporaryCredentialsOptions } from '@aws-sdk/credential-providers';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { defaultOperations } from '../../simulator/app';
import { AwsClients } from '../../proxy/aws/clients';
import { loadConfig } from '../../proxy/config';
import { RESOURCE_KINDS } from '../../proxy/resources';
import { startProxy, type RunningProxy } from '../../proxy/server';
import {
  accessKeyId,
  findLeaks,
  leakForms,
  logCapture,
  randomText,
  secretAccessKey,
  sessionToken,
  type Secret,
  type Source,
} from '../support/secretScan';
import {
  deniedOperation,
  rejectedKeysOperation,
  startSimulatorWith,
  startTestSimulator,
  type TestSimulator,
} from '../support/simulator';

/**
 * The proxy's security properties (docs/security.md), in front of the simulator over real HTTP, with the headers
 * Grafana's datasource route sends:
 * - every route the app has (read from the app itself, so a new route cannot escape) refuses a missing, wrong,
 *   shorter, longer or otherwise-schemed token, and only /healthz and /metrics answer without one;
 * - a session over every route at LOG_LEVEL=trace, successes and every kind of failure, writes none of the secrets
 *   (proxy token, AWS keys and session tokens, external id, Redis password), in any encoding, to its log or to any
 *   response body or header;
 * - only read-only AWS operations of the IAM policy are ever called, and no request chooses the operation, the AWS
 *   endpoint or a region outside AWS's pattern;
 * - HTTP hygiene: no X-Powered-By, no CORS, no stack traces, the body limit and the request timeout;
 * - the browser side: the datasource keeps the token and the keys in secureJsonData, and the route reads them only
 *   from there.
 */

jest.setTimeout(60_000);

const root = path.join(__dirname, '..', '..');
const hex = (n: number) => randomText(n, '0123456789abcdef');

/** Fresh random secrets each run, so that a match can only be a leak. "/" and "+" make the URL-encoded forms differ. */
const S = {
  token: `sb/${hex(24)}+${hex(16)}`,
  dsAccessKey: accessKeyId(),
  dsSecretKey: secretAccessKey(),
  faultAccessKey: accessKeyId(),
  faultSecretKey: secretAccessKey(),
  proxyAccessKey: accessKeyId('ASIA'),
  proxySecretKey: secretAccessKey(),
  proxySessionToken: sessionToken(),
  roleAccessKey: accessKeyId('ASIA'),
  roleSecretKey: secretAccessKey(),
  roleSessionToken: sessionToken(),
  externalId: `ext/${hex(20)}+=@`,
  // Refused values are secrets too: an error message that quotes them would leak them.
  spacedSecretKey: `${secretAccessKey()} ${hex(8)}`,
  malformedAccessKey: `AKIA-${hex(16)}`,
  malformedExternalId: `${hex(16)}!${hex(8)}`,
  redisPassword: hex(32),
};

const SECRETS: Secret[] = [
  { name: 'proxy token', value: S.token },
  { name: 'datasource access key id', value: S.dsAccessKey },
  { name: 'datasource secret key', value: S.dsSecretKey },
  { name: 'second datasource access key id', value: S.faultAccessKey },
  { name: 'second datasource secret key', value: S.faultSecretKey },
  { name: "proxy's own access key id", value: S.proxyAccessKey },
  { name: "proxy's own secret key", value: S.proxySecretKey },
  { name: "proxy's own session token", value: S.proxySessionToken },
  { name: 'assumed-role access key id', value: S.roleAccessKey },
  { name: 'assumed-role secret key', value: S.roleSecretKey },
  { name: 'assumed-role session token', value: S.roleSessionToken },
  { name: 'external id', value: S.externalId },
  { name: 'refused secret key', value: S.spacedSecretKey },
  { name: 'refused access key id', value: S.malformedAccessKey },
  { name: 'refused external id', value: S.malformedExternalId },
  { name: 'Redis password', value: S.redisPassword },
];

const ROLE_OK = 'arn:aws:iam::123456789012:role/SwitchboardRead';
const ROLE_DENIED = 'arn:aws:iam::123456789012:role/NotTrustingTheProxy';

/** What Grafana's server adds to a proxied request besides the route's headers (cookies are dropped). */
const GRAFANA = { 'user-agent': 'Grafana/12.4.10', 'x-grafana-org-id': '1', 'x-forwarded-for': '10.0.0.7' };

interface Datasource {
  authType: 'default' | 'keys' | 'assume-role';
  region?: string;
  accessKey?: string;
  secretKey?: string;
  roleArn?: string;
  externalId?: string;
}

/** The headers of src/datasource/plugin.json's route, filled as Grafana fills them (orEmpty: unset is empty). */
function routeHeaders(ds: Datasource, token = S.token): Record<string, string> {
  return {
    ...GRAFANA,
    authorization: `Bearer ${token}`,
    'x-switchboard-region': ds.region ?? '',
    'x-switchboard-auth-type': ds.authType,
    'x-switchboard-assume-role-arn': ds.roleArn ?? '',
    'x-switchboard-external-id': ds.externalId ?? '',
    'x-switchboard-access-key': ds.accessKey ?? '',
    'x-switchboard-secret-key': ds.secretKey ?? '',
  };
}

// Access keys, still carrying the role settings of an earlier choice (Grafana keeps them; the proxy ignores them).
const DS_KEYS: Datasource = {
  authType: 'keys',
  region: 'us-east-1',
  accessKey: S.dsAccessKey,
  secretKey: S.dsSecretKey,
  roleArn: ROLE_OK,
  externalId: S.externalId,
};
const DS_DEFAULT: Datasource = { authType: 'default' };
const DS_ROLE: Datasource = {
  authType: 'assume-role',
  region: 'us-east-1',
  roleArn: ROLE_OK,
  externalId: S.externalId,
};
const DS_ROLE_DENIED: Datasource = { ...DS_ROLE, roleArn: ROLE_DENIED };
// Other keys, so that the fault-injected calls find nothing cached (and no stale answer) for them.
const DS_FAULTS: Datasource = { authType: 'keys', accessKey: S.faultAccessKey, secretKey: S.faultSecretKey };

/** Every AWS API the proxy calls, unthrottled by its own limiter: the tests call faster than AWS's quotas. */
const UNLIMITED = JSON.stringify(
  Object.fromEntries(
    [
      'ListInstances',
      'ListQueues',
      'ListRoutingProfiles',
      'ListAgentStatuses',
      'GetCurrentMetricData',
      'ListMetrics',
      'GetMetricData',
      'ListVoiceConnectors',
      'ListDomains',
    ].map((api) => [api, { rate: 1000, burst: 1000 }])
  )
);

/** The fake STS of AssumeRole: the simulator has none. Records what the proxy asked. */
const assumeRoleCalls: Array<{ roleArn?: string; externalId?: string; sessionName?: string }> = [];
function fakeSts(options: FromTemporaryCredentialsOptions) {
  return async () => {
    assumeRoleCalls.push({
      roleArn: options.params.RoleArn,
      externalId: options.params.ExternalId,
      sessionName: options.params.RoleSessionName,
    });
    if (options.params.RoleArn === ROLE_DENIED) {
      // STS's words, plus the external id, which no real error carries: the proxy must not repeat it either way.
      throw Object.assign(
        new Error(
          `User: arn:aws:sts::123456789012:assumed-role/proxy is not authorized to perform: sts:AssumeRole on resource: ${ROLE_DENIED} (external id ${options.params.ExternalId})`
        ),
        { name: 'AccessDenied' }
      );
    }
    return {
      accessKeyId: S.roleAccessKey,
      secretAccessKey: S.roleSecretKey,
      sessionToken: S.roleSessionToken,
      expiration: new Date(Date.now() + 3600_000),
    };
  };
}

/** One answer of the proxy, kept for the leak search and the HTTP checks. */
interface Answer {
  what: string;
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

const answers: Answer[] = [];
const log = logCapture();

async function send(
  proxy: RunningProxy,
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: string
): Promise<Answer> {
  const res = await fetch(`${proxy.url}${url}`, { method, headers, body, redirect: 'manual' });
  const answer: Answer = {
    what: `${method} ${url.length > 120 ? `${url.slice(0, 117)}...` : url}`,
    method,
    url,
    status: res.status,
    headers: Object.fromEntries(res.headers.entries()),
    body: await res.text(),
  };
  answers.push(answer);
  return answer;
}

const json = (answer: Answer) => JSON.parse(answer.body) as Record<string, any>;

/** GET of a path exactly as written (no URL normalisation), without a token: the status. */
function rawStatus(proxy: RunningProxy, rawPath: string): Promise<number> {
  const { hostname, port } = new URL(proxy.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: rawPath, method: 'GET', headers: GRAFANA }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The config `npm run proxy` would read from this environment. */
function proxyConfig(env: Record<string, string>) {
  return loadConfig(
    { PROXY_TOKEN: S.token, AWS_MAX_ATTEMPTS: '1', LOG_LEVEL: 'trace', UPSTREAM_QUOTAS: UNLIMITED, ...env },
    []
  );
}

/** A proxy as a process runs it, its log captured, its own credentials the fake ones (with a session token). */
async function proxyAt(env: Record<string, string>, prepare?: (clients: AwsClients) => void): Promise<RunningProxy> {
  const config = proxyConfig(env);
  const awsClients = new AwsClients(config, {
    baseCredentials: {
      accessKeyId: S.proxyAccessKey,
      secretAccessKey: S.proxySecretKey,
      sessionToken: S.proxySessionToken,
    },
    assumeRole: fakeSts,
  });
  prepare?.(awsClients);
  const proxy = await startProxy(
    { ...config, port: 0 },
    { handleSignals: false, logger: { stream: log.stream }, awsClients }
  );
  return {
    ...proxy,
    close: async () => {
      await proxy.close();
      awsClients.close();
    },
  };
}

/** The routes of an app, from fastify's own table: `{ method, path }` for each method of each path. */
function routesOf(app: FastifyInstance): Array<{ method: string; path: string }> {
  const text = app.printRoutes({ commonPrefix: false });
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      const m = /^[\s│├└─]*(\/\S*) \(([A-Z, ]+)\)$/.exec(line);
      if (!m) {
        throw new Error(`printRoutes line not understood: ${JSON.stringify(line)} in\n${text}`);
      }
      return m[2].split(', ').map((method) => ({ method, path: m[1] }));
    });
}

/**
 * Every route the proxy serves, whether it is public, and a request that reaches it. A route that fastify lists and
 * this table does not fails the first test: decide whether it is public, add it here and to docs/security.md.
 */
const ROUTES: Record<string, { public: boolean; url: string; body?: () => string }> = {
  'GET /healthz': { public: true, url: '/healthz' },
  'HEAD /healthz': { public: true, url: '/healthz' },
  'GET /metrics': { public: true, url: '/metrics' },
  'HEAD /metrics': { public: true, url: '/metrics' },
  'GET /api/health': { public: false, url: '/api/health' },
  'HEAD /api/health': { public: false, url: '/api/health' },
  'GET /api/resources/:kind': { public: false, url: '/api/resources/instances' },
  'HEAD /api/resources/:kind': { public: false, url: '/api/resources/instances' },
  'POST /api/query': { public: false, url: '/api/query', body: () => JSON.stringify(quotaQuery('A')) },
};

/** A request for a route the table does not know yet: its parameters filled with placeholders. */
const urlOf = (route: { method: string; path: string }) =>
  ROUTES[`${route.method} ${route.path}`]?.url ?? route.path.replace(/:\w+/g, 'x');

let sim: TestSimulator;
let instanceId: string;
let queueIds: string[];
const RANGE = { from: '2026-11-18T16:00:00Z', to: '2026-11-18T17:00:00Z' };

const quotaQuery = (refId: string, instance = instanceId) => ({
  range: RANGE,
  queries: [{ refId, queryType: 'quota', instanceId: instance }],
});

beforeAll(async () => {
  sim = await startTestSimulator({ at: '2026-11-18T17:00:00Z' });
  instanceId = sim.context.world.instances[0].id;
  queueIds = sim.context.world.instances[0].queues.map((q) => q.id);
});
afterAll(async () => {
  await sim.close();
});

describe('authentication of every route', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await proxyAt({ AWS_ENDPOINT_URL: sim.url });
  });
  afterAll(() => proxy.close());

  it('knows every route the app serves, and only /healthz and /metrics are public', () => {
    const routes = routesOf(proxy.app).map((r) => `${r.method} ${r.path}`);
    expect(routes.length).toBeGreaterThanOrEqual(9);
    expect([...routes].sort()).toEqual(Object.keys(ROUTES).sort());
    const open = routes.filter((r) => ROUTES[r]?.public);
    expect(open.map((r) => r.split(' ')[1]).every((p) => !p.startsWith('/api'))).toBe(true);
  });

  /** Bearer headers that must be refused: no header, then wrong tokens of every length around the right one. */
  const BAD_AUTHORIZATIONS = (token: string): Array<[string, string | undefined]> => {
    const wrong: Array<[string, string]> = [
      ['a wrong token of the same length', token.slice(0, -1) + (token.endsWith('0') ? '1' : '0')],
      ['the token less its last character', token.slice(0, -1)],
      ['the token and one more character', `${token}0`],
      ['the token twice', token + token],
      ['a one-character token', 'x'],
      ['a 4 KiB token', 'x'.repeat(4096)],
      ['the token in upper case', token.toUpperCase()],
    ];
    return [
      ['no Authorization header', undefined],
      ...wrong.map(([what, t]): [string, string] => [what, `Bearer ${t}`]),
    ];
  };
  const BAD_SCHEMES = (token: string): Array<[string, string]> => [
    ['Basic with the token as password', `Basic ${Buffer.from(`grafana:${token}`).toString('base64')}`],
    ['Basic with the token', `Basic ${token}`],
    ['the Token scheme', `Token ${token}`],
    ['the token without a scheme', token],
    ['Bearer without a token', 'Bearer'],
    ['two tokens', `Bearer ${token}, Bearer ${token}`],
  ];

  it('refuses every /api route without the right token, before any AWS call', async () => {
    const routes = routesOf(proxy.app).filter((r) => !ROUTES[`${r.method} ${r.path}`]?.public);
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/health', '/api/query']));
    const before = sim.stats.snapshot().totals.requests;
    const refused: string[] = [];
    const problems: string[] = [];
    for (const route of routes) {
      const body = ROUTES[`${route.method} ${route.path}`]?.body?.();
      const cases = [...BAD_AUTHORIZATIONS(S.token), ...BAD_SCHEMES(S.token)];
      for (const [what, authorization] of cases) {
        // Every other header Grafana sends, secrets included: refusing must not depend on them.
        const headers: Record<string, string> = { ...routeHeaders(DS_KEYS), 'content-type': 'application/json' };
        delete headers.authorization;
        if (authorization !== undefined) {
          headers.authorization = authorization;
        }
        const res = await send(proxy, route.method, urlOf(route), headers, body);
        // 403, never 401: Grafana's datasource proxy turns a 401 into a bare 400 and drops the message (auth.ts).
        if (res.status !== 403) {
          problems.push(`${route.method} ${route.path} with ${what}: ${res.status}`);
        }
        if (
          route.method !== 'HEAD' &&
          (!/^(Missing|Malformed|Invalid) proxy token|^Malformed Authorization header/.test(json(res).error ?? '') ||
            !/^proxy_token_(missing|malformed|invalid)$/.test(json(res).code ?? ''))
        ) {
          problems.push(`${route.method} ${route.path} with ${what}: body ${res.body}`);
        }
        refused.push(`${route.method} ${route.path}`);
      }
      // The token anywhere but the Authorization header does not count.
      for (const [where, url, headers] of [
        ['query string', `${urlOf(route)}?access_token=${encodeURIComponent(S.token)}`, {}],
        ['cookie', urlOf(route), { cookie: `token=${S.token}` }],
        ['another header', urlOf(route), { 'x-proxy-token': S.token, 'x-api-key': S.token }],
      ] as Array<[string, string, Record<string, string>]>) {
        const res = await send(proxy, route.method, url, { ...GRAFANA, ...headers }, body);
        if (res.status !== 403) {
          problems.push(`${route.method} ${route.path} with the token in a ${where}: ${res.status}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(refused.length).toBeGreaterThanOrEqual(5 * 14);
    // The hook refuses before the handler: not one AWS call for all of that.
    expect(sim.stats.snapshot().totals.requests).toBe(before);
  });

  it('answers every route with the right token, and the public ones without', async () => {
    for (const route of routesOf(proxy.app)) {
      const spec = ROUTES[`${route.method} ${route.path}`];
      const headers = { ...routeHeaders(DS_KEYS), 'content-type': 'application/json' };
      const res = await send(proxy, route.method, urlOf(route), headers, spec?.body?.());
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 200,
      });
      // The scheme is case-insensitive (RFC 7235).
      const lower = await send(
        proxy,
        route.method,
        urlOf(route),
        { ...headers, authorization: `bearer ${S.token}` },
        spec?.body?.()
      );
      expect(lower.status).toBe(200);
      if (spec?.public) {
        const open = await send(proxy, route.method, urlOf(route), GRAFANA);
        expect(open.status).toBe(200);
      }
    }
  });

  it('hides unknown /api paths behind the token too (no route discovery without it)', async () => {
    for (const url of ['/api/nothing', '/api', '/%61pi/resources/instances']) {
      expect({ url, status: (await send(proxy, 'GET', url, GRAFANA)).status }).toEqual({ url, status: 403 });
    }
    // Dot segments as sent (fetch would resolve them first): the router does not resolve them either, so a path
    // under /api stays behind the token and one that climbs out of a public route matches nothing.
    for (const [rawPath, status] of [
      ['/api/../metrics', 403],
      ['/api/%2e%2e/metrics', 403],
      ['/api/resources/instances/../../../healthz', 403],
      ['/metrics/../api/resources/instances', 404],
      ['/healthz/%2e%2e/api/health', 404],
    ] as Array<[string, number]>) {
      expect({ rawPath, status: await rawStatus(proxy, rawPath) }).toEqual({ rawPath, status });
    }
    const known = await send(proxy, 'GET', '/api/nothing', routeHeaders(DS_KEYS));
    expect(known.status).toBe(404);
  });
});

describe('a session over every route, failures included, at LOG_LEVEL=trace', () => {
  let proxy: RunningProxy;
  let deniedSim: TestSimulator;
  let deniedProxy: RunningProxy;
  let brokenProxy: RunningProxy;
  let redisProxy: RunningProxy;
  /** Outcomes the session meant to reach and did not: the leak checks only mean something if every path ran. */
  const missed: string[] = [];
  let metricsText = '';

  const expectStatus = (answer: Answer, status: number, check?: (a: Answer) => boolean) => {
    if (answer.status !== status || (check && !check(answer))) {
      missed.push(`${answer.what}: expected ${status}, got ${answer.status} ${answer.body.slice(0, 300)}`);
    }
    return answer;
  };
  const queryStatus = (answer: Answer, refId: string, status: number) => {
    const result = answer.status === 200 ? json(answer).results?.[refId] : undefined;
    if (result?.status !== status) {
      missed.push(
        `${answer.what} query ${refId}: expected ${status}, got ${JSON.stringify(result ?? answer.status).slice(0, 300)}`
      );
    }
  };

  beforeAll(async () => {
    proxy = await proxyAt({ AWS_ENDPOINT_URL: sim.url });
    deniedSim = await startSimulatorWith([
      ...defaultOperations()
        .filter((o) => ['ListQueues', 'GetMetricData'].includes(o.name))
        .map(deniedOperation),
      // Keys AWS does not know (a typo, a deleted key): Connect answers UnrecognizedClientException.
      ...defaultOperations()
        .filter((o) => o.name === 'ListInstances')
        .map(rejectedKeysOperation),
    ]);
    deniedProxy = await proxyAt({ AWS_ENDPOINT_URL: deniedSim.url });
    // Every AWS call of this one throws an error the proxy does not expect: its 500 path.
    brokenProxy = await proxyAt({ AWS_ENDPOINT_URL: sim.url }, (clients) => clients.close());
    // Redis with a password, where nothing listens: the proxy reports it and goes on alone.
    redisProxy = await proxyAt({
      AWS_ENDPOINT_URL: sim.url,
      REDIS_URL: `redis://switchboard:${S.redisPassword}@127.0.0.1:9/0`,
    });

    const get = (p: RunningProxy, url: string, ds: Datasource = DS_KEYS) => send(p, 'GET', url, routeHeaders(ds));
    const post = (p: RunningProxy, body: unknown, ds: Datasource = DS_KEYS, type = 'application/json') =>
      send(
        p,
        'POST',
        '/api/query',
        { ...routeHeaders(ds), 'content-type': type },
        typeof body === 'string' ? body : JSON.stringify(body)
      );

    // Public routes.
    expectStatus(await send(proxy, 'GET', '/healthz', GRAFANA), 200);
    expectStatus(await send(proxy, 'HEAD', '/healthz', GRAFANA), 200);
    expectStatus(await send(proxy, 'HEAD', '/metrics', GRAFANA), 200);

    // Save & test with each kind of credentials.
    const healthOk = (a: Answer) => json(a).status === 'ok';
    for (const ds of [DS_KEYS, DS_DEFAULT, DS_ROLE]) {
      expectStatus(await get(proxy, `/api/health?instanceId=${instanceId}`, ds), 200, healthOk);
    }
    expectStatus(await send(proxy, 'HEAD', '/api/health', routeHeaders(DS_KEYS)), 200);
    expectStatus(await get(proxy, '/api/health', DS_ROLE_DENIED), 200, (a) =>
      JSON.stringify(json(a).checks).includes(`Could not assume role ${ROLE_DENIED}`)
    );
    expectStatus(
      await get(proxy, '/api/health', { ...DS_KEYS, secretKey: S.spacedSecretKey }),
      200,
      (a) => json(a).checks?.[0]?.name === 'settings'
    );

    // Every resource list, with the parameters each needs.
    const dims = encodeURIComponent(JSON.stringify({ InstanceId: instanceId, MetricGroup: 'Queue' }));
    const params: Record<string, string> = {
      queues: `instanceId=${instanceId}&queueTypes=STANDARD,AGENT`,
      'routing-profiles': `instanceId=${instanceId}`,
      'agent-statuses': `instanceId=${instanceId}`,
      metrics: 'namespace=AWS/Connect',
      'dimension-keys': 'namespace=AWS/Connect&metricName=QueueSize',
      'dimension-values': `namespace=AWS/Connect&metricName=QueueSize&dimensionKey=QueueName&dimensions=${dims}`,
    };
    for (const kind of RESOURCE_KINDS) {
      const query = params[kind] ? `?${params[kind]}` : '';
      expectStatus(await get(proxy, `/api/resources/${kind}${query}`), 200, (a) => Array.isArray(json(a)));
    }
    expectStatus(await send(proxy, 'HEAD', '/api/resources/regions', routeHeaders(DS_KEYS)), 200);
    expectStatus(await get(proxy, '/api/resources/instances', DS_DEFAULT), 200);
    expectStatus(await get(proxy, '/api/resources/instances', DS_ROLE), 200);
    expectStatus(await get(proxy, '/api/resources/voice-connectors', DS_ROLE_DENIED), 403, (a) =>
      json(a).error.includes(ROLE_DENIED)
    );

    // Requests the proxy refuses.
    expectStatus(await get(proxy, '/api/resources/agents'), 404);
    expectStatus(await get(proxy, '/api/resources/queues'), 400);
    expectStatus(await get(proxy, '/api/resources/instances?region=Virginia'), 400);
    expectStatus(
      await get(
        proxy,
        '/api/resources/dimension-values?namespace=AWS/Connect&dimensionKey=QueueName&dimensions=%7Bnot-json'
      ),
      400
    );
    expectStatus(await get(proxy, '/api/resources/queues?instanceId=00000000-0000-0000-0000-000000000000'), 404);
    expectStatus(await get(proxy, '/api/resources/instances', { ...DS_KEYS, secretKey: S.spacedSecretKey }), 400);
    expectStatus(await get(proxy, '/api/resources/instances', { ...DS_KEYS, accessKey: S.malformedAccessKey }), 400);
    expectStatus(await get(proxy, '/api/resources/instances', { ...DS_ROLE, externalId: S.malformedExternalId }), 400);
    expectStatus(await get(proxy, '/api/resources/instances', { ...DS_KEYS, secretKey: undefined }), 400);
    expectStatus(
      await send(proxy, 'GET', '/api/resources/instances', {
        ...routeHeaders(DS_KEYS),
        'x-switchboard-auth-type': 'magic',
      }),
      400
    );
    expectStatus(await get(proxy, '/api/nothing-here'), 404);
    expectStatus(await send(proxy, 'GET', '/nothing-here', GRAFANA), 404);
    expectStatus(await send(proxy, 'GET', '/api/resources/%E0%A4%A', routeHeaders(DS_KEYS)), 400);
    expectStatus(
      await send(proxy, 'OPTIONS', '/api/query', {
        ...GRAFANA,
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
      }),
      403
    );
    expectStatus(
      await send(proxy, 'OPTIONS', '/healthz', {
        ...GRAFANA,
        origin: 'https://evil.example',
        'access-control-request-method': 'GET',
      }),
      404
    );

    // Queries: answers and per-query errors in one request.
    const queries = await post(proxy, {
      range: RANGE,
      maxDataPoints: 500,
      queries: [
        {
          refId: 'A',
          queryType: 'realtime',
          instanceId,
          filters: { queues: queueIds },
          groupings: ['QUEUE'],
          metrics: ['CONTACTS_IN_QUEUE', 'OLDEST_CONTACT_AGE'],
        },
        {
          refId: 'B',
          queryType: 'cloudwatch',
          namespace: 'AWS/Connect',
          metricName: 'QueueSize',
          statistic: 'Maximum',
          period: 'auto',
          dimensions: { InstanceId: [instanceId], MetricGroup: ['Queue'], QueueName: ['*'] },
        },
        { refId: 'C', queryType: 'quota', instanceId },
        {
          refId: 'D',
          queryType: 'realtime',
          instanceId,
          filters: { queues: queueIds, routingProfiles: ['rp'] },
          groupings: [],
          metrics: ['AGENTS_ONLINE'],
        },
        {
          refId: 'E',
          queryType: 'realtime',
          instanceId: '00000000-0000-0000-0000-000000000000',
          filters: { queues: queueIds },
          groupings: [],
          metrics: ['AGENTS_ONLINE'],
        },
      ],
    });
    expectStatus(queries, 200);
    queryStatus(queries, 'A', 200);
    queryStatus(queries, 'B', 200);
    queryStatus(queries, 'C', 200);
    queryStatus(queries, 'D', 400);
    queryStatus(queries, 'E', 404);
    expectStatus(await post(proxy, quotaQuery('A'), DS_ROLE), 200);
    expectStatus(await post(proxy, quotaQuery('A'), DS_DEFAULT), 200);
    expectStatus(await post(proxy, '{"range":', DS_KEYS), 400);
    expectStatus(await post(proxy, { range: { from: 'x' }, queries: [] }), 400);
    expectStatus(await post(proxy, { range: { from: RANGE.to, to: RANGE.from }, queries: [] }), 400);
    queryStatus(await post(proxy, { range: RANGE, queries: [{ refId: 'A', queryType: 'PutMetricData' }] }), 'A', 400);
    expectStatus(await post(proxy, JSON.stringify(quotaQuery('A')), DS_KEYS, 'text/plain'), 400);
    expectStatus(await post(proxy, '<query/>', DS_KEYS, 'application/xml'), 415);
    // BODY_LIMIT_BYTES (1 MiB by default) and a byte more.
    expectStatus(await post(proxy, JSON.stringify({ ...quotaQuery('A'), padding: 'x'.repeat(1024 * 1024) })), 413);
    expectStatus(await post(proxy, quotaQuery('A'), { ...DS_KEYS, secretKey: S.spacedSecretKey }), 400);

    // AWS failing: 5xx, throttles, unreadable answers, for credentials with nothing cached.
    sim.faults.set({
      ListQueues: { errorRate: 1 },
      ListRoutingProfiles: { throttleRate: 1 },
      ListAgentStatuses: { malformedRate: 1 },
      GetCurrentMetricData: { errorRate: 1 },
      GetMetricData: { throttleRate: 1 },
    });
    try {
      expectStatus(await get(proxy, `/api/resources/queues?instanceId=${instanceId}`, DS_FAULTS), 502);
      expectStatus(await get(proxy, `/api/resources/routing-profiles?instanceId=${instanceId}`, DS_FAULTS), 429);
      expectStatus(await get(proxy, `/api/resources/agent-statuses?instanceId=${instanceId}`, DS_FAULTS), 502);
      const failing = await post(
        proxy,
        {
          range: RANGE,
          queries: [
            {
              refId: 'A',
              queryType: 'realtime',
              instanceId,
              filters: { queues: queueIds },
              groupings: ['QUEUE'],
              metrics: ['AGENTS_ONLINE'],
            },
            {
              refId: 'B',
              queryType: 'cloudwatch',
              namespace: 'AWS/Connect',
              metricName: 'QueueSize',
              statistic: 'Maximum',
              period: 60,
              dimensions: { InstanceId: [instanceId], MetricGroup: ['Queue'], QueueName: ['Billing'] },
            },
          ],
        },
        DS_FAULTS
      );
      expectStatus(failing, 200);
      queryStatus(failing, 'A', 502);
      queryStatus(failing, 'B', 429);
    } finally {
      sim.faults.set({});
    }

    // Keys AWS rejects: 403 (a 401 would reach the user as Grafana's bare 400), saying what to check.
    expectStatus(await get(deniedProxy, '/api/resources/instances'), 403, (a) => {
      const body = json(a);
      return (
        body.code === 'bad_credentials' &&
        /^AWS rejected the credentials calling connect:ListInstances/.test(body.error)
      );
    });

    // IAM denials, named in the answer.
    expectStatus(await get(deniedProxy, `/api/resources/queues?instanceId=${instanceId}`), 403, (a) =>
      json(a).error.includes('connect:ListQueues')
    );
    const denied = await post(deniedProxy, {
      range: RANGE,
      queries: [{ refId: 'A', queryType: 'quota', instanceId }],
    });
    queryStatus(denied, 'A', 403);

    // The proxy's own failure: a generic 500 that points at its log.
    expectStatus(await get(brokenProxy, '/api/resources/instances'), 500, (a) =>
      /^The proxy failed to answer this request; its log has the details \(request id .+\)\.$/.test(json(a).error)
    );

    // Redis unreachable: answered alone, with a warning in the health checks.
    expectStatus(await get(redisProxy, '/api/resources/instances'), 200);
    expectStatus(await get(redisProxy, `/api/health?instanceId=${instanceId}`), 200, (a) =>
      json(a).checks.some((c: { name: string; status: string }) => c.name === 'redis' && c.status === 'warning')
    );

    // Last: what Prometheus would scrape after all that (public).
    const metrics = expectStatus(await send(proxy, 'GET', '/metrics', GRAFANA), 200);
    metricsText = metrics.body;
  });
  afterAll(async () => {
    await Promise.all([proxy, deniedProxy, brokenProxy, redisProxy].map((p) => p?.close()));
    await deniedSim?.close();
  });

  it('reached every outcome it meant to (successes, 400s, 403, 404, 413, 415, 429, 500, 502)', () => {
    expect(missed).toEqual([]);
    const statuses = new Set(answers.map((a) => a.status));
    for (const status of [200, 400, 403, 404, 413, 415, 429, 500, 502]) {
      expect({ status, seen: statuses.has(status) }).toEqual({ status, seen: true });
    }
    // The role was assumed with the datasource's external id, under the proxy's session name.
    expect(assumeRoleCalls).toEqual(
      expect.arrayContaining([{ roleArn: ROLE_OK, externalId: S.externalId, sessionName: 'switchboard-proxy' }])
    );
  });

  it('never answered 401 under /api, which Grafana would turn into a bare 400', () => {
    expect(answers.filter((a) => a.status === 401 && a.url.startsWith('/api')).map((a) => a.what)).toEqual([]);
  });

  it('exercised every route and method of the app', () => {
    const seen = new Set(
      [...metricsText.matchAll(/^switchboard_http_request_duration_seconds_count\{([^}]*)\}/gm)].map((m) => {
        const labels = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
        return `${labels.method} ${labels.route}`;
      })
    );
    for (const route of routesOf(proxy.app)) {
      // /metrics counts its own request after answering it: the GET that read this text is not in it yet.
      if (route.method === 'GET' && route.path === '/metrics') {
        continue;
      }
      expect({ route, seen: seen.has(`${route.method} ${route.path}`) }).toEqual({ route, seen: true });
    }
  });

  it('logged at trace level, with the failures', () => {
    expect(log.lines.length).toBeGreaterThan(200);
    const text = log.lines.join('\n');
    expect(text).toContain('"msg":"incoming request"');
    expect(text).toContain('AWS call failed');
    expect(text).toContain('request failed');
    expect(text).toContain('Redis is unavailable');
    // Every line is pino's JSON, so the search below sees whole values.
    expect(log.lines.filter((l) => !l.startsWith('{'))).toEqual([]);
  });

  it('finds a planted secret (the search works)', () => {
    const planted: Source[] = [
      { where: 'plain', text: `x${S.dsSecretKey}y` },
      { where: 'url', text: `?k=${encodeURIComponent(S.token)}&` },
      { where: 'basic', text: `Basic ${Buffer.from(`u:${S.token}`).toString('base64')}` },
      { where: 'json', text: JSON.stringify({ blob: Buffer.from(`{"k":"${S.externalId}"}`).toString('base64url') }) },
    ];
    const leaks = findLeaks(SECRETS, planted);
    for (const { where } of planted) {
      expect({ where, found: leaks.some((l) => l.endsWith(` in ${where}`)) }).toEqual({ where, found: true });
    }
    // ...and only there: a redacted header and a key's last four characters are no leak.
    const clean = [{ where: 'clean', text: `Bearer [redacted] ${S.dsAccessKey.slice(-4)} ${S.token.slice(0, 6)}` }];
    expect(findLeaks(SECRETS, clean)).toEqual([]);
    expect(leakForms(S.token).map((f) => f.form)).toEqual(
      expect.arrayContaining(['as is', 'URL-encoded', 'SHA-256 hex', 'base64', 'base64url'])
    );
  });

  it('wrote no secret to its log, in any form', () => {
    const sources = log.lines.map((text, i) => ({ where: `log line ${i + 1}: ${text.slice(0, 160)}`, text }));
    expect(findLeaks(SECRETS, sources)).toEqual([]);
  });

  it('sent no secret in any response body or header, /metrics included', () => {
    const sources = answers.flatMap((a) => [
      { where: `${a.what} (${a.status}) body`, text: a.body },
      { where: `${a.what} (${a.status}) headers`, text: JSON.stringify(a.headers) },
    ]);
    expect(sources.length).toBeGreaterThan(100);
    expect(findLeaks(SECRETS, [...sources, { where: '/metrics', text: metricsText }])).toEqual([]);
  });

  it('called only operations of the IAM policy, all of them read-only', () => {
    const policy = JSON.parse(readFileSync(path.join(root, 'docs/iam-policy.json'), 'utf8')) as {
      Statement: Array<{ Action: string[] }>;
    };
    const allowed = new Set(policy.Statement.flatMap((s) => s.Action));
    const called = [sim, deniedSim].flatMap((s) =>
      Object.entries(s.stats.snapshot().services).flatMap(([service, ops]) =>
        Object.keys(ops ?? {}).map((op) => `${service}:${op}`)
      )
    );
    expect(new Set(called).size).toBeGreaterThanOrEqual(9);
    expect(called.filter((action) => !allowed.has(action))).toEqual([]);
    expect(called.filter((action) => !/^\w+:(List|Get|Describe)\w+$/.test(action))).toEqual([]);
  });

  it('sends no X-Powered-By, no CORS headers and no stack traces', () => {
    expect(answers.length).toBeGreaterThan(100);
    const problems = answers.flatMap((a) => {
      const found: string[] = [];
      for (const name of Object.keys(a.headers)) {
        if (name === 'x-powered-by' || name === 'server' || name.startsWith('access-control-')) {
          found.push(`${a.what}: header ${name}: ${a.headers[name]}`);
        }
      }
      if (/\n\s+at |\.ts:\d+|node_modules|\bat (async )?\w+ \(/.test(a.body)) {
        found.push(`${a.what}: body looks like a stack trace: ${a.body.slice(0, 200)}`);
      }
      if (a.status >= 400 && a.method !== 'HEAD') {
        const body = json(a);
        if (typeof body.error !== 'string' || Object.keys(body).some((k) => !['error', 'code'].includes(k))) {
          found.push(`${a.what}: error body is not {error[, code]}: ${a.body.slice(0, 200)}`);
        }
      }
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('limits bodies and how long a request may take', () => {
    expect(proxy.app.initialConfig.bodyLimit).toBe(1024 * 1024);
    // A client that sends headers or a body slowly is cut off: node's timeouts, set by fastify.
    expect(proxy.app.server.requestTimeout).toBe(120_000);
    expect(proxy.app.server.headersTimeout).toBeGreaterThan(0);
    expect(proxy.app.server.headersTimeout).toBeLessThanOrEqual(proxy.app.server.requestTimeout);
  });
});

describe('what a caller cannot choose: the AWS operation, the endpoint, the region', () => {
  let proxy: RunningProxy;
  let awsProxy: RunningProxy;
  let attacker: Server;
  let attackerUrl: string;
  let attackerHits = 0;

  beforeAll(async () => {
    proxy = await proxyAt({ AWS_ENDPOINT_URL: sim.url });
    // As in production: no endpoint override, so the SDK would resolve AWS's endpoints from the region.
    awsProxy = await proxyAt({});
    attacker = createServer((_req, res) => {
      attackerHits++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all([proxy.close(), awsProxy.close()]);
    await new Promise((resolve) => attacker.close(resolve));
  });

  it('offers no route that names an AWS operation', async () => {
    const before = sim.stats.snapshot().totals.requests;
    for (const kind of [
      'DeleteInstance',
      'UpdateQueueStatus',
      'PutMetricData',
      'GetFederationToken',
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
    ]) {
      const res = await send(proxy, 'GET', `/api/resources/${kind}`, routeHeaders(DS_KEYS));
      expect({ kind, status: res.status }).toEqual({ kind, status: 404 });
    }
    for (const queryType of ['PutMetricData', 'DeleteInstance', '__proto__', 'constructor']) {
      const res = await send(
        proxy,
        'POST',
        '/api/query',
        { ...routeHeaders(DS_KEYS), 'content-type': 'application/json' },
        JSON.stringify({ range: RANGE, queries: [{ refId: 'A', queryType, instanceId }] })
      );
      // Each query is checked on its own: the request answers, the query is refused by the schema's list of types.
      expect({ queryType, status: res.status, query: json(res).results?.A?.status }).toEqual({
        queryType,
        status: 200,
        query: 400,
      });
    }
    expect(sim.stats.snapshot().totals.requests).toBe(before);
  });

  it('sends every AWS call to the configured endpoint, whatever the request says', async () => {
    const fresh: Datasource = { authType: 'keys', accessKey: accessKeyId(), secretKey: secretAccessKey() };
    const before = sim.stats.count('connect', 'ListInstances');
    const res = await send(proxy, 'GET', '/api/resources/instances', {
      ...routeHeaders(fresh),
      'x-switchboard-endpoint': attackerUrl,
      'x-switchboard-endpoint-url': attackerUrl,
      'x-switchboard-aws-endpoint-url': attackerUrl,
      'x-amz-endpoint': attackerUrl,
      'x-forwarded-host': new URL(attackerUrl).host,
      forwarded: `host=${new URL(attackerUrl).host}`,
    });
    expect(res.status).toBe(200);
    expect(sim.stats.count('connect', 'ListInstances')).toBe(before + 1);
    expect(attackerHits).toBe(0);
  });

  it('refuses a region that is not a region code, wherever it comes from, before any AWS client exists', async () => {
    const hostile = [
      'us-east-1.attacker.example',
      'attacker.example#',
      'us-east-1/../x',
      '127.0.0.1',
      'US-EAST-1',
      'us-east-1@attacker.example',
      `us-east-1?x=${attackerUrl}`,
      'us-east-1\u0000',
    ];
    for (const target of [proxy, awsProxy]) {
      const clientsBefore = target.awsClients.clientCount();
      const callsBefore = sim.stats.snapshot().totals.requests;
      for (const region of hostile) {
        const headers = routeHeaders({ ...DS_KEYS, region: 'us-east-1' });
        const q = encodeURIComponent(region);
        const replies = [
          await send(target, 'GET', `/api/resources/instances?region=${q}`, headers),
          await send(target, 'GET', `/api/health?region=${q}`, headers),
          await send(
            target,
            'POST',
            '/api/query',
            { ...headers, 'content-type': 'application/json' },
            JSON.stringify({ range: RANGE, queries: [{ refId: 'A', queryType: 'quota', instanceId, region }] })
          ),
        ];
        // A header cannot carry a NUL: fetch refuses to send it.
        if (!region.includes('\u0000')) {
          replies.push(
            await send(target, 'GET', '/api/resources/instances', { ...headers, 'x-switchboard-region': region })
          );
        }
        for (const a of replies) {
          // /api/query answers per query: the query with the bad region is the one refused.
          const status = a.url === '/api/query' && a.status === 200 ? json(a).results?.A?.status : a.status;
          expect({ region, request: a.what, status }).toEqual({ region, request: a.what, status: 400 });
        }
      }
      expect(target.awsClients.clientCount()).toBe(clientsBefore);
      expect(sim.stats.snapshot().totals.requests).toBe(callsBefore);
    }
    expect(attackerHits).toBe(0);
  });
});

describe('isolation between datasources of one proxy', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await proxyAt({ AWS_ENDPOINT_URL: sim.url });
  });
  afterAll(() => proxy.close());

  /**
   * The caches answer without asking AWS, so they are keyed by a digest of the secret key too (credentialsKeyOf):
   * a caller holding the proxy token and another datasource's access key id (not a secret: CloudTrail shows it)
   * but not its secret key must not be answered from that datasource's cache.
   */
  it('answers with the AWS data of a key pair only requests that hold its secret key', async () => {
    const owner: Datasource = { authType: 'keys', accessKey: accessKeyId(), secretKey: secretAccessKey() };
    const stranger: Datasource = { ...owner, secretKey: secretAccessKey() };
    const url = `/api/resources/queues?instanceId=${instanceId}`;
    expect((await send(proxy, 'GET', url, routeHeaders(owner))).status).toBe(200);
    const before = sim.stats.count('connect', 'ListQueues');
    await send(proxy, 'GET', url, routeHeaders(stranger));
    // The stranger's request must reach AWS, which checks its signature; an answer from the cache skips that.
    expect(sim.stats.count('connect', 'ListQueues')).toBe(before + 1);
  });
});

describe('the browser side: secrets stay in secureJsonData', () => {
  const plugin = JSON.parse(readFileSync(path.join(root, 'src/datasource/plugin.json'), 'utf8')) as {
    routes: Array<{
      path: string;
      method?: string;
      url: string;
      reqRole?: string;
      reqAction?: string;
      headers?: Array<{ name: string; content: string }>;
      urlParams?: unknown[];
      body?: unknown;
    }>;
  };
  /**
   * The jsonData fields the route may read. jsonData reaches every viewer's browser (Grafana's boot data), so it
   * holds nothing secret. The external id is here by design, as in Grafana's CloudWatch datasource: it only names
   * the trust relationship, and the proxy token is still needed to use it (docs/security.md).
   */
  const PUBLIC_FIELDS = ['proxyUrl', 'defaultRegion', 'authType', 'assumeRoleArn', 'externalId'];
  const SECURE_FIELDS = ['proxyToken', 'accessKey', 'secretKey'];
  const fieldsOf = (template: string, kind: 'JsonData' | 'SecureJsonData') =>
    [...template.matchAll(new RegExp(`\\.${kind}\\.(\\w+)`, 'g'))].map((m) => m[1]);

  it('opens one route per path and method the plugin calls; Save & test only to those who may edit the datasource', () => {
    // Grafana forwards a request only through a route whose method and path match (ds_proxy.go validateRequest),
    // and only the routes with headers carry the token and the keys.
    expect(
      plugin.routes.map((r) => ({
        path: r.path,
        method: r.method,
        url: r.url,
        secrets: Boolean(r.headers),
        access: r.reqAction ?? r.reqRole,
      }))
    ).toEqual([
      {
        path: 'switchboard/healthz',
        method: 'GET',
        url: '{{ .JsonData.proxyUrl }}/healthz',
        secrets: false,
        access: undefined,
      },
      {
        path: 'switchboard/api/query',
        method: 'POST',
        url: '{{ .JsonData.proxyUrl }}/api/query',
        secrets: true,
        access: undefined,
      },
      {
        path: 'switchboard/api/resources/',
        method: 'GET',
        url: '{{ .JsonData.proxyUrl }}/api/resources/',
        secrets: true,
        access: undefined,
      },
      {
        path: 'switchboard/api/health',
        method: 'GET',
        url: '{{ .JsonData.proxyUrl }}/api/health',
        secrets: true,
        access: 'datasources:write',
      },
    ]);
    // The browser code calls exactly these: the datasource (api.ts) and the app's status list (proxyStatus.ts).
    const calls = ['src/datasource/api.ts', 'src/app/proxyStatus.ts']
      .map((f) => readFileSync(path.join(root, f), 'utf8'))
      .join('\n');
    for (const needle of ["this.url('/api/query')", 'this.url(`/api/resources/${kind}`)', "this.url('/api/health')"]) {
      expect([needle, calls.includes(needle)]).toEqual([needle, true]);
    }
    expect(calls).toContain('/switchboard/healthz`');
    // Every route reaches a route the proxy has.
    const proxyRoutes = ['/healthz', '/api/query', '/api/resources/', '/api/health'];
    expect(plugin.routes.map((r) => r.url.replace('{{ .JsonData.proxyUrl }}', ''))).toEqual(proxyRoutes);
  });

  it('reads the token and the keys only from secureJsonData, and puts no secret in a URL', () => {
    expect(plugin.routes.length).toBeGreaterThan(0);
    for (const route of plugin.routes.filter((r) => r.headers)) {
      expect(fieldsOf(route.url, 'SecureJsonData')).toEqual([]);
      expect(route.urlParams).toBeUndefined();
      const headers = Object.fromEntries((route.headers ?? []).map((h) => [h.name.toLowerCase(), h.content]));
      expect(fieldsOf(headers.authorization, 'SecureJsonData')).toEqual(['proxyToken']);
      expect(fieldsOf(headers['x-switchboard-access-key'], 'SecureJsonData')).toEqual(['accessKey']);
      expect(fieldsOf(headers['x-switchboard-secret-key'], 'SecureJsonData')).toEqual(['secretKey']);
      const all = [route.url, ...Object.values(headers)].join('\n');
      expect(fieldsOf(all, 'JsonData').filter((f) => !PUBLIC_FIELDS.includes(f))).toEqual([]);
      expect(fieldsOf(all, 'SecureJsonData').filter((f) => !SECURE_FIELDS.includes(f))).toEqual([]);
    }
  });

  it('types jsonData without secrets and keeps secret names out of the browser code', () => {
    const types = readFileSync(path.join(root, 'src/datasource/types.ts'), 'utf8');
    const block = (name: string) => types.split(`interface ${name}`)[1].split('\n}')[0];
    const fields = (name: string) => [...block(name).matchAll(/^\s+(\w+)\?:/gm)].map((m) => m[1]);
    expect(fields('SwitchboardOptions').sort()).toEqual([...PUBLIC_FIELDS, 'defaultInstanceId'].sort());
    expect(fields('SwitchboardOptions').filter((f) => /token|secret|password|key|credential/i.test(f))).toEqual([]);
    expect(fields('SwitchboardSecureOptions').sort()).toEqual([...SECURE_FIELDS].sort());
    // Only the settings editor (which writes them into secureJsonData) and the types name the secret fields.
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const file = path.join(dir, name);
        return statSync(file).isDirectory()
          ? sources(file)
          : /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)
            ? [file]
            : [];
      });
    const naming = sources(path.join(root, 'src'))
      .filter((file) => SECURE_FIELDS.some((f) => new RegExp(`\\b${f}\\b`).test(readFileSync(file, 'utf8'))))
      .map((file) => path.relative(root, file));
    expect(naming.sort()).toEqual(['src/datasource/components/ConfigEditor.tsx', 'src/datasource/types.ts']);
  });
});
