import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Bearer-token authentication of the proxy: every route needs `Authorization: Bearer <PROXY_TOKEN>` unless its
 * route config says `public: true` (/healthz) or `scrape: true` (/metrics: public, or with METRICS_TOKEN set, that
 * token; a token of its own so that Prometheus never holds the one that reaches AWS). Secure by default: a route
 * added later without thinking about auth is protected; requests that match no route under /api are refused before
 * the 404.
 *
 * Status: a refused proxy token is 403, not 401. /api/* is reached through Grafana's datasource proxy, which replaces
 * any upstream 401 by a bare 400 "Authentication to data source failed" (modifyResponse in Grafana's
 * pkg/api/pluginproxy/ds_proxy.go), so the user would never see what to fix; a 403 passes through unchanged with
 * this message. /metrics is scraped by Prometheus directly, never through Grafana, and keeps the standard 401 with a
 * Bearer challenge.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without the proxy token (liveness). */
    public?: boolean;
    /** Prometheus scraping: public, or METRICS_TOKEN when it is set; never the proxy token. */
    scrape?: boolean;
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

/** Which token a request needs: the proxy's, the scrape token (METRICS_TOKEN), or none. */
function tokenNeeded(request: FastifyRequest, scrapeProtected: boolean): 'proxy' | 'metrics' | undefined {
  if (request.routeOptions.url !== undefined) {
    const config = request.routeOptions.config;
    if (config?.scrape === true) {
      return scrapeProtected ? 'metrics' : undefined;
    }
    return config?.public === true ? undefined : 'proxy';
  }
  return needsProxyTokenWithoutRoute(request) ? 'proxy' : undefined;
}

function needsProxyTokenWithoutRoute(request: FastifyRequest): boolean {
  // No route matched: only the 404s of /api/* are hidden behind the token (an undecodable path is treated as /api);
  // slashes collapse as the router collapses them (ignoreDuplicateSlashes), so //api/x is /api/x.
  const path = decodedPath(request.url)?.replace(/\/{2,}/g, '/');
  return path === undefined || path === '/api' || path.startsWith('/api/');
}

type Refusal = 'missing' | 'malformed' | 'invalid';

function refuse(reply: FastifyReply, needed: 'proxy' | 'metrics', refusal: Refusal): FastifyReply {
  const error = MESSAGES[needed][refusal];
  if (needed === 'proxy') {
    return reply.code(403).send({ error, code: `proxy_token_${refusal}` });
  }
  return reply
    .code(401)
    .header(
      'www-authenticate',
      refusal === 'missing' ? 'Bearer realm="switchboard"' : 'Bearer realm="switchboard", error="invalid_token"'
    )
    .send({ error });
}

/** What to fix, in the words of the place where it is set: the datasource's settings page, and the proxy's env. */
const PROXY_TOKEN_FIX =
  'Set the same token in the datasource ("Proxy token" on its settings page) and in the proxy (PROXY_TOKEN; SWITCHBOARD_PROXY_TOKEN in the compose stack).';

const MESSAGES: Record<'proxy' | 'metrics', Record<Refusal, string>> = {
  proxy: {
    missing: `Missing proxy token: the request has no "Authorization: Bearer <PROXY_TOKEN>" header (the Switchboard datasource sends it when its proxy token is set). ${PROXY_TOKEN_FIX}`,
    malformed: `Malformed Authorization header: expected "Bearer <PROXY_TOKEN>". ${PROXY_TOKEN_FIX}`,
    invalid: `Invalid proxy token: it does not match the PROXY_TOKEN the proxy was started with. ${PROXY_TOKEN_FIX}`,
  },
  metrics: {
    missing:
      'Missing metrics token: /metrics needs the header "Authorization: Bearer <METRICS_TOKEN>" (Prometheus: authorization.credentials_file in the scrape config).',
    malformed: 'Malformed Authorization header: expected "Bearer <METRICS_TOKEN>".',
    invalid: 'Invalid metrics token: it does not match the METRICS_TOKEN the proxy was started with.',
  },
};

/**
 * Installs the check on the whole app (call it on the root instance, before the routes). `metricsToken`: the token
 * /metrics needs; undefined leaves /metrics public.
 */
export function registerAuth(app: FastifyInstance, token: string, metricsToken?: string): void {
  const expected = { proxy: sha256(token), metrics: sha256(metricsToken ?? token) };
  app.addHook('onRequest', async (request, reply) => {
    const needed = tokenNeeded(request, Boolean(metricsToken));
    if (needed === undefined) {
      return;
    }
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
    if (!match) {
      return refuse(reply, needed, header === undefined ? 'missing' : 'malformed');
    }
    if (!tokenMatches(match[1], expected[needed])) {
      return refuse(reply, needed, 'invalid');
    }
    return;
  });
}
