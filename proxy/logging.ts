import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

/**
 * The proxy's log settings (pino, through fastify). Secrets arrive in headers on every request: the proxy token
 * (Authorization) and the datasource's AWS secret key and external id. Two layers keep them out of the logs:
 * request serializers that print no headers at all, and redaction of those headers and of anything named like a
 * secret, should some code log a raw request or a settings object anyway.
 */

/** Headers that carry secrets (the access key id is not secret, but it names an account's user: kept out too). */
export const SECRET_HEADERS = [
  'authorization',
  'x-switchboard-secret-key',
  'x-switchboard-access-key',
  'x-switchboard-external-id',
] as const;

const SECRET_NAMES = [
  'token',
  'secret',
  'password',
  'authorization',
  'secretAccessKey',
  'sessionToken',
  'externalId',
  'proxyToken',
];

/** pino redaction paths: the secret headers wherever a request is logged, and secret-named fields two levels deep. */
export const REDACT_PATHS = [
  ...SECRET_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `request.headers["${h}"]`, `headers["${h}"]`]),
  ...SECRET_NAMES.flatMap((n) => [n, `*.${n}`, `*.*.${n}`]),
];

export const REDACTED = '[redacted]';

/** What a request looks like in the log: method, URL and who asked; never headers or bodies. */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: request.url,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export function serializeReply(reply: FastifyReply): Record<string, unknown> {
  return { statusCode: reply.statusCode };
}

/** fastify `logger` options for the proxy at `level`. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: {
      req: serializeRequest as (req: unknown) => Record<string, unknown>,
      res: serializeReply as (res: unknown) => Record<string, unknown>,
    },
  };
}
