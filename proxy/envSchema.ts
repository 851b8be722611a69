import { Type, type TSchema } from '@sinclair/typebox';
import { envInteger, envOneOf, envRegion, envString, type EnvKeywords } from './envReader';
import { ExporterEnv } from './exporter/settings';

/**
 * Every environment variable the proxy reads, as one TypeBox schema (read by envReader.ts, documented in
 * docs/proxy.md: proxy/docs.test.ts holds the two together). Values are what the variables hold once read: integers
 * are numbers, the rest strings; `default` is the value when unset or empty. The order is the order problems are
 * listed in. Rules between variables (the token is required unless --demo, the demo token never for real AWS,
 * METRICS_TOKEN differs from PROXY_TOKEN) are config.ts's.
 */

export const DEMO_TOKEN = 'switchboard-demo';
export const MIN_TOKEN_LENGTH = 16;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A bearer token: sent in an Authorization header, so printable ASCII without spaces; long enough to resist guessing. */
const token = () =>
  Type.Optional(
    envString({
      minLength: MIN_TOKEN_LENGTH,
      pattern: '^[\\x21-\\x7e]+$',
      rule: 'printable ASCII without spaces (it is sent in an Authorization header)',
      secret: true,
      verbatim: true,
    })
  );

/** Overrides of the upstream quotas: API name → token bucket. */
const Quotas = Type.Record(
  Type.String({ pattern: '^[A-Z][A-Za-z0-9]*$' }),
  Type.Object(
    { rate: Type.Number({ exclusiveMinimum: 0, maximum: 100_000 }), burst: Type.Integer({ minimum: 1 }) },
    { additionalProperties: false }
  ),
  {
    json: {
      must: 'map API names to {"rate": requests per second > 0, "burst": integer >= 1}',
      example: 'e.g. {"GetCurrentMetricData":{"rate":5,"burst":8}}',
    },
  } satisfies EnvKeywords
);

const proxyVariables = {
  PORT: envInteger(1, 65535, 8080),
  HOST: envString({
    pattern: '^[A-Za-z0-9.:[\\]%-]+$',
    rule: 'a host name or IP address such as 127.0.0.1 or 0.0.0.0',
    default: '127.0.0.1',
  }),
  PROXY_TOKEN: token(),
  AWS_REGION: envRegion({ default: 'us-east-1' }),
  AWS_ENDPOINT_URL: Type.Optional(
    envString({
      protocols: ['http:', 'https:'],
      rule: 'an http:// or https:// URL such as http://127.0.0.1:4599',
    })
  ),
  // Optional: the token /metrics then requires. Its own, so that Prometheus never holds the token that reaches AWS.
  METRICS_TOKEN: token(),
  AWS_MAX_ATTEMPTS: envInteger(1, 10, 3),
  // The shipped dashboards refresh every 10 s: a shorter lifetime would fetch twice per refresh for the same screens
  // (Connect's real-time data is a snapshot; the data shown is then up to 10 s old, see docs/proxy.md).
  REALTIME_CACHE_TTL_MS: envInteger(0, 300_000, 10_000),
  RESOURCE_CACHE_TTL_MS: envInteger(0, 86_400_000, 300_000),
  CACHE_MAX_MB: envInteger(1, 65_536, 256),
  STALE_MAX_AGE_MS: envInteger(0, 86_400_000, 300_000),
  STALE_IF_SLOW_MS: envInteger(0, 120_000, 2000),
  STALE_RETRY_MS: envInteger(0, 300_000, 5000),
  CACHE_MODE: envOneOf(['cache', 'passthrough'] as const, 'cache', { lowercase: true }),
  RATE_LIMIT_MAX_WAIT_MS: envInteger(0, 120_000, 5000),
  BODY_LIMIT_BYTES: envInteger(1024, 100 * 1024 * 1024, 1024 * 1024),
  UPSTREAM_QUOTAS: Type.Optional(Quotas),
  LOG_LEVEL: envOneOf(LOG_LEVELS, 'info', { lowercase: true }),
  // Redis for replicas (docs/ha.md). The URL may carry a password: messages never show it.
  REDIS_URL: Type.Optional(
    envString({
      protocols: ['redis:', 'rediss:'],
      rule: 'a redis:// or rediss:// URL such as redis://redis:6379 (or empty for none)',
      secret: true,
    })
  ),
  // Unset: the default (switchboard:) applies where Redis is set up (proxy/app.ts).
  REDIS_KEY_PREFIX: Type.Optional(
    envString({ pattern: '^[\\x21-\\x7e]{1,64}$', rule: '1 to 64 printable ASCII characters without spaces' })
  ),
} satisfies Record<string, TSchema>;

export const ProxyEnv = Type.Object({ ...proxyVariables, ...ExporterEnv });
