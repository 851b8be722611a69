import crypto, { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildProxy, type Proxy } from './app';
import { tokenMatches } from './auth';
import { TEST_TOKEN, testConfig } from '../test/support/proxy';

describe('proxy token', () => {
  let proxy: Proxy;
  beforeAll(async () => {
    proxy = await buildProxy(testConfig(), { logger: false });
  });
  afterAll(() => proxy.close());

  const get = (url: string, authorization?: string) =>
    proxy.app.inject({ method: 'GET', url, headers: authorization === undefined ? {} : { authorization } });

  // 403, not 401: Grafana's datasource proxy would turn a 401 into a bare 400 and drop the message (auth.ts).
  it('refuses /api/* without a token with 403 and JSON that says where to set the token', async () => {
    const res = await get('/api/resources/regions');
    expect(res.statusCode).toBe(403);
    expect(res.headers['www-authenticate']).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({
      error: expect.stringMatching(/^Missing proxy token: the request has no "Authorization: Bearer <PROXY_TOKEN>"/),
      code: 'proxy_token_missing',
    });
    expect(res.json().error).toMatch(/"Proxy token" on its settings page\) and in the proxy \(PROXY_TOKEN;/);
  });

  it('refuses a wrong token of the same length and of another length', async () => {
    const sameLength = TEST_TOKEN.slice(0, -1) + (TEST_TOKEN.endsWith('x') ? 'y' : 'x');
    for (const token of [sameLength, 'short', `${TEST_TOKEN}-longer`]) {
      const res = await get('/api/resources/regions', `Bearer ${token}`);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({
        error: expect.stringMatching(
          /^Invalid proxy token: it does not match the PROXY_TOKEN the proxy was started with\. Set the same token in the datasource/
        ),
        code: 'proxy_token_invalid',
      });
    }
  });

  it('refuses other schemes and malformed headers', async () => {
    for (const header of [`Basic ${TEST_TOKEN}`, 'Bearer', `Bearer ${TEST_TOKEN} extra`, TEST_TOKEN]) {
      const res = await get('/api/resources/regions', header);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('proxy_token_malformed');
      expect(res.json().error).toMatch(
        /^Malformed Authorization header: expected "Bearer <PROXY_TOKEN>"\. Set the same/
      );
    }
  });

  it('lets the right token through (the scheme is case-insensitive)', async () => {
    for (const header of [`Bearer ${TEST_TOKEN}`, `bearer ${TEST_TOKEN}`]) {
      const res = await get('/api/resources/regions', header);
      expect(res.statusCode).toBe(200);
      expect(res.json()[0]).toEqual({
        value: 'us-east-1',
        text: 'US East (N. Virginia) (us-east-1)',
        name: 'US East (N. Virginia)',
      });
    }
  });

  it('protects POST /api/query and unknown /api routes too', async () => {
    const query = await proxy.app.inject({ method: 'POST', url: '/api/query', payload: {} });
    expect(query.statusCode).toBe(403);
    expect((await get('/api/nothing-here')).statusCode).toBe(403);
    expect((await get('/api/nothing-here', `Bearer ${TEST_TOKEN}`)).statusCode).toBe(404);
    // The router decodes %61 to "a": the decoded path is what counts.
    expect((await get('/%61pi/resources/regions')).statusCode).toBe(403);
    expect((await get('/API/resources/regions')).statusCode).not.toBe(200);
    // A proxy URL ending with a slash gives //api/...: the same routes, behind the same token.
    expect((await get('//api/resources/regions')).statusCode).toBe(403);
    expect((await get('//api//nothing-here')).statusCode).toBe(403);
    expect((await get('//api/resources/regions', `Bearer ${TEST_TOKEN}`)).statusCode).toBe(200);
  });

  it('leaves /healthz and /metrics open (without METRICS_TOKEN)', async () => {
    const health = await get('/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const metrics = await get('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toContain('switchboard_http_request_duration_seconds');
    // Other unknown paths are plain 404s.
    expect((await get('/nothing')).statusCode).toBe(404);
  });

  it('with METRICS_TOKEN, asks /metrics for that token and not for the proxy token', async () => {
    const metricsToken = 'scrape-token-0123456789abcdef';
    const scraped = await buildProxy(testConfig({ metricsToken }), { logger: false });
    try {
      const scrape = (authorization?: string) =>
        scraped.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
      const missing = await scrape();
      // Prometheus scrapes directly, never through Grafana: the standard 401 with a challenge.
      expect(missing.statusCode).toBe(401);
      expect(missing.headers['www-authenticate']).toBe('Bearer realm="switchboard"');
      expect(missing.json().error).toMatch(/^Missing metrics token: \/metrics needs the header/);
      for (const wrong of [`Bearer ${TEST_TOKEN}`, `Bearer ${metricsToken}x`]) {
        const res = await scrape(wrong);
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({
          error: 'Invalid metrics token: it does not match the METRICS_TOKEN the proxy was started with.',
        });
        expect(res.body).not.toContain(metricsToken);
      }
      const ok = await scrape(`Bearer ${metricsToken}`);
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('switchboard_http_request_duration_seconds');
      // The metrics token opens nothing else; /healthz stays open.
      const api = await scraped.app.inject({
        method: 'GET',
        url: '/api/resources/regions',
        headers: { authorization: `Bearer ${metricsToken}` },
      });
      expect(api.statusCode).toBe(403);
      expect((await scraped.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await scraped.close();
    }
  });

  it('is constant-time by construction: every candidate is hashed to 32 bytes before timingSafeEqual', async () => {
    // Measuring times would be flaky; what makes the compare constant-time is checkable: both sides always reach
    // crypto.timingSafeEqual as two SHA-256 digests, so no length check or early exit can depend on the token.
    const compare = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      const candidates = [
        '',
        'x',
        TEST_TOKEN.slice(0, -1),
        TEST_TOKEN.slice(0, -1) + 'y',
        TEST_TOKEN,
        'z'.repeat(100_000),
      ];
      for (const candidate of candidates) {
        await get('/api/resources/regions', `Bearer ${candidate}`);
      }
      // "Bearer " alone is malformed (no comparison); every other candidate went through exactly one comparison.
      expect(compare).toHaveBeenCalledTimes(candidates.length - 1);
      for (const [a, b] of compare.mock.calls) {
        expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
      }
      expect(compare.mock.results.map((r) => r.value)).toEqual([false, false, false, true, false]);
    } finally {
      compare.mockRestore();
    }
  });

  it('never compares or measures the token outside tokenMatches', () => {
    const source = readFileSync(path.join(__dirname, 'auth.ts'), 'utf8');
    // The candidate (match[1]) goes to tokenMatches and nowhere else; no ===, no .length, no startsWith on it.
    expect([...source.matchAll(/match\[1\]/g)]).toHaveLength(1);
    expect(source).toContain('tokenMatches(match[1], expected[needed])');
    expect(source).not.toMatch(/(token|candidate|expected)\w*\s*[!=]==|[!=]==\s*(token|candidate|expected)/i);
    expect(source).not.toMatch(/(token|candidate)\.(length|startsWith|endsWith|includes|indexOf)/i);
  });

  it('compares digests, whatever the lengths', () => {
    const digest = createHash('sha256').update(TEST_TOKEN).digest();
    expect(tokenMatches(TEST_TOKEN, digest)).toBe(true);
    expect(tokenMatches('', digest)).toBe(false);
    expect(tokenMatches(TEST_TOKEN + TEST_TOKEN, digest)).toBe(false);
  });
});
