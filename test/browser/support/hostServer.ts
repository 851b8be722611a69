import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  DEFAULT_TIMEOUT_MS,
  directorHeaders,
  errorStatus,
  extractProxyPath,
  grafanaError,
  matchRoute,
  proxiedAnswer,
  ROUTE_ACCESS_DENIED,
  routeTarget,
  userWithRole,
  type OrgRole,
  type PluginRoute,
  type ProxiedAnswer,
} from './dataProxy';
import type { DataSourceSettingsJson } from './hostApi';
import type { RouteTemplateData } from './routeTemplate';

/**
 * The host page's server, playing the part of Grafana's server for one app plugin:
 *   GET  /                                      the host page (test/browser/.build/index.html)
 *   GET  /host/*                                the host page's bundles (test/browser/.build)
 *   GET  /vendor/require.js                     require.js
 *   GET  /public/plugins/<app id>/*             dist/ (the app; its nested datasource under datasource/)
 *   GET  /public/build/img/icons/*              @grafana/ui's icons; /public/fonts/* a local stand-in font
 *   GET  /api/datasources/uid/:uid              the datasource's settings, secrets reduced to secureJsonFields
 *   GET  /api/plugins/:id/settings              a plugin's plugin.json with its module path (the app, its datasource
 *                                               and the panels built into dist/panels/<name>/)
 *   *    /api/datasources/proxy/uid/:uid/<path> Grafana's datasource proxy (dataProxy.ts, read from Grafana's Go
 *                                               source): the route of dist/datasource/plugin.json that matches the
 *                                               method and path and that the user's role may use is applied (url
 *                                               and headers templated from jsonData and secureJsonData), the
 *                                               request's headers are cleaned as Grafana cleans them, and the answer
 *                                               comes back as Grafana passes it on (401 rewritten to 400, Set-Cookie
 *                                               and hop-by-hop headers dropped, 502/504 when the target fails).
 * Nothing else is served. The secrets stay in Node, as they stay in Grafana's server.
 */

export interface HostDatasource {
  uid: string;
  name: string;
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
}

export interface ForwardedRequest {
  uid: string;
  method: string;
  /** Where the route sent it, e.g. http://127.0.0.1:41234/api/query */
  target: string;
  /** The headers sent on (route headers included). */
  headers: Record<string, string>;
  /** What the target answered (0: no answer). */
  status: number;
  /** What the browser got (after Grafana's rewriting). */
  answered: number;
}

export interface HostServer {
  url: string;
  /** Requests forwarded through the emulated datasource proxy, oldest first. */
  forwarded: ForwardedRequest[];
  /** Icons Grafana would serve from its public/ folder that got the stand-in (not in @grafana/ui's package). */
  standInIcons: Set<string>;
  addDatasource(ds: HostDatasource): void;
  /** The org role of the signed-in user the data proxy checks routes against (default Admin, as the page boots). */
  setUserRole(role: OrgRole): void;
  close(): Promise<void>;
}

