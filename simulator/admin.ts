import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifySchemaValidationError, FastifyServerOptions } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { FaultSchema, ApiQuotaSchema } from './scenario/schema';
import { MAX_LATENCY_MS, type FaultInjector } from './protocol/faults';
import type { Stats } from './protocol/stats';
import type { RequestThrottle } from './protocol/throttle';
import { schemaErrorsMessage } from '../src/connect/proxyApi/fieldPath';
import type { OperationSpec, SimulatorContext } from './protocol/types';

/**
 * The admin API under /_sim/ (no authentication: it is a test and demo tool on a loopback port). Route schemas
 * are TypeBox, so they validate the request and type the handler at once; bodies are read as JSON whatever
 * their Content-Type, so `curl -d '{...}'` works without -H.
 *
 *   GET    /_sim/health
 *   GET    /_sim/stats              DELETE /_sim/stats            call counters per service/operation/outcome
 *   GET    /_sim/clock              POST   /_sim/clock            {freeze: true|ISO} | {resume: true} | {set: ISO} | {advanceSeconds: n}
 *   GET    /_sim/faults             PUT    /_sim/faults           DELETE /_sim/faults
 *   GET    /_sim/quotas             PUT    /_sim/quotas           DELETE /_sim/quotas
 *   GET    /_sim/scenario
 */

export interface AdminOptions {
  context: SimulatorContext;
  limiter: RequestThrottle;
  faults: FaultInjector;
  stats: Stats;
  operations: OperationSpec[];
  /** Real time the simulator started, ms. */
  startedAtMs: number;
}

/** Ten years either way: enough for any test, small enough that the clock stays a valid date. */
const MAX_ADVANCE_SECONDS = 10 * 366 * 86400;

const IsoTime = Type.String({
  format: 'date-time',
  description: 'ISO-8601 instant with a time zone, e.g. 2026-11-22T10:00:00Z',
});

export const ClockCommandSchema = Type.Object(
  {
    freeze: Type.Optional(
      Type.Union([Type.Literal(true), IsoTime], { description: 'stop time now, or at an instant' })
    ),
    resume: Type.Optional(Type.Literal(true)),
    set: Type.Optional(IsoTime),
    advanceSeconds: Type.Optional(Type.Number({ minimum: -MAX_ADVANCE_SECONDS, maximum: MAX_ADVANCE_SECONDS })),
  },
  { additionalProperties: false, minProperties: 1, maxProperties: 1 }
);

/** The scenario's fault shape, with a ceiling on latency (a runtime typo must not park requests for days). */
export const AdminFaultSchema = Type.Object(
  { ...FaultSchema.properties, latencyMs: Type.Optional(Type.Number({ minimum: 0, maximum: MAX_LATENCY_MS })) },
  { additionalProperties: false }
);
export const FaultTableSchema = Type.Record(Type.String(), AdminFaultSchema);
export const QuotaUpdateSchema = Type.Record(Type.String(), Type.Union([ApiQuotaSchema, Type.Null()]));

type SchemaErrorDataVar = Parameters<NonNullable<FastifyServerOptions['schemaErrorFormatter']>>[1];

/** fastify's schemaErrorFormatter: "<field>: <rule>" per field, as the proxy words them (fieldPath.ts). */
export const formatSchemaErrors = (errors: FastifySchemaValidationError[], dataVar: SchemaErrorDataVar): Error =>
  new Error(schemaErrorsMessage(errors, dataVar));

function httpError(statusCode: number, message: string): Error & { statusCode: number } {
  return Object.assign(new Error(message), { statusCode });
}

/** Operation keys the admin tables accept: an operation name, "service:Operation", or "*" (faults only). */
function checkOperationKeys(keys: string[], operations: OperationSpec[], allowStar: boolean): void {
  const known = new Set<string>(allowStar ? ['*'] : []);
  for (const op of operations) {
    known.add(op.name);
    known.add(`${op.service}:${op.name}`);
  }
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length) {
    const names = [...new Set(operations.map((o) => o.name))].sort().join(', ');
    throw httpError(
      400,
      `body: unknown operation ${unknown.map((k) => JSON.stringify(k.slice(0, 80))).join(', ')}; use ${allowStar ? '"*", ' : ''}an operation name (${names}) or "service:Operation"`
    );
  }
}

