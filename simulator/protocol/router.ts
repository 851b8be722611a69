import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceName } from './awsError';
import { encodeError, protocolErrors } from './encode';
import { sendEncoded, serveCall, type CallTarget, type ProtocolDeps } from './pipeline';
import { readSigV4 } from './sigv4';
import { UNKNOWN_OPERATION, type Stats } from './stats';
import type { OperationSpec } from './types';

/**
 * One port for four services (aws-wire-spec.md, "Client config"):
 * - POST / with x-amz-target: AWS JSON 1.0 operations, by target prefix
 *   (GraniteServiceVersion20100801. = CloudWatch, VoiceID. = Voice ID);
 * - any other request: restJson1 routes by method and path (/voice-connectors = Chime SDK Voice, the rest Connect).
 * Requests that match nothing are still answered in the encoding of the service they were meant for: by target
 * prefix, by path, or by the service named in the SigV4 credential scope.
 */

export const TARGET_PREFIXES: ReadonlyArray<readonly [string, ServiceName]> = [
  ['GraniteServiceVersion20100801.', 'cloudwatch'],
  ['VoiceID.', 'voiceid'],
];

/** SigV4 signing names of the four services. */
const SIGNING_NAMES: Record<string, ServiceName> = {
  connect: 'connect',
  monitoring: 'cloudwatch',
  chime: 'chime',
  voiceid: 'voiceid',
};

/** Routes the admin API owns; no AWS operation may be registered under them. */
export const ADMIN_PREFIX = '/_sim';

const firstHeader = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

export function serviceOfTarget(target: string): ServiceName | undefined {
  return TARGET_PREFIXES.find(([prefix]) => target.startsWith(prefix))?.[1];
}

/** The service a request addresses, for requests no operation claims. */
export function classifyService(request: Pick<FastifyRequest, 'url' | 'headers'>): ServiceName {
  const target = firstHeader(request.headers['x-amz-target']);
  const byTarget = target ? serviceOfTarget(target) : undefined;
  if (byTarget) {
    return byTarget;
  }
  const path = request.url.split('?')[0];
  if (path === '/voice-connectors' || path.startsWith('/voice-connectors/')) {
    return 'chime';
  }
  const auth = readSigV4(request.headers);
  return (auth.ok && SIGNING_NAMES[auth.scope.service]) || 'connect';
}

const clip = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max)}...` : text);

/** Checks operation specs before any route exists, so a bad spec fails the build with a message naming it. */
function indexOperations(operations: OperationSpec[]) {
  const byTarget = new Map<string, OperationSpec>();
  const byRoute = new Map<string, OperationSpec>();
  for (const op of operations) {
    const label = `${op.service}:${op.name}`;
    if (!op.http === !op.target) {
      throw new Error(`operation ${label} needs exactly one of http (restJson1) or target (AWS JSON)`);
    }
    if (op.target) {
      if (byTarget.has(op.target)) {
        throw new Error(
          `operation ${label}: x-amz-target ${op.target} is already registered by ${byTarget.get(op.target)!.name}`
        );
      }
      if (!serviceOfTarget(op.target)) {
        throw new Error(
          `operation ${label}: x-amz-target ${op.target} has no known service prefix (${TARGET_PREFIXES.map(([p]) => p).join(', ')})`
        );
      }
      byTarget.set(op.target, op);
    } else if (op.http) {
      const { method, path } = op.http;
      if (!path.startsWith('/') || path === '/' || path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
        throw new Error(
          `operation ${label}: path ${path} is reserved or invalid (/ belongs to the JSON protocols, ${ADMIN_PREFIX} to the admin API)`
        );
      }
      const key = `${method} ${path}`;
      if (byRoute.has(key)) {
        throw new Error(`operation ${label}: route ${key} is already registered by ${byRoute.get(key)!.name}`);
      }
      byRoute.set(key, op);
    }
  }
  return { byTarget, byRoute };
}

/**
 * Registers the AWS side of the simulator on the root instance: body handling, one route per restJson1
 * operation, POST / for the JSON protocols, and the not-found and error handlers.
 */
export function registerProtocol(app: FastifyInstance, operations: OperationSpec[], deps: ProtocolDeps): void {
  const { byTarget, byRoute } = indexOperations(operations);

  // The SDKs send application/json, application/x-amz-json-1.0 or nothing at all; AWS does not care.
  // Take every body as a string and let the pipeline parse it, so malformed JSON gets the service's own error.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const targetOf = (request: FastifyRequest): CallTarget => {
    if (request.method === 'POST' && request.url.split('?')[0] === '/') {
      const target = firstHeader(request.headers['x-amz-target']);
      if (target === undefined || target === '') {
        return {
          service: classifyService(request),
          unknown: { message: 'POST / needs an x-amz-target header', status: 404 },
        };
      }
      const operation = byTarget.get(target);
      return operation
        ? { service: operation.service, operation }
        : {
            service: classifyService(request),
            unknown: { message: `Unknown operation ${clip(JSON.stringify(target))}`, status: 400 },
          };
    }
    const operation = request.routeOptions.url
      ? byRoute.get(`${request.method} ${request.routeOptions.url}`)
      : undefined;
    return operation
      ? { service: operation.service, operation }
      : {
          service: classifyService(request),
          unknown: {
            message: `No operation matches ${request.method} ${clip(request.url.split('?')[0])}`,
            status: 404,
          },
        };
  };

  for (const op of byRoute.values()) {
    const target: CallTarget = { service: op.service, operation: op };
    app.route({
      method: op.http!.method,
      url: op.http!.path,
      handler: (request, reply) => serveCall(request, reply, target, deps),
    });
  }
  app.post('/', (request, reply) => serveCall(request, reply, targetOf(request), deps));
  app.setNotFoundHandler((request, reply) => serveCall(request, reply, targetOf(request), deps));

  // Errors raised by fastify before a handler runs: body too large, a Content-Type that is not a media type...
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const target = targetOf(request);
    const status = error.statusCode ?? 500;
    let awsError;
    if (status >= 400 && status < 500) {
      awsError = protocolErrors.badRequest(target.service, error.message, status);
      deps.stats.record(target.service, target.operation?.name ?? UNKNOWN_OPERATION, 'client_error', 0);
    } else {
      request.log.error({ err: error }, 'request failed outside an operation handler');
      awsError = protocolErrors.internal(target.service);
      deps.stats.record(target.service, target.operation?.name ?? UNKNOWN_OPERATION, 'server_error', 0);
    }
    return sendEncoded(reply, encodeError(target.service, awsError));
  });
}

/**
 * fastify's `frameworkErrors` option: errors raised while routing, before any route context exists (a URL that is
 * not valid percent-encoding, a path parameter over maxParamLength). AWS paths get the service's 400 (or 414);
 * admin paths get the admin JSON error shape.
 */
export function frameworkErrorHandler(stats: Stats) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
    reply.header('x-amzn-requestid', randomUUID());
    if (request.url.startsWith(`${ADMIN_PREFIX}/`)) {
      return reply.code(status).send({ statusCode: status, error: 'Bad Request', message: error.message });
    }
    const service = classifyService(request);
    stats.record(service, UNKNOWN_OPERATION, 'client_error', 0);
    return sendEncoded(reply, encodeError(service, protocolErrors.badRequest(service, error.message, status)));
  };
}
