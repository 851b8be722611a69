import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import path from 'node:path';
import { interpolateRouteTemplate, type RouteTemplateData } from './routeTemplate';

/**
 * What Grafana's datasource proxy (GET|POST|... /api/datasources/proxy/uid/<uid>/<path>) does to a request and to
 * its answer, as pure functions the host server (hostServer.ts) applies. Read from Grafana's source; each function
 * names the Go file and function it follows:
 *   pkg/services/datasourceproxy/datasourceproxy.go   proxyDatasourceRequest, extractProxyPath
 *   pkg/api/pluginproxy/ds_proxy.go                    validateRequest (route matching), hasAccessToRoute, director,
 *                                                      HandleRequest's modifyResponse (401 -> 400)
 *   pkg/api/pluginproxy/ds_auth_provider.go            ApplyRoute (url, headers of the matched route)
 *   pkg/util/proxyutil/reverse_proxy.go                NewReverseProxy: modifyResponse, errorHandler (502/504/499)
 *   pkg/util/proxyutil/proxyutil.go                    PrepareProxyRequest, ClearCookieHeader, SetProxyResponseHeaders
 *   Go's net/http/httputil ReverseProxy                hop-by-hop headers, X-Forwarded-For
 * Settings are Grafana's defaults: send_user_header false, forward_user_agent false, login cookie "grafana_session",
 * [dataproxy] timeout 30 s.
 */

export type OrgRole = 'Admin' | 'Editor' | 'Viewer' | 'None';

export interface RouteHeader {
  name: string;
  content: string;
}

export interface PluginRoute {
  path: string;
  method?: string;
  url?: string;
  reqRole?: string;
  reqAction?: string;
  headers?: RouteHeader[];
  urlParams?: RouteHeader[];
  tokenAuth?: unknown;
  jwtTokenAuth?: unknown;
  body?: unknown;
}

/** The signed-in user as the data proxy sees it: an org role and the RBAC actions it grants (on every datasource). */
export interface ProxyUser {
  role: OrgRole;
  actions: Set<string>;
}

/** The Grafana release the host plays (package.json's @grafana/* and the Dockerfile's GRAFANA_VERSION). */
export const GRAFANA_VERSION = '12.4.10';
/** [dataproxy] timeout in grafana.ini (seconds) */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** ds_proxy.go HandleRequest: the body of the 400 that replaces an upstream 401. */
export const REWRITTEN_401_BODY = 'Authentication to data source failed';
/** ds_proxy.go errPluginProxyRouteAccessDenied */
export const ROUTE_ACCESS_DENIED = 'plugin proxy route access denied';
const LOGIN_COOKIE = 'grafana_session';

/**
 * The datasource actions of Grafana's basic roles (OSS defaults): every role that can use a datasource may query
 * it; only Admin may edit it.
 */
export function userWithRole(role: OrgRole): ProxyUser {
  const actions: Record<OrgRole, string[]> = {
    None: [],
    Viewer: ['datasources:query'],
    Editor: ['datasources:query', 'datasources:explore'],
    Admin: ['datasources:query', 'datasources:explore', 'datasources:read', 'datasources:write', 'datasources:delete'],
  };
  return { role, actions: new Set(actions[role]) };
}

/** org.RoleType.Includes: Admin includes every role, Editor all but Admin, Viewer itself and None. */
function roleIncludes(role: OrgRole, needed: OrgRole): boolean {
  switch (role) {
    case 'Admin':
      return true;
    case 'Editor':
      return needed !== 'Admin';
    case 'Viewer':
      return needed === 'Viewer' || needed === 'None';
    default:
      return needed === 'None';
  }
}

const ROLES: readonly string[] = ['Admin', 'Editor', 'Viewer', 'None'];

/** datasourceproxy.go extractProxyPath: what follows /api/datasources/proxy/uid/<uid>/ in the escaped path. */
export function extractProxyPath(escapedPath: string): string {
  return escapedPath.replace(/^\/api\/datasources\/proxy\/(\d+|uid\/[\w-]+)\/?/, '');
}

/**
 * plugins.CleanRelativePath (pkg/plugins/utils.go): the path cleaned as if rooted at "/" and made relative again,
 * so "a/../b" is "b" and nothing climbs above the root. "" and "/" give ".".
 */
export function cleanRelativePath(p: string): string {
  const rel = path.posix.relative('/', path.posix.normalize(path.posix.join('/', p)));
  return rel === '' ? '.' : rel;
}

export type RouteMatch =
  | { kind: 'matched'; route: PluginRoute }
  | { kind: 'denied'; route: PluginRoute }
  /** No route: Grafana proxies to the datasource's own URL, which Switchboard's datasource leaves empty. */
  | { kind: 'none' };

