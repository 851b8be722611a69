import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import { interpolateRouteTemplate } from '../../browser/support/routeTemplate';
import type { Env } from './compose';
import { onePlugin, read } from './repo';

/** Grafana's provisioning files (provisioning/) and what the datasource plugin expects of them. */

/**
 * Grafana's expansion of provisioning values: $NAME and ${NAME} become the container's variable, empty when unset
 * ($$ is a literal $). Applied to parsed values, as Grafana does, so comments never count.
 */
export const grafanaExpand = (value: string, env: Env): string =>
  value.replace(/\$\$|\$\{(\w+)\}|\$(\w+)/g, (m, a?: string, b?: string) =>
    m === '$$' ? '$' : (env[(a ?? b) as string] ?? '')
  );

/** The variables the values of a provisioning file read (comments excluded). */
export function variablesIn(file: string): string[] {
  const names: string[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(/\$\$|\$\{(\w+)\}|\$(\w+)/g)) {
        if (m[0] !== '$$') {
          names.push(m[1] ?? m[2]);
        }
      }
    } else if (v !== null && typeof v === 'object') {
      Object.values(v).forEach(visit);
    }
  };
  visit(parseYaml(read(file)));
  return names;
}

export interface ProvisionedDatasource {
  name: string;
  type: string;
  uid: string;
  access?: string;
  url?: string;
  isDefault?: boolean;
  jsonData?: Record<string, string>;
  secureJsonData?: Record<string, string>;
}

export const provisionedDatasources = (
  parseYaml(read('provisioning/datasources/switchboard.yaml')) as {
    apiVersion: number;
    datasources: ProvisionedDatasource[];
  }
).datasources;

/** The provisioned datasource of our plugin type (exactly one). */
export function switchboardDatasource(): ProvisionedDatasource {
  const type = onePlugin('datasource').id;
  const found = provisionedDatasources.filter((d) => d.type === type);
  if (found.length !== 1) {
    throw new Error(`expected one provisioned datasource of type ${type}, found ${found.length}`);
  }
  return found[0];
}

/** The datasource's settings as Grafana holds them once provisioned with the container environment `env`. */
export function expandedSettings(env: Env): {
  JsonData: Record<string, string>;
  SecureJsonData: Record<string, string>;
} {
  const ds = switchboardDatasource();
  const expand = (o: Record<string, string> = {}) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, grafanaExpand(String(v), env)]));
  return { JsonData: expand(ds.jsonData), SecureJsonData: expand(ds.secureJsonData) };
}

type Route = NonNullable<ReturnType<typeof onePlugin>['routes']>[number];

/** Every route of the datasource's plugin.json (one per path and method the plugin calls). */
export function proxyRoutes(): Route[] {
  return onePlugin('datasource').routes ?? [];
}

/** The template every route's url starts with: the datasource's proxyUrl, then the proxy's own path. */
const BASE = '{{ .JsonData.proxyUrl }}';

/**
 * The route queries take (POST .../api/query), the one with the token and the AWS settings; every route that sends
 * headers sends the same ones, and every route's url is the proxy URL followed by the proxy's path.
 */
export function proxyRoute(): Route {
  const routes = proxyRoutes();
  const query = routes.find((r) => r.path === 'switchboard/api/query');
  if (!query) {
    throw new Error("no route for switchboard/api/query in the datasource's plugin.json");
  }
  for (const r of routes) {
    if (!(r.url ?? '').startsWith(`${BASE}/`)) {
      throw new Error(`route ${r.path}: url ${r.url} does not start with ${BASE}/`);
    }
    if (r.headers && JSON.stringify(r.headers) !== JSON.stringify(query.headers)) {
      throw new Error(`route ${r.path} sends other headers than the query route`);
    }
  }
  return query;
}

/**
 * Where Grafana's datasource proxy sends requests for these settings (the proxy URL, Go template semantics) and the
 * headers it adds.
 */
export function routeRequest(env: Env): { url: string; headers: Record<string, string> } {
  const data = expandedSettings(env);
  const route = proxyRoute();
  return {
    url: interpolateRouteTemplate(BASE, data),
    headers: Object.fromEntries(
      (route.headers ?? []).map((h) => [h.name.toLowerCase(), interpolateRouteTemplate(h.content, data)])
    ),
  };
}

/** The `.JsonData.x` and `.SecureJsonData.x` keys the routes' templates read. */
export function routeKeys(): { jsonData: string[]; secureJsonData: string[] } {
  const texts = proxyRoutes()
    .flatMap((route) => [route.url ?? '', ...(route.headers ?? []).map((h) => h.content)])
    .join('\n');
  const keys = (map: string) => [
    ...new Set([...texts.matchAll(new RegExp(`\\.${map}\\.(\\w+)`, 'g'))].map((m) => m[1])),
  ];
  return { jsonData: keys('JsonData'), secureJsonData: keys('SecureJsonData') };
}

/**
 * The property names an interface of a TypeScript file declares itself (not those it inherits): read with the
 * compiler's parser, so the test follows src/datasource/types.ts rather than a copy of it.
 */
export function interfaceKeys(file: string, name: string): string[] {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.ES2022, true);
  const found = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name
  );
  if (!found) {
    throw new Error(`${file} declares no interface ${name}`);
  }
  return found.members.flatMap((m) =>
    ts.isPropertySignature(m) && m.name && ts.isIdentifier(m.name) ? [m.name.text] : []
  );
}