interface PluginJson {
  id: string;
  type: string;
  name: string;
  routes?: PluginRoute[];
  info?: { logos?: { small?: string } };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

/**
 * Icon names Grafana knows (@grafana/data's availableIconsIndex). @grafana/ui ships the SVGs of only some of them;
 * Grafana serves the rest from its own public/ folder. Those get a neutral stand-in; a name Grafana does not know
 * stays a 404 (a console error the tests see).
 */
function grafanaIconNames(modules: string): Set<string> {
  const source = readFileSync(path.join(modules, '@grafana/data/dist/esm/types/icon.mjs'), 'utf8');
  return new Set([...source.matchAll(/^\s+"?([\w -]+)"?: true,?$/gm)].map((m) => m[1]));
}
const STAND_IN_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="8" fill="none" ' +
  'stroke="currentColor" stroke-width="2"/></svg>';

/** Grafana's web fonts are not in any npm package; a local font stands in so that the page logs no 404s. */
const STAND_IN_FONTS = [
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
];

export function settingsJson(ds: HostDatasource, plugin: PluginJson, id: number): DataSourceSettingsJson {
  return {
    id,
    uid: ds.uid,
    orgId: 1,
    name: ds.name,
    type: plugin.id,
    typeName: plugin.name,
    typeLogoUrl: `public/plugins/${plugin.id}/${plugin.info?.logos?.small ?? ''}`,
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    withCredentials: false,
    isDefault: true,
    jsonData: ds.jsonData,
    secureJsonFields: Object.fromEntries(Object.keys(ds.secureJsonData).map((k) => [k, true])),
    version: 1,
    readOnly: false,
  };
}

export async function startHostServer(options: {
  root: string;
  buildDir: string;
  datasources: HostDatasource[];
  /**
   * Where Grafana's server would resolve a host, as docker compose's network does: "switchboard-proxy:8080" to
   * "127.0.0.1:41234". The route still shows the name (settings and screenshots stay the same run after run).
   */
  hosts?: Record<string, string>;
  /** [dataproxy] timeout: how long the data proxy waits for the target's answer before its 504. */
  dataProxyTimeoutMs?: number;
  /** The node_modules of the host page's Grafana release (its icons); default the root's. */
  grafanaModules?: string;
}): Promise<HostServer> {
  const { root, buildDir } = options;
  const dist = path.join(root, 'dist');
  const app = JSON.parse(readFileSync(path.join(dist, 'plugin.json'), 'utf8')) as PluginJson;
  // The nested datasource plugin(s): dist/<dir>/plugin.json of type datasource.
  const datasourcePlugins = new Map<string, { json: PluginJson; dir: string }>();
  for (const dir of ['datasource']) {
    const json = JSON.parse(readFileSync(path.join(dist, dir, 'plugin.json'), 'utf8')) as PluginJson;
    datasourcePlugins.set(json.id, { json, dir });
  }
  const [dsPluginId, dsPlugin] = [...datasourcePlugins.entries()][0];
  // The nested panel plugins: dist/panels/<name>/plugin.json (those built so far).
  const panelPlugins = new Map<string, { json: PluginJson; dir: string }>();
  const panelsDir = path.join(dist, 'panels');
  for (const name of existsSync(panelsDir) ? readdirSync(panelsDir) : []) {
    const file = path.join(panelsDir, name, 'plugin.json');
    if (existsSync(file) && existsSync(path.join(panelsDir, name, 'module.js'))) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as PluginJson;
      panelPlugins.set(json.id, { json, dir: `panels/${name}` });
    }
  }
  const datasources = new Map(options.datasources.map((d) => [d.uid, d]));
  const forwarded: ForwardedRequest[] = [];
  let user = userWithRole('Admin');
  const fonts = STAND_IN_FONTS.find((f) => existsSync(f));
  const grafanaModules = options.grafanaModules ?? path.join(root, 'node_modules');
  const iconNames = grafanaIconNames(grafanaModules);
  const standInIcons = new Set<string>();

