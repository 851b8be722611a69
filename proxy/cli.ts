import { ConfigError, loadConfig } from './config';
import { startProxy } from './server';

/**
 * npm run proxy [-- --demo]: settings come from the environment (docs/proxy.md). Invalid settings print one
 * paragraph naming every problem and exit 2, without a stack trace.
 */

export const EXIT_CONFIG = 2;

export const USAGE = `Switchboard proxy: the Grafana datasource's only way to AWS (Amazon Connect, CloudWatch, Chime SDK Voice, Voice ID).

Usage: PROXY_TOKEN="$(openssl rand -hex 32)" npm run proxy [-- --demo]

  --demo      PROXY_TOKEN defaults to "switchboard-demo"; with AWS_ENDPOINT_URL set, the default credentials are
              dummy keys the simulator accepts (npm run demo starts both)
  -h, --help  this text

Settings (environment; defaults in parentheses; docs/proxy.md describes each):
  listening      PORT (8080), HOST (127.0.0.1; 0.0.0.0 in a container), BODY_LIMIT_BYTES (1048576), LOG_LEVEL (info)
  tokens         PROXY_TOKEN (required, at least 16 characters), METRICS_TOKEN (unset: /metrics is public)
  AWS            AWS_REGION (us-east-1), AWS_ENDPOINT_URL (unset: AWS), AWS_MAX_ATTEMPTS (3),
                 UPSTREAM_QUOTAS (JSON, AWS's defaults), RATE_LIMIT_MAX_WAIT_MS (5000)
  caches         REALTIME_CACHE_TTL_MS (10000), RESOURCE_CACHE_TTL_MS (300000), CACHE_MAX_MB (256), CACHE_MODE (cache),
                 STALE_MAX_AGE_MS (300000), STALE_RETRY_MS (5000), STALE_IF_SLOW_MS (2000)
  replicas       REDIS_URL (unset: off), REDIS_KEY_PREFIX (switchboard:)
  exporter       EXPORTER_INSTANCES (unset: off), EXPORTER_QUEUES (all), EXPORTER_CHANNELS (VOICE,CHAT,TASK,EMAIL),
                 EXPORTER_INTERVAL_MS (15000), EXPORTER_REGION (AWS_REGION), EXPORTER_QUOTAS (true),
                 EXPORTER_VOICE_CONNECTORS (unset: none), EXPORTER_HISTORICAL (true),
                 EXPORTER_TIME_ZONE (UTC), EXPORTER_SERVICE_LEVEL_SECONDS (20)
`;

function fail(message: string, code: number): never {
  process.stderr.write(`proxy: ${message}\n`);
  process.exit(code);
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  let config;
  try {
    config = loadConfig(env, argv);
  } catch (err) {
    fail(err instanceof ConfigError ? `${err.message} Run with --help for usage.` : String(err), EXIT_CONFIG);
  }
  try {
    await startProxy(config);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      fail(`port ${config.port} on ${config.host} is already in use; set PORT to another.`, 1);
    }
    if (e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') {
      fail(`cannot listen on ${config.host}:${config.port} (${e.code}): ${e.message}.`, 1);
    }
    fail(`failed to start: ${e.message}`, 1);
  }
}

if (require.main === module) {
  void main(process.argv.slice(2));
}
