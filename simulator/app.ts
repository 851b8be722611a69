import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { adminRoutes, formatSchemaErrors } from './admin';
import { Clock } from './clock';
import { ContactCenterModel } from './model/contactCenter';
import { EMPTY_SERIES, type MetricSource } from './model/metricSource';
import { Delays, FaultInjector } from './protocol/faults';
import { frameworkErrorHandler, registerProtocol } from './protocol/router';
import { Stats } from './protocol/stats';
import { RequestThrottle } from './protocol/throttle';
import type { OperationSpec, SimulatorContext } from './protocol/types';
import { loadScenario } from './scenario/load';
import type { Scenario } from './scenario/schema';
import { resolveWorld, type World } from './scenario/world';
import { chimeOperations } from './services/chime';
import { cloudWatchOperations } from './services/cloudwatch';
import { connectOperations } from './services/connect';
import { voiceIdOperations } from './services/voiceId';

/**
 * Builds the simulator's fastify app without listening (server.ts listens; tests use app.inject() or listen on
 * port 0). One app speaks all four AWS services on one port plus the /_sim admin API.
 */

export interface SimulatorOptions {
  /** Default: simulator/scenario/default.yaml. */
  scenario?: Scenario;
  /** Overrides the scenario's seed (model randomness and fault decisions). */
  seed?: number;
  clock?: Clock;
  /** fastify logger option (pino). Default: off. */
  logger?: boolean | object;
  /** Log every request and response (noisy under load). Default: false. */
  logRequests?: boolean;
  /**
   * AWS operations to serve. Chime SDK Voice and Voice ID operations are always added unless an operation of the
   * same service and name is passed. Default: defaultOperations().
   */
  operations?: OperationSpec[];
  /** The CloudWatch data source, or a factory given the resolved world. Default: a source with no metrics. */
  metrics?: MetricSource | ((parts: { world: World; model: ContactCenterModel; clock: Clock }) => MetricSource);
  /** Monotonic ms for the request-quota buckets (tests). Default: performance.now. */
  now?: () => number;
  /**
   * Enforce the API request quotas (GetCurrentMetricData 5/s burst 8, ...). Default true, as AWS does; functional
   * tests that fire many calls at once can turn it off instead of raising every quota.
   */
  enforceQuotas?: boolean;
}

export interface Simulator {
  app: FastifyInstance;
  context: SimulatorContext;
  /** The operations actually served. */
  operations: OperationSpec[];
  stats: Stats;
  limiter: RequestThrottle;
  faults: FaultInjector;
}

/** Every operation the simulator speaks. */
export function defaultOperations(): OperationSpec[] {
  return [...connectOperations(), ...cloudWatchOperations(), ...chimeOperations(), ...voiceIdOperations()];
}

/** A MetricSource without metrics, for simulators that do not serve CloudWatch data. */
export const emptyMetricSource: MetricSource = {
  list: () => [],
  series: () => EMPTY_SERIES,
  resolution: () => 60,
};

/** Caller's operations first; ours fill in any (service, name) the caller did not provide. */
function withOwnOperations(operations: OperationSpec[]): OperationSpec[] {
  const seen = new Set(operations.map((o) => `${o.service}:${o.name}`));
  return [
    ...operations,
    ...[...chimeOperations(), ...voiceIdOperations()].filter((o) => !seen.has(`${o.service}:${o.name}`)),
  ];
}

/** A typo in the scenario's apiQuotas or faults would otherwise be silently ignored. */
function warnAboutUnknownKeys(app: FastifyInstance, scenario: Scenario, operations: OperationSpec[]): void {
  const known = new Set(['*', ...operations.flatMap((o) => [o.name, `${o.service}:${o.name}`])]);
  for (const [field, table] of [
    ['apiQuotas', scenario.apiQuotas],
    ['faults', scenario.faults],
  ] as const) {
    const unknown = Object.keys(table ?? {}).filter((k) => !known.has(k));
    if (unknown.length) {
      app.log.warn(
        { field, unknown },
        `scenario ${field} names operations the simulator does not serve: ${unknown.join(', ')}`
      );
    }
  }
}

export async function buildSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const scenario = options.scenario ?? loadScenario();
  const world = resolveWorld(scenario, options.seed);
  const clock = options.clock ?? new Clock();
  const model = new ContactCenterModel(world);
  const metrics =
    typeof options.metrics === 'function'
      ? options.metrics({ world, model, clock })
      : (options.metrics ?? emptyMetricSource);
  const context: SimulatorContext = { world, clock, metrics, model };
  const operations = options.operations ? withOwnOperations(options.operations) : defaultOperations();

  const stats = new Stats();
  const limiter = new RequestThrottle({
    scenario: scenario.apiQuotas,
    now: options.now,
    enforce: options.enforceQuotas,
  });
  const faults = new FaultInjector(world.seed, scenario.faults);
  const delays = new Delays();

  const fastifyOptions: FastifyServerOptions = {
    logger: options.logger ?? false,
    logController: new LogController({ disableRequestLogging: !options.logRequests }),
    // Connect path labels can be full ARNs (well over find-my-way's default of 100 characters).
    routerOptions: { maxParamLength: 2048 },
    // GetMetricData with 500 queries is a few hundred kB; leave room.
    bodyLimit: 8 * 1024 * 1024,
    // A client that declares more body than it sends must not hold a connection forever (receiving only:
    // injected latency happens after the request is read).
    requestTimeout: 60_000,
    // AWS has no HEAD variants of its GET operations.
    exposeHeadRoutes: false,
    // Admin route schemas: strict (no silent removal of unknown fields, no "0.5" -> 0.5 coercion).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
    schemaErrorFormatter: formatSchemaErrors,
    // Bad percent-encoding in a URL and the like: answered in the service's encoding, not fastify's.
    frameworkErrors: frameworkErrorHandler(stats),
  };
  const app = Fastify(fastifyOptions);

  let closing = false;
  // Every response, errors and admin routes included, carries a request id (the SDK's $metadata.requestId).
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('x-amzn-requestid')) {
      reply.header('x-amzn-requestid', randomUUID());
    }
    if (closing) {
      // Responses still in flight when close() began must not leave a keep-alive socket holding the server open.
      reply.header('connection', 'close');
    }
    done(null, payload);
  });
  // Cut injected delays short so that closing never waits for a latency fault.
  app.addHook('preClose', (done) => {
    closing = true;
    delays.cancelAll();
    done();
  });

  registerProtocol(app, operations, { context, limiter, faults, stats, delays });
  warnAboutUnknownKeys(app, scenario, operations);
  await app.register(adminRoutes, {
    prefix: '/_sim',
    context,
    limiter,
    faults,
    stats,
    operations,
    startedAtMs: Date.now(),
  });
  await app.ready();

  return { app, context, operations, stats, limiter, faults };
}
