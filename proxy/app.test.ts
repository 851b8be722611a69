import { buildProxy, type Proxy } from './app';
import { AwsClients } from './aws/clients';
import { keysHeaders, TEST_TOKEN, testConfig } from '../test/support/proxy';

describe('buildProxy', () => {
  const proxies: Proxy[] = [];
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((p) => p.close()));
  });
  const build = async (...args: Parameters<typeof buildProxy>) => {
    const proxy = await buildProxy(...args);
    proxies.push(proxy);
    return proxy;
  };
  const auth = { authorization: `Bearer ${TEST_TOKEN}` };

  it('wires the rate limiter and the caches from the configuration', async () => {
    const proxy = await build(
      testConfig({ upstreamQuotas: { GetCurrentMetricData: { rate: 1, burst: 2 } }, rateLimitMaxWaitMs: 1234 }),
      { logger: false }
    );
    expect(proxy.ctx.limiter.quotaOf('GetCurrentMetricData')).toEqual({ rate: 1, burst: 2 });
    expect(proxy.ctx.limiter.quotaOf('ListQueues')).toEqual({ rate: 2, burst: 5 });
    expect(proxy.ctx.limiter.maxWaitMs).toBe(1234);
    expect(Object.keys(proxy.ctx.caches)).toEqual(['realtime', 'cloudwatch', 'resources']);
    await proxy.ctx.caches.realtime.getOrLoad('k', { ttlMs: 1000 }, async () => 1);
    await proxy.ctx.caches.realtime.getOrLoad('k', { ttlMs: 1000 }, async () => 1);
    const lookups = await proxy.ctx.metrics.registry.getSingleMetricAsString('switchboard_cache_lookups_total');
    expect(lookups).toContain('switchboard_cache_lookups_total{cache="realtime",outcome="miss"} 1');
    expect(lookups).toContain('switchboard_cache_lookups_total{cache="realtime",outcome="hit"} 1');
  });

  it('answers unknown routes with JSON 404s', async () => {
    const proxy = await build(testConfig(), { logger: false });
    const res = await proxy.app.inject({ url: '/api/resource/queues', headers: auth });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatch(/^No route GET \/api\/resource\/queues: the proxy serves/);
  });

  it('answers undecodable URLs with a JSON 400 and HEAD /healthz like GET', async () => {
    const proxy = await build(testConfig(), { logger: false });
    const bad = await proxy.app.inject({ url: '/api/resources/%E0%A4%A' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: "'/api/resources/%E0%A4%A' is not a valid url component" });
    expect((await proxy.app.inject({ method: 'HEAD', url: '/healthz' })).statusCode).toBe(200);
  });

  it('answers bodies that are not JSON or too large with JSON errors', async () => {
    const proxy = await build(testConfig({ bodyLimitBytes: 1024 }), { logger: false });
    const post = (payload: string) =>
      proxy.app.inject({
        method: 'POST',
        url: '/api/query',
        headers: { ...auth, 'content-type': 'application/json' },
        payload,
      });
    const bad = await post('{"range":');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: expect.stringMatching(/JSON/) });
    const big = await post(JSON.stringify({ padding: 'x'.repeat(2048) }));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toEqual({ error: expect.any(String) });
  });

  it('never sends internal errors or stack traces, and labels durations by route pattern', async () => {
    const awsClients = new AwsClients(testConfig());
    const proxy = await build(testConfig(), { logger: false, awsClients });
    awsClients.close(); // every AWS client request now throws an unexpected error
    const res = await proxy.app.inject({ url: '/api/resources/queues?instanceId=abc', headers: keysHeaders() });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: expect.stringMatching(
        /^The proxy failed to answer this request; its log has the details \(request id .+\)\.$/
      ),
    });
    expect(res.body).not.toContain('closed');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    const durations = await proxy.ctx.metrics.registry.getSingleMetricAsString(
      'switchboard_http_request_duration_seconds'
    );
    expect(durations).toContain('route="/api/resources/:kind",method="GET",status="500"');
    expect(durations).not.toContain('instanceId=abc');
  });

  it('closes the AWS clients it created', async () => {
    const proxy = await buildProxy(testConfig(), { logger: false });
    proxy.awsClients.forSettings({ region: 'us-east-1', authType: 'default' }).connect('us-east-1');
    expect(proxy.awsClients.clientCount()).toBe(1);
    await proxy.close();
    expect(proxy.awsClients.clientCount()).toBe(0);
  });
});
