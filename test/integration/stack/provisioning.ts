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

/** The route of the datasource's plugin.json that reaches the proxy (the one with headers). */
export function proxyRoute(): NonNullable<ReturnType<typeof onePlugin>['routes']>[number] {
  const routes = onePlugin('datasource').routes ?? [];
  if (routes.length !== 1) {
    throw new Error(`expected one route in the datasource's plugin.json, found ${routes.length}`);
  }
  return routes[0];
}

/** The URL and headers Grafana's datasource proxy sends to the proxy for these settings (Go template semantics). */
export function routeRequest(env: Env): { url: string; headers: Record<string, string> } {
  const data = expandedSettings(env);
  const route = proxyRoute();
  return {
    url: interpolateRouteTemplate(route.url ?? '', data),
    headers: Object.fromEntries(
      (route.headers ?? []).map((h) => [h.name.toLowerCase(), interpolateRouteTemplate(h.content, data)])
    ),
  };
}

/** The `.JsonData.x` and `.SecureJsonData.x` keys the route's templates read. */
export function routeKeys(): { jsonData: string[]; secureJsonData: string[] } {
  const route = proxyRoute();
  const texts = [route.url ?? '', ...(route.headers ?? []).map((h) => h.content)].join('\n');
  const keys = (map: string) => [...texts.matchAll(new RegExp(`\\.${map}\\.(\\w+)`, 'g'))].map((m) => m[1]);
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
