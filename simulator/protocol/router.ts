import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceName } from './awsError';
import { queryCodec, queryParams } from './codec';
import { encodeError, protocolErrors } from './encode';
import { codecOf, sendEncoded, serveCall, type CallTarget, type ProtocolDeps } from './pipeline';
import { readSigV4 } from './sigv4';
import { UNKNOWN_OPERATION, type Stats } from './stats';
import type { OperationSpec } from './types';

/**
 * One port for four services (aws-wire-spec.md, "Client config"):
 * - POST / with x-amz-target: AWS JSON 1.0 operations, by target prefix
 *   (GraniteServiceVersion20100801. = CloudWatch, VoiceID. = Voice ID);
 * - POST / with a form-encoded body and no x-amz-target (or GET /?Action=...): awsQuery, by the Action parameter
 *   (CloudWatch's older protocol, answered in XML);
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

/**
 * The xmlns of awsQuery errors that no operation claims (an unknown Action, a URL fastify cannot route). CloudWatch
 * is the only service here that speaks awsQuery; clients do not check the namespace of errors anyway.
 */
const QUERY_FALLBACK_NAMESPACE = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

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

/**
 * awsQuery requests: to `/`, without x-amz-target, with a form-encoded body (POST) or the Action in the URL (GET).
 * SDKs send `application/x-www-form-urlencoded` (botocore adds `; charset=utf-8`).
 */
export function isAwsQueryRequest(request: Pick<FastifyRequest, 'url' | 'headers' | 'method'>): boolean {
  const [path, search] = request.url.split('?', 2);
  if (path !== '/' || firstHeader(request.headers['x-amz-target'])) {
    return false;
  }
  // A query call signed for a service the simulator does not have (STS, when AWS_ENDPOINT_URL points a whole SDK
  // here) is not answered as CloudWatch: it gets the plain not-found answer, which that client cannot read.
  const auth = readSigV4(request.headers);
  if (auth.ok && !SIGNING_NAMES[auth.scope.service]) {
    return false;
  }
  const contentType = (firstHeader(request.headers['content-type']) ?? '').trim().toLowerCase();
  if (request.method === 'POST') {
    return contentType.startsWith('application/x-www-form-urlencoded');
  }
  return request.method === 'GET' && search !== undefined && new URLSearchParams(search).has('Action');
}

/** The service of an awsQuery request no Action claims: the signing name, else CloudWatch (the only one here). */
function queryServiceOf(request: Pick<FastifyRequest, 'headers'>): ServiceName {
  const auth = readSigV4(request.headers);
  return (auth.ok && SIGNING_NAMES[auth.scope.service]) || 'cloudwatch';
}

/** Checks operation specs before any route exists, so a bad spec fails the build with a message naming it. */
function indexOperations(operations: OperationSpec[]) {
  const byTarget = new Map<string, OperationSpec>();
  const byRoute = new Map<string, OperationSpec>();
  const byAction = new Map<string, OperationSpec>();
  for (const op of operations) {
    const label = `${op.service}:${op.name}`;
    if (!op.http === !op.target) {
      throw new Error(`operation ${label} needs exactly one of http (restJson1) or target (AWS JSON)`);
    }
    if (op.query) {
      if (!op.target) {
        throw new Error(`operation ${label}: awsQuery (query) is only spoken by AWS JSON operations (with target)`);
      }
      if (byAction.has(op.query.action)) {
        throw new Error(
          `operation ${label}: awsQuery Action ${op.query.action} is already registered by ${byAction.get(op.query.action)!.name}`
        );
      }
      byAction.set(op.query.action, op);
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
  return { byTarget, byRoute, byAction };
}

/**
 * Registers the AWS side of the simulator on the root instance: body handling, one route per restJson1
 * operation, POST / for the JSON protocols, and the not-found and error handlers.
 */
export function registerProtocol(app: FastifyInstance, operations: OperationSpec[], deps: ProtocolDeps): void {
  const { byTarget, byRoute, byAction } = indexOperations(operations);
  const namespaceOf = (service: ServiceName): string =>
    operations.find((o) => o.service === service && o.query)?.query?.xmlNamespace ?? QUERY_FALLBACK_NAMESPACE;

  const queryTargetOf = (request: FastifyRequest): CallTarget => {
    const params = queryParams(request.url, request.method === 'POST' ? request.body : undefined);
    const action = params.find(([name]) => name === 'Action')?.[1];
    const operation = action ? byAction.get(action) : undefined;
    if (operation) {
      return {
        service: operation.service,
        operation,
        awsQuery: { params, xmlNamespace: operation.query!.xmlNamespace },
      };
    }
    const service = queryServiceOf(request);
    const version = params.find(([name]) => name === 'Version')?.[1];
    return {
      service,
      awsQuery: { params, xmlNamespace: namespaceOf(service) },
      unknown: action
        ? {
            message: `Could not find operation ${clip(action)} for version ${clip(version ?? '(none)')}`,
            status: 400,
            queryCode: 'InvalidAction',
          }
        : { message: 'The request must contain the parameter Action.', status: 400, queryCode: 'MissingAction' },
    };
  };

  // The SDKs send application/json, application/x-amz-json-1.0 or nothing at all; AWS does not care.
  // Take every body as a string and let the pipeline parse it, so malformed JSON gets the service's own error.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const targetOf = (request: FastifyRequest): CallTarget => {
    if (isAwsQueryRequest(request)) {
      return queryTargetOf(request);
    }
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
    return sendEncoded(reply, codecOf(target).error(awsError));
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
    const awsQuery = isAwsQueryRequest(request);
    const service = awsQuery ? queryServiceOf(request) : classifyService(request);
    stats.record(service, UNKNOWN_OPERATION, 'client_error', 0);
    const awsError = protocolErrors.badRequest(service, error.message, status);
    // The body is not read yet here: the XML error needs no parameters.
    return sendEncoded(
      reply,
      awsQuery ? queryCodec([], QUERY_FALLBACK_NAMESPACE, undefined).error(awsError) : encodeError(service, awsError)
    );
  };
}
