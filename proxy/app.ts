import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { fieldPath, schemaErrorsMessage } from '../src/connect/proxyApi';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifySchemaValidationError,
  type FastifyServerOptions,
} from 'fastify';
import { registerAuth } from './auth';
import { AwsClients } from './aws/clients';
import { registerAwsContext } from './aws/requestContext';
import type { ProxyConfig } from './config.types';
import { realtimeStack, type ProxyContext, type UpstreamContext } from './context';
import { Exporter } from './exporter/exporter';
import { ProxyError } from './errors';
import { loggerOptions } from './logging';
import { createMetrics } from './metrics';
import { createRedisSharing, type RedisSharingOptions } from './redis/sharing';
import { resourceLoaders } from './resources';
import { healthRoutes } from './routes/health';
import { queryRoutes } from './routes/query';
import { resourceRoutes } from './routes/resources';
import { TtlCache, type LookupOutcome } from './upstream/cache';
import { RateLimiter } from './upstream/rateLimiter';

/**
 * Builds the proxy's fastify app without listening (server.ts listens; tests use app.inject() or port 0):
 * authentication, the health, resource and query routes, JSON errors everywhere, and the shared context (caches,
 * rate limiter, metrics, AWS clients).
 */

export interface BuildProxyOptions {
  /** fastify logger: false for none, or pino options merged over the proxy's (redaction stays). Default: on. */
  logger?: boolean | object;
  /** Share AWS clients (tests inject credentials); default: a new factory, closed with the app. */
  awsClients?: AwsClients;
  /** Page size of the resource lists (tests use small pages to see paging). Default: each API's maximum. */
  resourcePageSize?: number;
  /** Timeout of each /api/health check. Default 5000 ms. */
  healthCheckTimeoutMs?: number;
  /** AWS's now (ProxyContext.dataClock; tests: the simulator's frozen time). Default: Date.now. */
  dataClock?: () => number;
  /** With REDIS_URL: shorter locks, waits and cooldowns for tests (proxy/redis/sharing.ts). */
  redisTimings?: RedisSharingOptions['timings'];
}

export interface Proxy {
  app: FastifyInstance;
  ctx: ProxyContext;
  /** The AWS clients of this app (with the credentials of each datasource). */
  awsClients: AwsClients;
  /** The Prometheus exporter of Connect metrics, when EXPORTER_INSTANCES turns it on (it is polling already). */
  exporter?: Exporter;
  close(): Promise<void>;
}

type SchemaErrorDataVar = Parameters<NonNullable<FastifyServerOptions['schemaErrorFormatter']>>[1];

/** Shares of CACHE_MAX_MB: CloudWatch series are the bulk; real-time pages are small and short-lived. */
const CACHE_SHARES = { realtime: 0.1, cloudwatch: 0.7, resources: 0.2 };

/** Schema errors in the shape of every other rejection, "<field>: <rule>" (src/connect/proxyApi/fieldPath.ts). */
export const formatSchemaErrors = (errors: FastifySchemaValidationError[], dataVar: SchemaErrorDataVar): Error =>
  new Error(schemaErrorsMessage(errors, dataVar));

function loggerOption(config: ProxyConfig, logger: BuildProxyOptions['logger']): boolean | object {
  if (logger === false) {
    return false;
  }
  return { ...loggerOptions(config.logLevel), ...(typeof logger === 'object' ? logger : {}) };
}

