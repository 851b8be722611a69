import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_TOKEN } from '../support/proxy';
import { hostOut, ROOT } from './build';
import {
  cleanRelativePath,
  matchRoute,
  REWRITTEN_401_BODY,
  ROUTE_ACCESS_DENIED,
  userWithRole,
  type PluginRoute,
} from './support/dataProxy';
import { GRAFANA_HOST } from './support/harness';
import { startHostServer, type HostServer } from './support/hostServer';

/**
 * The host server's datasource proxy does to requests and answers what Grafana's does (support/dataProxy.ts cites
 * the Go source of each step), so that the browser tests cannot pass on behaviour Grafana does not have. Node only:
 * a target server records what reaches it and answers as each test needs; the routes are dist/datasource/plugin.json's.
 */

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string;
  /** Never answer (a hung target). */
  hang?: boolean;
}

describe("the host's datasource proxy, as Grafana's", () => {
  let target: Server;
  let targetUrl: string;
  let host: HostServer;
  const seen: Seen[] = [];
  let reply: Reply = { status: 200, body: '{"ok":true}' };

  beforeAll(async () => {
    target = createServer((req, res) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      req.resume();
      if (reply.hang) {
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    host = await startHostServer({
      root: ROOT,
      buildDir: hostOut(GRAFANA_HOST),
      datasources: [
        {
          uid: 'ds',
          name: 'ds',
          jsonData: { proxyUrl: 'http://switchboard-proxy:8080', authType: 'keys', keepCookies: ['keepme'] },
          secureJsonData: { proxyToken: TEST_TOKEN, accessKey: 'AKIAEXAMPLEKEY000000', secretKey: 'secret-key' },
        },
        { uid: 'down', name: 'down', jsonData: { proxyUrl: 'http://127.0.0.1:9' }, secureJsonData: {} },
      ],
      hosts: { 'switchboard-proxy:8080': new URL(targetUrl).host },
      dataProxyTimeoutMs: 500,
    });
  });
  afterAll(async () => {
    await host?.close();
    target?.closeAllConnections();
    await new Promise((resolve) => target?.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
    reply = { status: 200, body: '{"ok":true}' };
    host.setUserRole('Admin');
  });

  /** A raw request to the host server (fetch would drop or refuse some of these headers). */
  function send(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = request(`${host.url}${path}`, { method, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  const query = (headers: Record<string, string> = {}) =>
    send(
      'POST',
      '/api/datasources/proxy/uid/ds/switchboard/api/query',
      { 'content-type': 'application/json', ...headers },
      '{}'
    );

  it('strips what Grafana strips from the request: cookies but keepCookies, Origin, Referer, X-Forwarded-*, hop-by-hop', async () => {
    await query({
      cookie: 'grafana_session=s3ss10n; keepme=1; other=2',
      origin: 'http://grafana.example',
      referer: 'http://grafana.example/d/switchboard-noc',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      'x-forwarded-port': '443',
      'x-grafana-user': 'spoofed',
      authorization: 'Bearer grafana-api-key',
      connection: 'keep-alive, x-hop',
      'x-hop': 'gone',
      'keep-alive': 'timeout=5',
      'proxy-authorization': 'Basic abc',
    });
    const h = seen[0].headers;
    expect(h.cookie).toBe('keepme=1');
    for (const name of [
      'origin',
      'referer',
      'x-forwarded-host',
      'x-forwarded-proto',
      'x-forwarded-port',
      'x-grafana-user',
      'x-hop',
      'keep-alive',
      'proxy-authorization',
    ]) {
      expect({ name, value: h[name] }).toEqual({ name, value: undefined });
    }
    // The browser's Authorization authenticated it to Grafana; the route's replaces it.
    expect(h.authorization).toBe(`Bearer ${TEST_TOKEN}`);
  });

  it("adds what Grafana adds: the route's headers, its User-Agent, X-Grafana-Referer, X-Forwarded-For (twice)", async () => {
    await query({ referer: 'http://grafana.example/d/switchboard-noc', 'x-grafana-org-id': '1' });
    const h = seen[0].headers;
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/query' });
    expect(h).toMatchObject({
      authorization: `Bearer ${TEST_TOKEN}`,
      'x-switchboard-auth-type': 'keys',
      'x-switchboard-access-key': 'AKIAEXAMPLEKEY000000',
      'x-switchboard-secret-key': 'secret-key',
      // a jsonData key that is not set, through orEmpty
      'x-switchboard-region': '',
      'user-agent': 'Grafana/12.4.10',
      'x-grafana-referer': 'http://grafana.example/d/switchboard-noc',
      'x-grafana-org-id': '1',
      'x-forwarded-for': '127.0.0.1, 127.0.0.1',
      host: 'switchboard-proxy:8080',
    });
    // X-DS-Authorization is Grafana's way for a browser to set Authorization; a route header still wins.
    await send('GET', '/api/datasources/proxy/uid/ds/switchboard/healthz', { 'x-ds-authorization': 'Bearer mine' });
    expect(seen[1].headers.authorization).toBe('Bearer mine');
    expect(seen[1].headers['x-ds-authorization']).toBeUndefined();
  });

  it('rewrites a 401 of the target as Grafana does: 400, text "Authentication to data source failed", no headers', async () => {
    reply = { status: 401, headers: { 'www-authenticate': 'Bearer', 'x-detail': 'lost' }, body: '{"error":"lost"}' };
    const res = await query();
    expect(res.status).toBe(400);
    expect(res.body).toBe(REWRITTEN_401_BODY);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['www-authenticate']).toBeUndefined();
    expect(res.headers['x-detail']).toBeUndefined();
  });

  it('passes a 403 on unchanged, with its JSON body', async () => {
    reply = { status: 403, body: '{"error":"Invalid proxy token","code":"proxy_token_invalid"}' };
    const res = await query();
    expect([res.status, JSON.parse(res.body)]).toEqual([
      403,
      { error: 'Invalid proxy token', code: 'proxy_token_invalid' },
    ]);
  });

  it('drops Set-Cookie and hop-by-hop headers from the answer and adds Content-Security-Policy: sandbox', async () => {
    reply = {
      status: 200,
      headers: { 'set-cookie': ['a=1', 'b=2'], connection: 'x-hop', 'x-hop': '1', 'x-kept': 'yes' },
      body: '{}',
    };
    const res = await query();
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-hop']).toBeUndefined();
    expect(res.headers['x-kept']).toBe('yes');
    expect(res.headers['content-security-policy']).toBe('sandbox');
  });

  it('answers 502 without a body when the target refuses the connection', async () => {
    const res = await send('GET', '/api/datasources/proxy/uid/down/switchboard/healthz');
    expect([res.status, res.body]).toEqual([502, '']);
  });

  it('answers 504 without a body when the target does not answer within the data proxy time-out', async () => {
    reply = { status: 200, hang: true };
    const res = await query();
    expect([res.status, res.body]).toEqual([504, '']);
  });

  it('forwards only the paths and methods of the routes: anything else is 502 and never reaches the target', async () => {
    for (const [method, path] of [
      ['GET', 'switchboard/api/query'],
      ['POST', 'switchboard/api/resources/instances'],
      ['DELETE', 'switchboard/api/query'],
      ['GET', 'switchboard/metrics'],
      ['GET', 'switchboard'],
      ['GET', 'switchboard/api/health/../../metrics'],
    ]) {
      const res = await send(method, `/api/datasources/proxy/uid/ds/${path}`);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 502 });
    }
    expect(seen).toEqual([]);
  });

  it('keeps Save & test (GET /api/health) to users who may edit the datasource: 403 for a Viewer', async () => {
    const health = '/api/datasources/proxy/uid/ds/switchboard/api/health?instanceId=x';
    host.setUserRole('Viewer');
    const denied = await send('GET', health);
    expect([denied.status, JSON.parse(denied.body)]).toEqual([403, { message: ROUTE_ACCESS_DENIED }]);
    // A path that cleans to the health route is the health route, whatever it started as.
    expect((await send('GET', '/api/datasources/proxy/uid/ds/switchboard/api/resources/../health')).status).toBe(403);
    expect(seen).toEqual([]);
    // Queries and lists stay open to viewers; the status route carries no secret.
    expect((await query()).status).toBe(200);
    expect(
      (await send('GET', '/api/datasources/proxy/uid/ds/switchboard/api/resources/queues?instanceId=i')).status
    ).toBe(200);
    expect((await send('GET', '/api/datasources/proxy/uid/ds/switchboard/healthz')).status).toBe(200);
    expect(seen.map((s) => s.url)).toEqual(['/api/query', '/api/resources/queues?instanceId=i', '/healthz']);
    expect(seen[2].headers.authorization).toBeUndefined();
    expect(Object.keys(seen[2].headers).filter((k) => k.startsWith('x-switchboard-'))).toEqual([]);
    host.setUserRole('Admin');
    expect((await send('GET', health)).status).toBe(200);
    expect(seen[3].url).toBe('/api/health?instanceId=x');
  });

  it('refuses an invalid datasource uid (400) and an unknown one (404), as Grafana', async () => {
    expect((await send('GET', '/api/datasources/proxy/uid/no%20such/switchboard/healthz')).status).toBe(400);
    expect((await send('GET', '/api/datasources/proxy/uid/nope/switchboard/healthz')).status).toBe(404);
  });
});

describe('route matching (ds_proxy.go validateRequest)', () => {
  const routes: PluginRoute[] = [
    { path: 'api/admin', reqRole: 'Admin', url: 'http://t' },
    { path: 'api/edit', reqRole: 'Editor', url: 'http://t' },
    { path: 'api', method: 'POST', url: 'http://t' },
    { path: 'api', url: 'http://t' },
  ];
  const match = (method: string, p: string, role: 'Admin' | 'Editor' | 'Viewer' = 'Viewer') => {
    const m = matchRoute(routes, method, p, userWithRole(role));
    return m.kind === 'none' ? 'none' : `${m.kind} ${m.route.path}${m.route.method ? ` ${m.route.method}` : ''}`;
  };

  it('takes the first route whose method and cleaned path prefix match; its role decides, later ones are not tried', () => {
    expect(match('POST', 'api/query')).toBe('matched api POST');
    expect(match('GET', 'api/query')).toBe('matched api');
    expect(match('GET', 'api/admin/x')).toBe('denied api/admin');
    expect(match('GET', 'api/admin/x', 'Admin')).toBe('matched api/admin');
    expect(match('GET', 'api/edit', 'Editor')).toBe('matched api/edit');
    expect(match('GET', 'api/edit')).toBe('denied api/edit');
    expect(match('GET', 'api/x/../admin')).toBe('denied api/admin');
    expect(match('GET', 'other')).toBe('none');
  });

  it('cleans paths as plugins.CleanRelativePath does', () => {
    expect(cleanRelativePath('a/b/../c')).toBe('a/c');
    expect(cleanRelativePath('../../a')).toBe('a');
    expect(cleanRelativePath('')).toBe('.');
    expect(cleanRelativePath('a/')).toBe('a');
  });

  it('checks reqAction against the RBAC actions of the role (datasources:write: Admin only)', () => {
    const withAction: PluginRoute[] = [{ path: 'x', reqAction: 'datasources:write', url: 'http://t' }];
    expect(matchRoute(withAction, 'GET', 'x', userWithRole('Editor')).kind).toBe('denied');
    expect(matchRoute(withAction, 'GET', 'x', userWithRole('Admin')).kind).toBe('matched');
  });
});