  const sendFile = (res: ServerResponse, base: string, rel: string) => {
    const file = path.resolve(base, rel);
    if (!file.startsWith(path.resolve(base) + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      return notFound(res);
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: ServerResponse) => json(res, 404, { message: 'Not found' });

  const answer = (res: ServerResponse, a: ProxiedAnswer) => {
    res.writeHead(a.status, a.headers);
    res.end(a.body);
  };

  const proxy = (req: IncomingMessage, res: ServerResponse, uid: string, proxyPath: string, search: string) => {
    const ds = datasources.get(uid);
    if (!ds) {
      return answer(res, grafanaError(404, 'Unable to find datasource'));
    }
    if (!user.actions.has('datasources:query')) {
      return answer(res, grafanaError(403, 'Access denied to datasource'));
    }
    const method = req.method ?? 'GET';
    const match = matchRoute(dsPlugin.json.routes ?? [], method, proxyPath, user);
    const record: ForwardedRequest = { uid, method, target: '', headers: {}, status: 0, answered: 0 };
    forwarded.push(record);
    const finish = (a: ProxiedAnswer) => {
      record.answered = a.status;
      answer(res, a);
    };
    if (match.kind === 'denied') {
      return finish(grafanaError(403, ROUTE_ACCESS_DENIED));
    }
    const data: RouteTemplateData = { JsonData: ds.jsonData, SecureJsonData: ds.secureJsonData };
    const target = match.kind === 'matched' ? routeTarget(match.route, proxyPath, search, data) : undefined;
    if (match.kind === 'none' || !target) {
      // No route: Grafana proxies to the datasource's URL, which is empty; a route URL without a host (a missing
      // jsonData key prints "<no value>") fails the same way. The transport errors out, proxyutil answers 502.
      req.resume();
      return finish({ status: 502, headers: {} });
    }
    const headers = directorHeaders({
      incoming: req.headers,
      route: match.route,
      data,
      remoteAddress: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '',
      targetHost: target.host,
    });
    record.target = target.toString();
    record.headers = headers;

    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const resolved = new URL(target);
    const mapped = options.hosts?.[target.host];
    if (mapped) {
      resolved.host = mapped;
    }
    const upstream = send(resolved, { method, headers }, (from) => {
      record.status = from.statusCode ?? 502;
      const a = proxiedAnswer(record.status, from.headers);
      record.answered = a.status;
      res.writeHead(a.status, a.headers);
      if (a.body !== undefined) {
        from.resume();
        res.end(a.body);
      } else {
        from.pipe(res);
      }
    });
    upstream.setTimeout(options.dataProxyTimeoutMs ?? DEFAULT_TIMEOUT_MS, () =>
      upstream.destroy(Object.assign(new Error('timeout awaiting response headers'), { code: 'ETIMEDOUT' }))
    );
    let clientGone = false;
    res.on('close', () => {
      if (!res.writableFinished) {
        clientGone = true;
        upstream.destroy();
      }
    });
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      finish({ status: errorStatus(err, clientGone), headers: {} });
    });
    req.pipe(upstream);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const p = decodeURIComponent(url.pathname);
    try {
      let m: RegExpExecArray | null;
      // The path as sent, not URL-normalised: Grafana's router takes the escaped path as it comes.
      const rawPath = (req.url ?? '/').split('?')[0];
      if ((m = /^\/api\/datasources\/proxy\/uid\/([^/]*)(\/|$)/.exec(rawPath))) {
        // datasourceproxy.go ProxyDatasourceRequestWithUID: util.IsValidShortUID
        if (!/^[\w-]{1,40}$/.test(m[1])) {
          return answer(res, grafanaError(400, 'UID is invalid'));
        }
        return proxy(req, res, m[1], extractProxyPath(rawPath), url.search);
      }
      if (req.method !== 'GET') {
        return json(res, 405, { message: 'Method not allowed' });
      }
      if (p === '/' || p === '/index.html') {
        return sendFile(res, buildDir, 'index.html');
      }
      if (p.startsWith('/host/')) {
        return sendFile(res, buildDir, p.slice('/host/'.length));
      }
      if (p === '/vendor/require.js') {
        return sendFile(res, path.join(root, 'node_modules/requirejs'), 'require.js');
      }
      const pluginPrefix = `/public/plugins/${app.id}/`;
      if (p.startsWith(pluginPrefix)) {
        return sendFile(res, dist, p.slice(pluginPrefix.length));
      }
      if (p.startsWith('/public/build/img/icons/')) {
        const rel = p.slice('/public/build/img/icons/'.length);
        const icons = path.join(grafanaModules, '@grafana/ui/dist/public/img/icons');
        if (!existsSync(path.join(icons, rel)) && iconNames.has(path.basename(rel, '.svg'))) {
          standInIcons.add(path.basename(rel, '.svg'));
          res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-store' });
          return res.end(STAND_IN_ICON);
        }
        return sendFile(res, icons, rel);
      }
      if (p.startsWith('/public/fonts/') && fonts) {
        return sendFile(res, path.dirname(fonts), path.basename(fonts));
      }
      if ((m = /^\/api\/datasources\/uid\/([^/]+)$/.exec(p))) {
        const ds = datasources.get(m[1]);
        const index = [...datasources.keys()].indexOf(m[1]);
        return ds
          ? json(res, 200, settingsJson(ds, dsPlugin.json, index + 1))
          : json(res, 404, { message: 'Data source not found' });
      }
      if ((m = /^\/api\/plugins\/([^/]+)\/settings$/.exec(p))) {
        const found = datasourcePlugins.get(m[1]) ?? panelPlugins.get(m[1]);
        if (found) {
          const base = `public/plugins/${app.id}/${found.dir}`;
          return json(res, 200, { ...found.json, baseUrl: base, module: `${base}/module.js`, enabled: true });
        }
        if (m[1] === app.id) {
          const base = `public/plugins/${app.id}`;
          return json(res, 200, { ...app, baseUrl: base, module: `${base}/module.js`, enabled: true });
        }
      }
      return notFound(res);
    } catch (err) {
      return json(res, 500, { message: (err as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    standInIcons,
    addDatasource: (ds) => datasources.set(ds.uid, ds),
    setUserRole: (role) => {
      user = userWithRole(role);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