export async function buildProxy(config: ProxyConfig, options: BuildProxyOptions = {}): Promise<Proxy> {
  const app = Fastify({
    logger: loggerOption(config, options.logger),
    bodyLimit: config.bodyLimitBytes,
    // Connect ids can be full ARNs, longer than find-my-way's default of 100 characters. Duplicate slashes: the
    // datasource's routes append /api/... to the proxy URL, which may end with a slash (provisioned by hand).
    routerOptions: { maxParamLength: 2048, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    schemaErrorFormatter: formatSchemaErrors,
    // A URL that cannot be decoded never reaches a route (nor the auth hook): answered in the proxy's error shape.
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).code(400).send({ error: error.message });
    },
    // A client that declares more body than it sends must not hold a connection forever.
    requestTimeout: 120_000,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const metrics = createMetrics();
  // Replicas share through Redis only when it is configured; it never blocks the start (it connects meanwhile).
  const redis = config.redisUrl
    ? createRedisSharing({
        url: config.redisUrl,
        keyPrefix: config.redisKeyPrefix ?? 'switchboard:',
        awsEndpointUrl: config.awsEndpointUrl,
        log: app.log,
        registry: metrics.registry,
        rateLimitMaxWaitMs: config.rateLimitMaxWaitMs,
        timings: options.redisTimings,
      })
    : undefined;
  if (redis) {
    app.addHook('onClose', async () => redis.close());
  }
  const onLookup = (cache: string, outcome: LookupOutcome) => metrics.cacheLookups.inc({ cache, outcome });
  const cache = (name: keyof typeof CACHE_SHARES) =>
    new TtlCache(name, {
      maxBytes: Math.floor(config.cacheMaxBytes * CACHE_SHARES[name]),
      onLookup,
      // Passthrough switches off the data caches only: the lists (names, ListMetrics) stay cached, so that the
      // comparison measures the data calls that grow with viewers.
      passthrough: config.cacheMode === 'passthrough' && name !== 'resources',
      retryAfterFailureMs: config.staleRetryMs,
      shared: redis?.tier,
    });
  const caches = { realtime: cache('realtime'), cloudwatch: cache('cloudwatch'), resources: cache('resources') };
  const shared: UpstreamContext = {
    config,
    dataClock: options.dataClock ?? Date.now,
    log: app.log,
    metrics,
    limiter: new RateLimiter({
      quotas: config.upstreamQuotas,
      maxWaitMs: config.rateLimitMaxWaitMs,
      onWait: (api, waitMs) => metrics.rateLimiterWait.observe({ api }, waitMs / 1000),
      shared: redis?.buckets,
    }),
    caches,
    realtime: realtimeStack(config, caches.realtime),
    ...(redis ? { redis } : {}),
  };
  const ctx: ProxyContext = { ...shared, resources: resourceLoaders(shared, { pageSize: options.resourcePageSize }) };

  const ownsClients = options.awsClients === undefined;
  const awsClients = options.awsClients ?? new AwsClients(config);
  if (ownsClients) {
    app.addHook('onClose', async () => awsClients.close());
  }

  // The AWS side of each request that works with AWS, from its X-Switchboard-* headers (aws/requestContext.ts).
  registerAwsContext(app, awsClients, { region: config.awsRegion });

  // Request durations by route pattern (never the URL: ids in paths would explode the label set).
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { route: request.routeOptions.url ?? '(no route)', method: request.method, status: String(reply.statusCode) },
      reply.elapsedTime / 1000
    );
  });

  // The one error handler: the proxy's own errors (ProxyError: a query, a parameter, a header, AWS) with their status
  // and code; fastify's (schema, body) in the "<field>: <rule>" shape; anything else a 500 that points to the log.
  app.setErrorHandler((error: FastifyError | ProxyError, request, reply) => {
    if (error instanceof ProxyError) {
      return reply.code(error.status).send(error.body());
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      // Internal details stay in the log; the response says where to look.
      request.log.error({ err: error }, 'request failed');
      return reply.code(status).send({
        error: `The proxy failed to answer this request; its log has the details (request id ${request.id}).`,
      });
    }
    // Fastify's own body errors (not JSON, empty, too large) in the "<field>: <rule>" shape of every rejection.
    if (error.code?.startsWith('FST_ERR_CTP_') && !error.message.startsWith('body')) {
      return reply.code(status).send({ error: `body: ${error.message}` });
    }
    return reply.code(status).send({ error: error.message });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: `No route ${request.method} ${request.url.split('?')[0]}: the proxy serves GET /healthz, GET /metrics, GET /api/health, GET /api/resources/{kind} and POST /api/query.`,
    })
  );

  registerAuth(app, config.token, config.metricsToken);
  await app.register(healthRoutes, { ctx, checkTimeoutMs: options.healthCheckTimeoutMs });
  await app.register(resourceRoutes, { ctx });
  await app.register(queryRoutes, { ctx });
  // The exporter (docs/exporter.md) asks with the proxy's own identity, like a datasource of auth type default, so
  // its queries and a default dashboard's share cache entries and calls.
  const exporter = config.exporter
    ? new Exporter({
        ctx,
        aws: awsClients.forSettings({ region: config.exporter.region, authType: 'default' }),
        settings: config.exporter,
        dataClock: ctx.dataClock,
      })
    : undefined;
  if (exporter) {
    app.addHook('onClose', async () => exporter.stop());
  }
  await app.ready();
  exporter?.start();

  return { app, ctx, awsClients, ...(exporter ? { exporter } : {}), close: () => app.close() };
}
