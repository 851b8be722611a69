import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Bearer-token authentication of the proxy: every route needs `Authorization: Bearer <PROXY_TOKEN>` unless its
 * route config says `public: true` (/healthz and /metrics). Secure by default: a route added later without
 * thinking about auth is protected; requests that match no route under /api are refused before the 404.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without the proxy token (liveness and Prometheus scraping). */
    public?: boolean;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Compares over SHA-256 digests: equal lengths whatever the candidate, so neither the comparison time nor an
 * early length check tells an attacker anything about the token.
 */
export function tokenMatches(candidate: string, expectedDigest: Buffer): boolean {
  return timingSafeEqual(sha256(candidate), expectedDigest);
}

/** The path part of the URL, percent-decoded (as the router decodes it), lower-cased; undefined if undecodable. */
function decodedPath(url: string): string | undefined {
  const path = url.split('?')[0];
  try {
    return decodeURIComponent(path).toLowerCase();
  } catch {
    return undefined;
  }
}

function needsToken(request: FastifyRequest): boolean {
  if (request.routeOptions.url !== undefined) {
    return request.routeOptions.config?.public !== true;
  }
  // No route matched: only the 404s of /api/* are hidden behind the token (an undecodable path is treated as /api).
  const path = decodedPath(request.url);
  return path === undefined || path === '/api' || path.startsWith('/api/');
}

function refuse(reply: FastifyReply, error: string, invalid: boolean): FastifyReply {
  return reply
    .code(401)
    .header(
      'www-authenticate',
      invalid ? 'Bearer realm="switchboard", error="invalid_token"' : 'Bearer realm="switchboard"'
    )
    .send({ error });
}

/** Installs the check on the whole app (call it on the root instance, before the routes). */
export function registerAuth(app: FastifyInstance, token: string): void {
  const expected = sha256(token);
  app.addHook('onRequest', async (request, reply) => {
    if (!needsToken(request)) {
      return;
    }
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
    if (!match) {
      return refuse(
        reply,
        header === undefined
          ? 'Missing proxy token: send the header "Authorization: Bearer <PROXY_TOKEN>" (the Switchboard datasource does this when its proxy token is set).'
          : 'Malformed Authorization header: expected "Bearer <PROXY_TOKEN>".',
        header !== undefined
      );
    }
    if (!tokenMatches(match[1], expected)) {
      return refuse(reply, 'Invalid proxy token: it does not match the PROXY_TOKEN the proxy was started with.', true);
    }
    return;
  });
}
