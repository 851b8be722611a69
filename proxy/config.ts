import { parseArgs } from 'node:util';
import { REGION_PATTERN } from '../src/connect/proxyApi';
import type { ProxyConfig } from './config.types';
import { inSchemaOrder, readEnv, type EnvProblem } from './envReader';
import { DEMO_TOKEN, ProxyEnv } from './envSchema';
import { exporterSettings } from './exporter/settings';

/**
 * The proxy's settings, read once at start from the environment (envSchema.ts says what each variable holds) and
 * `--demo` from the command line. Every problem is collected and reported together, each naming the variable and the
 * rule, so one restart fixes them all. The token's value never appears in a message.
 */

export { DEMO_TOKEN, LOG_LEVELS, MIN_TOKEN_LENGTH } from './envSchema';

/** The Proxy API's region pattern (src/connect/proxyApi/region.ts); AWS_REGION takes the same codes. */
export { REGION_PATTERN };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid proxy configuration: ${problems.join('; ')}.`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv, argv: string[]): ProxyConfig {
  const cli: EnvProblem[] = [];
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
    cli.push({
      variable: '',
      text: `${(err as Error).message.split('. To specify')[0].replace(/\.$/, '')} (the proxy takes only --demo; its settings come from environment variables, see docs/proxy.md)`,
    });
  }

  const { values: v, problems, invalid } = readEnv(ProxyEnv, env);
  problems.unshift(...cli);
  const refuse = (variable: string, text: string) => problems.push({ variable, text });

  // The token: required, unless --demo, which brings the public demo token.
  let token = v.PROXY_TOKEN ?? '';
  if (token === '' && !invalid.has('PROXY_TOKEN')) {
    if (demo) {
      token = DEMO_TOKEN;
    } else {
      refuse('PROXY_TOKEN', 'PROXY_TOKEN is required (or start with --demo)');
    }
  }
  if (v.METRICS_TOKEN !== undefined && v.METRICS_TOKEN === token) {
    refuse(
      'METRICS_TOKEN',
      'METRICS_TOKEN must differ from PROXY_TOKEN (Prometheus must not hold the token that reaches AWS)'
    );
  }
  // The demo token is public (README, docker-compose.yaml): accepted in front of the simulator, never for real AWS.
  if (!demo && token === DEMO_TOKEN && v.AWS_ENDPOINT_URL === undefined && !invalid.has('AWS_ENDPOINT_URL')) {
    refuse(
      'PROXY_TOKEN',
      `PROXY_TOKEN must not be the public demo token "${DEMO_TOKEN}" when the proxy calls AWS (AWS_ENDPOINT_URL unset): set your own, e.g. openssl rand -hex 32`
    );
  }

  // The Prometheus exporter of Connect metrics (EXPORTER_*, docs/exporter.md): off unless EXPORTER_INSTANCES is set.
  const exporter = exporterSettings(v, v.AWS_REGION, problems);

  if (problems.length) {
    throw new ConfigError(inSchemaOrder(ProxyEnv, problems));
  }
  return {
    port: v.PORT,
    host: v.HOST,
    token,
    ...(v.METRICS_TOKEN !== undefined ? { metricsToken: v.METRICS_TOKEN } : {}),
    demo,
    awsRegion: v.AWS_REGION,
    ...(v.AWS_ENDPOINT_URL !== undefined ? { awsEndpointUrl: v.AWS_ENDPOINT_URL } : {}),
    sdkMaxAttempts: v.AWS_MAX_ATTEMPTS,
    realtimeCacheTtlMs: v.REALTIME_CACHE_TTL_MS,
    resourceCacheTtlMs: v.RESOURCE_CACHE_TTL_MS,
    cacheMaxBytes: v.CACHE_MAX_MB * 1024 * 1024,
    cacheMode: v.CACHE_MODE,
    staleMaxAgeMs: v.STALE_MAX_AGE_MS,
    staleIfSlowMs: v.STALE_IF_SLOW_MS,
    staleRetryMs: v.STALE_RETRY_MS,
    rateLimitMaxWaitMs: v.RATE_LIMIT_MAX_WAIT_MS,
    upstreamQuotas: v.UPSTREAM_QUOTAS ?? {},
    bodyLimitBytes: v.BODY_LIMIT_BYTES,
    logLevel: v.LOG_LEVEL,
    ...(exporter ? { exporter } : {}),
    ...(v.REDIS_URL !== undefined ? { redisUrl: v.REDIS_URL } : {}),
    ...(v.REDIS_KEY_PREFIX !== undefined ? { redisKeyPrefix: v.REDIS_KEY_PREFIX } : {}),
  };
}
