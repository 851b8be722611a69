import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';
import { AWS_HEADERS } from '../src/connect/proxyApi';

/**
 * The proxy's log settings (pino, through fastify). Secrets arrive in headers on every request: the proxy token
 * (Authorization) and the datasource's AWS secret key and external id. Two layers keep them out of the logs:
 * request serializers that print no headers at all, and redaction of those headers and of anything named like a
 * secret, should some code log a raw request or a settings object anyway.
 */

/** Headers that carry secrets (the access key id is not secret, but it names an account's user: kept out too). */
export const SECRET_HEADERS = [
  'authorization',
  AWS_HEADERS.secretAccessKey,
  AWS_HEADERS.accessKeyId,
  AWS_HEADERS.externalId,
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

/**
 * The query parameters of the proxy's routes, which the log keeps. Any other parameter is redacted, name and value:
 * a caller that puts the token (or a key) in the URL by mistake, `?access_token=...`, is refused, and its URL must
 * not carry the secret into the log. Fail-safe: a parameter added to a route later is logged redacted until it is
 * listed here.
 */
export const LOGGED_QUERY_PARAMS: readonly string[] = [
  'region',
  'instanceId',
  'namespace',
  'metricName',
  'dimensionKey',
  'dimensions',
  'queueTypes',
];

/** The URL as the log shows it: the path, and the query with every unknown parameter redacted. */
export function loggedUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) {
    return url;
  }
  const params = url
    .slice(q + 1)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      const raw = eq < 0 ? part : part.slice(0, eq);
      let name = raw;
      try {
        name = decodeURIComponent(raw.replace(/\+/g, ' '));
      } catch {
        // an undecodable name is none of ours: redacted below
      }
      if (LOGGED_QUERY_PARAMS.includes(name)) {
        return part;
      }
      // Name and value: a bare `?<something>` or an odd name could be the token itself.
      return REDACTED;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

/** A request in the log: method, URL (unknown query parameters redacted), who asked; never headers or bodies. */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    // pino applies this to any `req` logged, not only fastify's requests: a url may be missing.
    url: typeof request.url === 'string' ? loggedUrl(request.url) : request.url,
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