/**
 * ds_proxy.go validateRequest: the first route, in plugin.json order, whose method is empty, "*" or the request's
 * (compared as written: no comma lists) and whose cleaned path prefixes the cleaned proxy path. Its reqAction (RBAC,
 * scoped to this datasource) or else its reqRole must be met (hasAccessToRoute), or the request is refused with 403;
 * later routes are not tried.
 */
export function matchRoute(routes: PluginRoute[], method: string, proxyPath: string, user: ProxyUser): RouteMatch {
  for (const route of routes) {
    if (route.method && route.method !== '*' && route.method !== method) {
      continue;
    }
    // issues/116273 in Grafana: an input that cleans to "." compares as "".
    let requested = cleanRelativePath(proxyPath);
    let prefix = cleanRelativePath(route.path);
    if (requested === '.' && proxyPath !== '.') {
      requested = '';
    }
    if (prefix === '.' && route.path !== '.') {
      prefix = '';
    }
    if (!requested.startsWith(prefix)) {
      continue;
    }
    return { kind: hasAccessToRoute(route, user) ? 'matched' : 'denied', route };
  }
  return { kind: 'none' };
}

function hasAccessToRoute(route: PluginRoute, user: ProxyUser): boolean {
  if (route.reqAction) {
    return user.actions.has(route.reqAction);
  }
  if (route.reqRole && ROLES.includes(route.reqRole)) {
    return roleIncludes(user.role, route.reqRole as OrgRole);
  }
  return true;
}

/** util.JoinURLFragments as ApplyRoute uses it. */
export function joinUrlFragments(a: string, b: string): string {
  if (b === '') {
    return a;
  }
  const left = a.endsWith('/') ? a.slice(0, -1) : a;
  const right = b.startsWith('/') ? b : `/${b}`;
  return left + right;
}

/**
 * ApplyRoute's URL: the route's url templated, with the rest of the proxy path (after the route's path, as written)
 * joined to its path, the query string kept and the route's urlParams added. Undefined where Go would end with a URL
 * that has no host ("<no value>" for a missing jsonData key): the transport then fails and Grafana answers 502.
 */
export function routeTarget(route: PluginRoute, proxyPath: string, search: string, data: RouteTemplateData) {
  for (const unsupported of ['tokenAuth', 'jwtTokenAuth', 'body'] as const) {
    if (route[unsupported] !== undefined) {
      throw new Error(`route ${route.path}: "${unsupported}" is not emulated by the browser test host`);
    }
  }
  let target: URL;
  try {
    target = new URL(interpolateRouteTemplate(route.url ?? '', data));
  } catch {
    return undefined;
  }
  if (!target.host) {
    return undefined;
  }
  // strings.TrimPrefix on the path as written (matching compared cleaned paths). ApplyRoute puts the escaped rest in
  // URL.Path, the unescaped field, so Go escapes it once more when sending: "%2e%2e" goes out as "%252e%252e" and
  // never becomes "..". Escaping "%" here keeps WHATWG URL from decoding it instead.
  const rest = proxyPath.startsWith(route.path) ? proxyPath.slice(route.path.length) : proxyPath;
  target.pathname = joinUrlFragments(target.pathname, rest.replace(/%/g, '%25'));
  // The query string goes on as sent; addQueryString re-encodes it only to add the route's urlParams.
  target.search = search;
  if (route.urlParams?.length) {
    const query = new URLSearchParams(search);
    for (const p of route.urlParams) {
      query.append(interpolateRouteTemplate(p.name, data), interpolateRouteTemplate(p.content, data));
    }
    target.search = query.toString();
  }
  return target;
}

/** Go's httputil hopHeaders: never forwarded, in either direction, with any header the Connection header names. */
const HOP_BY_HOP = [
  'connection',
  'proxy-connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

function withoutHopByHop(headers: Record<string, string | string[]>): Record<string, string | string[]> {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const drop = new Set([...HOP_BY_HOP, ...named]);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !drop.has(name)));
}

/** ClearCookieHeader: only the cookies jsonData.keepCookies names ("[]" suffix: a prefix), never the login cookie. */
function keptCookies(cookieHeader: string | undefined, keep: string[]): string | undefined {
  const kept = new Map<string, string>();
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (!name) {
      continue;
    }
    const wanted = keep.some((k) =>
      k === '[]' ? true : k.endsWith('[]') ? name.startsWith(k.slice(0, -2)) : name === k
    );
    if (wanted && name !== LOGIN_COOKIE) {
      kept.set(name, part.trim());
    }
  }
  return kept.size
    ? [...kept.keys()]
        .sort()
        .map((n) => kept.get(n))
        .join('; ')
    : undefined;
}

