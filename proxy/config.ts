import { parseArgs } from 'node:util';
import { fieldPath, REGION_PATTERN } from '../src/connect/proxyApi';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { ProxyConfig } from './config.types';
import { readExporterSettings } from './exporter/settings';
import type { Quota } from './upstream/rateLimiter';
import { raw, readInteger, shown } from './envValues';

/**
 * The proxy's settings, read once at start from the environment (and `--demo` from the command line). Every
 * problem is collected and reported together, each naming the variable and the rule, so one restart fixes them
 * all. The token's value never appears in a message.
 */

export const DEMO_TOKEN = 'switchboard-demo';
export const MIN_TOKEN_LENGTH = 16;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The Proxy API's region pattern (src/connect/proxyApi/region.ts); AWS_REGION takes the same codes. */
export { REGION_PATTERN };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid proxy configuration: ${problems.join('; ')}.`);
    this.name = 'ConfigError';
  }
}

const QuotasSchema = Type.Record(
  Type.String({ pattern: '^[A-Z][A-Za-z0-9]*$' }),
  Type.Object(
    { rate: Type.Number({ exclusiveMinimum: 0, maximum: 100_000 }), burst: Type.Integer({ minimum: 1 }) },
    { additionalProperties: false }
  )
);

export function loadConfig(env: NodeJS.ProcessEnv, argv: string[]): ProxyConfig {
  const problems: string[] = [];

  let demo = false;
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { demo: { type: 'boolean' } },
    });
    demo = values.demo ?? false;
  } catch (err) {
    problems.push(
      `${(err as Error).message.split('. To specify')[0].replace(/\.$/, '')} (the proxy takes only --demo; its settings come from environment variables, see docs/proxy.md)`
    );
  }

  const integer = (name: string, fallback: number, min: number, max: number): number =>
    readInteger(env, name, { fallback, min, max }, problems);

  const port = integer('PORT', 8080, 1, 65535);

  const host = raw(env, 'HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:[\]%-]+$/.test(host)) {
    problems.push(`HOST must be a host name or IP address such as 127.0.0.1 or 0.0.0.0 (got ${shown(host)})`);
  }

  // The token: required, long enough to resist guessing, and usable in an Authorization header.
  let token = env.PROXY_TOKEN ?? '';
  if (token === '') {
    if (demo) {
      token = DEMO_TOKEN;
    } else {
      problems.push('PROXY_TOKEN is required (or start with --demo)');
    }
  } else if (token.length < MIN_TOKEN_LENGTH) {
    problems.push(`PROXY_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters (it has ${token.length})`);
  } else if (/\s/.test(token) || !/^[\x21-\x7e]+$/.test(token)) {
    problems.push('PROXY_TOKEN must be printable ASCII without spaces (it is sent in an Authorization header)');
  }

  const awsRegion = raw(env, 'AWS_REGION') ?? 'us-east-1';
  if (!REGION_PATTERN.test(awsRegion)) {
    problems.push(`AWS_REGION must be an AWS Region code such as us-east-1 (got ${shown(awsRegion)})`);
  }

  const awsEndpointUrl = raw(env, 'AWS_ENDPOINT_URL');
  if (awsEndpointUrl !== undefined) {
    let ok = false;
    try {
      const url = new URL(awsEndpointUrl);
      ok = url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) {
      problems.push(
        `AWS_ENDPOINT_URL must be an http:// or https:// URL such as http://127.0.0.1:4599 (got ${shown(awsEndpointUrl)})`
      );
    }
  }

  // Optional: the token /metrics then requires. Its own, so that Prometheus never holds the token that reaches AWS.
  const metricsToken = env.METRICS_TOKEN ?? '';
  if (metricsToken !== '') {
    if (metricsToken.length < MIN_TOKEN_LENGTH) {
      problems.push(`METRICS_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters (it has ${metricsToken.length})`);
    } else if (!/^[\x21-\x7e]+$/.test(metricsToken)) {
      problems.push('METRICS_TOKEN must be printable ASCII without spaces (it is sent in an Authorization header)');
    } else if (metricsToken === token) {
      problems.push('METRICS_TOKEN must differ from PROXY_TOKEN (Prometheus must not hold the token that reaches AWS)');
    }
  }

  // The demo token is public (README, docker-compose.yaml): accepted in front of the simulator, never for real AWS.
  if (!demo && token === DEMO_TOKEN && awsEndpointUrl === undefined) {
    problems.push(
      `PROXY_TOKEN must not be the public demo token "${DEMO_TOKEN}" when the proxy calls AWS (AWS_ENDPOINT_URL unset): set your own, e.g. openssl rand -hex 32`
    );
  }

  const sdkMaxAttempts = integer('AWS_MAX_ATTEMPTS', 3, 1, 10);
  // The shipped dashboards refresh every 10 s: a shorter lifetime would fetch twice per refresh for the same screens
  // (Connect's real-time data is a snapshot; the data shown is then up to 10 s old, see docs/proxy.md).
  const realtimeCacheTtlMs = integer('REALTIME_CACHE_TTL_MS', 10_000, 0, 300_000);
  const resourceCacheTtlMs = integer('RESOURCE_CACHE_TTL_MS', 300_000, 0, 86_400_000);
  const cacheMaxMb = integer('CACHE_MAX_MB', 256, 1, 65_536);
  const staleMaxAgeMs = integer('STALE_MAX_AGE_MS', 300_000, 0, 86_400_000);
  const staleIfSlowMs = integer('STALE_IF_SLOW_MS', 2000, 0, 120_000);
  const staleRetryMs = integer('STALE_RETRY_MS', 5000, 0, 300_000);
  const cacheMode = (raw(env, 'CACHE_MODE') ?? 'cache').toLowerCase();
  if (cacheMode !== 'cache' && cacheMode !== 'passthrough') {
    problems.push(`CACHE_MODE must be cache or passthrough (got ${shown(cacheMode)})`);
  }
  const rateLimitMaxWaitMs = integer('RATE_LIMIT_MAX_WAIT_MS', 5000, 0, 120_000);
  const bodyLimitBytes = integer('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024);

  let upstreamQuotas: Record<string, Quota> = {};
  const quotasText = raw(env, 'UPSTREAM_QUOTAS');
  if (quotasText !== undefined) {
    const example = 'e.g. {"GetCurrentMetricData":{"rate":5,"burst":8}}';
    let parsed: unknown;
    try {
      parsed = JSON.parse(quotasText);
    } catch {
      problems.push(`UPSTREAM_QUOTAS must be JSON, ${example} (it does not parse)`);
    }
    if (parsed !== undefined) {
      const errors = [...Value.Errors(QuotasSchema, parsed)];
      if (errors.length) {
        const where = fieldPath(errors[0].path) || 'the value';
        problems.push(
          `UPSTREAM_QUOTAS must map API names to {"rate": requests per second > 0, "burst": integer >= 1}, ${example} (${where}: ${errors[0].message})`
        );
      } else {
        upstreamQuotas = parsed as Record<string, Quota>;
      }
    }
  }

  const logLevel = (raw(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got ${shown(logLevel)})`);
  }

  // Redis for replicas (docs/ha.md). The URL may carry a password: messages never show it.
  const redisUrl = raw(env, 'REDIS_URL');
  if (redisUrl !== undefined) {
    let ok = false;
    try {
      const url = new URL(redisUrl);
      ok = (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
    } catch {
      ok = false;
    }
    if (!ok) {
      problems.push('REDIS_URL must be a redis:// or rediss:// URL such as redis://redis:6379 (or empty for none)');
    }
  }
  // Unset: the default (switchboard:) applies where Redis is set up (proxy/app.ts).
  const redisKeyPrefix = raw(env, 'REDIS_KEY_PREFIX');
  if (redisKeyPrefix !== undefined && !/^[\x21-\x7e]{1,64}$/.test(redisKeyPrefix)) {
    problems.push(
      `REDIS_KEY_PREFIX must be 1 to 64 printable ASCII characters without spaces (got ${shown(redisKeyPrefix)})`
    );
  }

  // The Prometheus exporter of Connect metrics (EXPORTER_*, docs/exporter.md): off unless EXPORTER_INSTANCES is set.
  const exporter = readExporterSettings(env, { awsRegion, regionPattern: REGION_PATTERN }, problems);

  if (problems.length) {
    throw new ConfigError(problems);
  }
  return {
    port,
    host,
    token,
    ...(metricsToken !== '' ? { metricsToken } : {}),
    demo,
    awsRegion,
    ...(awsEndpointUrl !== undefined ? { awsEndpointUrl } : {}),
    sdkMaxAttempts,
    realtimeCacheTtlMs,
    resourceCacheTtlMs,
    cacheMaxBytes: cacheMaxMb * 1024 * 1024,
    cacheMode: cacheMode === 'passthrough' ? 'passthrough' : 'cache',
    staleMaxAgeMs,
    staleIfSlowMs,
    staleRetryMs,
    rateLimitMaxWaitMs,
    upstreamQuotas,
    bodyLimitBytes,
    logLevel,
    ...(exporter ? { exporter } : {}),
    ...(redisUrl !== undefined ? { redisUrl } : {}),
    ...(redisKeyPrefix !== undefined ? { redisKeyPrefix } : {}),
  };
}