export const adminRoutes: FastifyPluginAsyncTypebox<AdminOptions> = async (app, options) => {
  const { context, limiter, faults, stats, operations, startedAtMs } = options;
  const { clock, world, model } = context;

  // Admin bodies are JSON whatever their Content-Type (the AWS routes take raw strings; see protocol/router.ts).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(
        null,
        JSON.parse(text, (key, v: unknown) => (key === '__proto__' ? undefined : v))
      );
    } catch (err) {
      done(httpError(400, `body is not valid JSON: ${(err as Error).message}`), undefined);
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'admin request failed');
    }
    return reply.code(status).send({
      statusCode: status,
      error: STATUS_CODES[status],
      message: status >= 500 ? 'Internal error' : error.message,
    });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `No admin route ${request.method} ${request.url.split('?')[0].slice(0, 200)}; routes: health, stats, clock, faults, quotas, scenario under /_sim/`,
    })
  );

  const clockView = () => {
    const state = clock.state();
    return { mode: state.mode, now: new Date(state.nowMs).toISOString(), nowMs: state.nowMs, offsetMs: state.offsetMs };
  };

  app.get('/health', async () => ({
    status: 'ok',
    scenario: world.scenario.name,
    seed: world.seed,
    uptimeSeconds: Math.round((Date.now() - startedAtMs) / 1000),
    clock: clockView(),
  }));

  app.get('/stats', async () => ({
    ...stats.snapshot(),
    model: { simulatedEpochs: model.simulatedEpochs, cachedEpochs: model.cachedEpochs() },
  }));
  app.delete('/stats', async () => {
    stats.reset();
    return stats.snapshot();
  });

  app.get('/clock', async () => clockView());
  app.post('/clock', { schema: { body: ClockCommandSchema } }, async (request) => {
    const command = request.body;
    if (command.freeze !== undefined) {
      clock.freeze(command.freeze === true ? undefined : Date.parse(command.freeze));
    } else if (command.resume !== undefined) {
      clock.resume();
    } else if (command.set !== undefined) {
      clock.set(Date.parse(command.set));
    } else if (command.advanceSeconds !== undefined) {
      clock.advance(command.advanceSeconds * 1000);
    }
    return clockView();
  });

  app.get('/faults', async () => faults.table());
  app.put('/faults', { schema: { body: FaultTableSchema } }, async (request) => {
    checkOperationKeys(Object.keys(request.body), operations, true);
    faults.set(request.body);
    return faults.table();
  });
  app.delete('/faults', async () => {
    faults.clear();
    return faults.table();
  });

  const quotaView = () => ({
    enforced: limiter.enforced,
    quotas: limiter.table(operations),
    runtimeOverrides: limiter.runtimeOverrides(),
  });
  app.get('/quotas', async () => quotaView());
  app.put('/quotas', { schema: { body: QuotaUpdateSchema } }, async (request) => {
    checkOperationKeys(Object.keys(request.body), operations, false);
    limiter.setRuntime(request.body);
    return quotaView();
  });
  app.delete('/quotas', async () => {
    limiter.resetRuntime();
    return quotaView();
  });

  app.get('/scenario', async () => ({
    name: world.scenario.name,
    description: world.scenario.description,
    seed: world.seed,
    accountId: world.accountId,
    instances: world.instances.map((i) => ({
      id: i.id,
      arn: i.arn,
      alias: i.alias,
      region: i.region,
      queues: i.queues.map((q) => ({ id: q.id, name: q.name, type: q.type })),
      routingProfiles: i.routingProfiles.map((r) => ({ id: r.id, name: r.name })),
      agents: i.agents.length,
    })),
    voiceConnectors: world.voiceConnectors.map((v) => ({ id: v.id, name: v.name, region: v.region, arn: v.arn })),
    voiceIdDomains: world.voiceIdDomains.map((d) => ({ id: d.id, name: d.name, region: d.region, arn: d.arn })),
    appIntegrations: world.appIntegrations.map((a) => ({
      name: a.name,
      region: a.region,
      type: a.spec.type,
      arn: a.arn,
    })),
    operations: operations.map((o) => ({ service: o.service, name: o.name })),
  }));
};
