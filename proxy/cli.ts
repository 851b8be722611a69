import { ConfigError, loadConfig } from './config';
import { startProxy } from './server';

/**
 * npm run proxy [-- --demo]: settings come from the environment (docs/proxy.md). Invalid settings print one
 * paragraph naming every problem and exit 2, without a stack trace.
 */

export const EXIT_CONFIG = 2;

const USAGE = `Switchboard proxy: the Grafana datasource's only way to AWS (Amazon Connect, CloudWatch, Chime SDK Voice, Voice ID).

Usage: PROXY_TOKEN=<at least 16 characters> npm run proxy [-- --demo]

  --demo      PROXY_TOKEN defaults to "switchboard-demo"; with AWS_ENDPOINT_URL set, the default credentials are
              dummy keys the simulator accepts (npm run demo starts both)
  -h, --help  this text

Settings (environment): PORT (8080), HOST (127.0.0.1; 0.0.0.0 in a container), PROXY_TOKEN, AWS_REGION (us-east-1),
AWS_ENDPOINT_URL, AWS_MAX_ATTEMPTS (3), REALTIME_CACHE_TTL_MS (5000), RESOURCE_CACHE_TTL_MS (300000),
CACHE_MAX_MB (256), RATE_LIMIT_MAX_WAIT_MS (5000), UPSTREAM_QUOTAS (JSON), BODY_LIMIT_BYTES (1048576), LOG_LEVEL (info).
See docs/proxy.md.
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
