import type { FastifyInstance } from 'fastify';
import { buildSimulator, type Simulator } from './app';
import { ModelMetricSource } from './model/cloudwatch/source';
import { loadScenario } from './scenario/load';
import type { Scenario } from './scenario/schema';

/** Listens: the simulator as a process (cli.ts), for docker compose, the demo and benchmarks. */

export interface StartOptions {
  port?: number;
  host?: string;
  /** YAML or JSON scenario file; default simulator/scenario/default.yaml. Ignored when `scenario` is given. */
  scenarioFile?: string;
  scenario?: Scenario;
  seed?: number;
  /** pino options, or false. Default: info level. */
  logger?: boolean | object;
  logRequests?: boolean;
  /** Close cleanly on SIGINT/SIGTERM. Default: true. */
  handleSignals?: boolean;
}

export interface RunningSimulator extends Simulator {
  /** e.g. http://127.0.0.1:4599 */
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4599;
export const DEFAULT_HOST = '127.0.0.1';

/** Longest a shutdown may take before the process gives up waiting for connections. */
const SHUTDOWN_GRACE_MS = 5000;

function installSignalHandlers(app: FastifyInstance, close: () => Promise<void>): void {
  const onSignal = (signal: NodeJS.Signals) => {
    app.log.info({ signal }, 'simulator shutting down');
    setTimeout(() => {
      app.log.error('simulator did not close in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'simulator failed to close');
        process.exit(1);
      }
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

export async function startSimulator(options: StartOptions = {}): Promise<RunningSimulator> {
  const scenario = options.scenario ?? loadScenario(options.scenarioFile);
  const simulator = await buildSimulator({
    scenario,
    seed: options.seed,
    logger: options.logger ?? { level: 'info' },
    logRequests: options.logRequests,
    metrics: ({ world, model, clock }) => new ModelMetricSource(world, model, clock),
  });
  const { app, context } = simulator;
  const address = await app.listen({ port: options.port ?? DEFAULT_PORT, host: options.host ?? DEFAULT_HOST });
  const url = address.replace('[::1]', 'localhost');
  const world = context.world;
  app.log.info(
    {
      endpoint: url,
      scenario: world.scenario.name,
      seed: world.seed,
      regions: [...new Set(world.instances.map((i) => i.region))],
      operations: simulator.operations.map((o) => `${o.service}:${o.name}`),
    },
    `Switchboard simulator listening on ${url} (point AWS SDK clients at it with endpoint: '${url}' or AWS_ENDPOINT_URL=${url}; admin API at ${url}/_sim/health)`
  );

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= app.close());
  if (options.handleSignals ?? true) {
    installSignalHandlers(app, close);
  }
  return { ...simulator, url, close };
}