export interface DirectorInput {
  incoming: IncomingHttpHeaders;
  route: PluginRoute;
  data: RouteTemplateData;
  /** The browser's address as Grafana's server sees it (req.RemoteAddr without the port). */
  remoteAddress: string;
  targetHost: string;
}

/**
 * The headers Grafana sends on, in the order its code sets them: wrapDirector drops the headers Grafana used to
 * authenticate the browser (Authorization); director moves X-DS-Authorization to Authorization, drops X-Grafana-User
 * (send_user_header off), keeps only the cookies jsonData.keepCookies names, sets User-Agent to Grafana/<version>,
 * then ApplyRoute sets the route's headers (templated, replacing any the browser sent); PrepareProxyRequest copies
 * Referer to X-Grafana-Referer, drops Origin, Referer and X-Forwarded-Host/Port/Proto and appends the browser's address
 * to X-Forwarded-For; Go's ReverseProxy then drops hop-by-hop headers and appends the address to X-Forwarded-For once
 * more (it does so whenever a Director is used, so Grafana sends it twice).
 */
export function directorHeaders(input: DirectorInput): Record<string, string> {
  const h: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(input.incoming)) {
    if (value !== undefined) {
      h[name] = value;
    }
  }
  delete h.authorization;
  const dsAuthorization = h['x-ds-authorization'];
  if (dsAuthorization) {
    delete h['x-ds-authorization'];
    h.authorization = dsAuthorization;
  }
  delete h['x-grafana-user'];
  const keep = Array.isArray(input.data.JsonData.keepCookies) ? (input.data.JsonData.keepCookies as string[]) : [];
  const cookies = keptCookies(typeof h.cookie === 'string' ? h.cookie : undefined, keep);
  delete h.cookie;
  if (cookies) {
    h.cookie = cookies;
  }
  h['user-agent'] = `Grafana/${GRAFANA_VERSION}`;
  for (const header of input.route.headers ?? []) {
    h[header.name.toLowerCase()] = interpolateRouteTemplate(header.content, input.data);
  }
  h['x-grafana-referer'] = typeof h.referer === 'string' ? h.referer : '';
  for (const name of ['origin', 'referer', 'x-forwarded-host', 'x-forwarded-port', 'x-forwarded-proto']) {
    delete h[name];
  }
  const prior = h['x-forwarded-for'];
  h['x-forwarded-for'] = prior ? `${String(prior)}, ${input.remoteAddress}` : input.remoteAddress;
  const out = withoutHopByHop(h);
  out['x-forwarded-for'] = `${String(out['x-forwarded-for'])}, ${input.remoteAddress}`;
  out.host = input.targetHost;
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
}

export interface ProxiedAnswer {
  status: number;
  headers: OutgoingHttpHeaders;
  /** Set when Grafana replaces the body (the rewritten 401); otherwise the upstream body is streamed on. */
  body?: string;
}

/**
 * The answer as the browser gets it. ds_proxy.go's modifyResponse first: a 401 becomes a 400 with no headers and the
 * body "Authentication to data source failed" (Go's server then sniffs its Content-Type: text/plain). Then
 * proxyutil's: Set-Cookie removed, Content-Security-Policy: sandbox added. Go's ReverseProxy drops hop-by-hop headers.
 */
export function proxiedAnswer(status: number, headers: IncomingHttpHeaders): ProxiedAnswer {
  if (status === 401) {
    return {
      status: 400,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'content-length': String(Buffer.byteLength(REWRITTEN_401_BODY)),
        'content-security-policy': 'sandbox',
      },
      body: REWRITTEN_401_BODY,
    };
  }
  const copied: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && name !== 'set-cookie') {
      copied[name] = value;
    }
  }
  return { status, headers: { ...withoutHopByHop(copied), 'content-security-policy': 'sandbox' } };
}

/**
 * proxyutil errorHandler: the browser went away (context canceled) is 499; a time-out talking to the datasource 504;
 * anything else (refused, reset, unknown host, no host at all) 502. No body.
 */
export function errorStatus(err: NodeJS.ErrnoException, clientGone: boolean): number {
  if (clientGone) {
    return 499;
  }
  return err.code === 'ETIMEDOUT' ? 504 : 502;
}

/** writeJSONErr / JsonApiErr: Grafana's own refusals are JSON with a message. */
export function grafanaError(status: number, message: string): ProxiedAnswer {
  const body = `${JSON.stringify({ message })}\n`;
  return { status, headers: { 'content-type': 'application/json; charset=UTF-8' }, body };
}
