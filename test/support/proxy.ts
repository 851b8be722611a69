import { ChimeSDKVoiceClient } from '@aws-sdk/client-chime-sdk-voice';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ConnectClient } from '@aws-sdk/client-connect';
import { VoiceIDClient } from '@aws-sdk/client-voice-id';
import pino from 'pino';
import type { AwsContext } from '../../proxy/aws/context';
import type { ProxyConfig } from '../../proxy/config.types';
import { realtimeStack, type ProxyContext, type UpstreamContext } from '../../proxy/context';
import { resourceLoaders } from '../../proxy/resources';
import { createMetrics } from '../../proxy/metrics';
import { TtlCache } from '../../proxy/upstream/cache';
import { RateLimiter } from '../../proxy/upstream/rateLimiter';

/**
 * The proxy in tests and benchmarks: one set of settings and one token, a query engine without the HTTP app, SDK
 * clients against the simulator, and the headers of a datasource using access keys.
 */

export const TEST_TOKEN = 'test-proxy-token-0123456789';
// AWS's documented example key pair (IAM user guide): not a credential, and recognisably so in logs.
export const TEST_ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
export const TEST_SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** Authorization plus access-key settings, as the Grafana datasource route sends them. */
export function keysHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    authorization: `Bearer ${TEST_TOKEN}`,
    'x-switchboard-auth-type': 'keys',
    'x-switchboard-access-key': TEST_ACCESS_KEY,
    'x-switchboard-secret-key': TEST_SECRET_KEY,
    ...extra,
  };
}

/** Proxy settings for tests: no port, the tests' token, short waits, quiet logs, caches of 16 MB. */
export function testConfig(overrides: Partial<ProxyConfig> = {}): ProxyConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    token: TEST_TOKEN,
    demo: false,
    awsRegion: 'us-east-1',
    sdkMaxAttempts: 1,
    realtimeCacheTtlMs: 5000,
    resourceCacheTtlMs: 300_000,
    cacheMaxBytes: 16 * 1024 * 1024,
    cacheMode: 'cache',
    staleMaxAgeMs: 300_000,
    staleIfSlowMs: 2000,
    staleRetryMs: 5000,
    rateLimitMaxWaitMs: 5000,
    upstreamQuotas: {},
    bodyLimitBytes: 1024 * 1024,
    logLevel: 'silent',
    ...overrides,
  };
}

/** A ProxyContext for unit and integration tests of the query engine, without the HTTP app. */
export function testContext(
  overrides: Partial<ProxyConfig> = {},
  options: { dataClock?: () => number } = {}
): ProxyContext {
  const config = testConfig({ cacheMaxBytes: 64 * 1024 * 1024, ...overrides });
  const metrics = createMetrics({ defaultMetrics: false });
  const onLookup = (cache: string, outcome: string) => metrics.cacheLookups.inc({ cache, outcome });
  const passthrough = config.cacheMode === 'passthrough';
  const retryAfterFailureMs = config.staleRetryMs;
  const caches = {
    realtime: new TtlCache('realtime', { onLookup, passthrough, retryAfterFailureMs }),
    cloudwatch: new TtlCache('cloudwatch', { onLookup, passthrough, retryAfterFailureMs }),
    resources: new TtlCache('resources', { onLookup, retryAfterFailureMs }),
  };
  const shared: UpstreamContext = {
    config,
    // AWS's now: a test against the simulator passes the simulator's frozen clock, or ranges age with the calendar.
    dataClock: options.dataClock ?? Date.now,
    log: pino({ level: 'silent' }),
    metrics,
    limiter: new RateLimiter({ quotas: config.upstreamQuotas, maxWaitMs: config.rateLimitMaxWaitMs }),
    caches,
    realtime: realtimeStack(config, caches.realtime),
  };
  return { ...shared, resources: resourceLoaders(shared) };
}

/** An AwsContext with static keys against an endpoint (the simulator). */
export function testAws(
  endpoint: string,
  defaultRegion = 'us-east-1',
  accessKeyId = 'AKIDPROXYTEST'
): AwsContext & { destroy(): void } {
  const clients = new Map<string, { destroy(): void }>();
  const config = (region: string) => ({
    endpoint,
    region,
    credentials: { accessKeyId, secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });
  const get = <T extends { destroy(): void }>(kind: string, region: string, make: () => T): T => {
    const key = `${kind}|${region}`;
    if (!clients.has(key)) {
      clients.set(key, make());
    }
    return clients.get(key) as T;
  };
  return {
    credentialsKey: `keys:${accessKeyId}`,
    defaultRegion,
    connect: (region) => get('connect', region, () => new ConnectClient(config(region))),
    cloudwatch: (region) => get('cloudwatch', region, () => new CloudWatchClient(config(region))),
    chime: (region) => get('chime', region, () => new ChimeSDKVoiceClient(config(region))),
    voiceId: (region) => get('voiceid', region, () => new VoiceIDClient(config(region))),
    destroy: () => clients.forEach((c) => c.destroy()),
  };
}
