import { buildProxy, type BuildProxyOptions, type Proxy } from './app';
import type { ProxyConfig } from './config.types';

/**
 * Listens: the proxy as a process (cli.ts, demo.ts, docker compose). SIGINT/SIGTERM stop accepting connections,
 * let in-flight requests finish, destroy the AWS clients and exit.
 */

export interface StartProxyOptions extends BuildProxyOptions {
  /** Close cleanly on SIGINT/SIGTERM and exit. Default: true. */
  handleSignals?: boolean;
}

export interface RunningProxy extends Proxy {
  /** e.g. http://127.0.0.1:8080 */
  url: string;
}

/** Longest a shutdown may take before the process gives up waiting for requests in flight. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Installs one handler for both signals that closes everything once, then exits (1 if closing failed or hung). */
export function exitOnSignals(
  log: { info(o: object, m: string): void; error(o: object, m: string): void },
  close: () => Promise<void>
): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'shutting down: finishing requests in flight');
    setTimeout(() => {
      log.error({ graceMs: SHUTDOWN_GRACE_MS }, 'did not close in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'failed to close');
        process.exit(1);
      }
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

export async function startProxy(config: ProxyConfig, options: StartProxyOptions = {}): Promise<RunningProxy> {
  const proxy = await buildProxy(config, options);
  const { app } = proxy;
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('[::1]', 'localhost');
  // The token is never logged; where it comes from is.
  app.log.info(
    {
      url,
      region: config.awsRegion,
      endpoint: config.awsEndpointUrl ?? 'AWS',
      demo: config.demo,
    },
    `Switchboard proxy listening on ${url} (AWS ${config.awsEndpointUrl ? `at ${config.awsEndpointUrl}` : `in ${config.awsRegion} by default`}; /api/* needs "Authorization: Bearer <PROXY_TOKEN>")`
  );
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= proxy.close());
  if (options.handleSignals ?? true) {
    exitOnSignals(app.log, close);
  }
  return { ...proxy, url, close };
}
