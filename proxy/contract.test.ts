import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TObject } from '@sinclair/typebox';
import {
  AUTH_TYPES,
  AWS_HEADERS,
  CHECK_STATUSES,
  HealthCheckSchema,
  HealthResponseSchema,
  PROXY_ROUTES,
  QUERY_SCHEMAS,
  QUERY_TYPES,
  QueryRequestSchema,
  RESOURCE_KINDS,
  RESOURCE_PARAMETERS,
  ResourceQuerySchema,
} from '../src/connect/proxyApi';

/**
 * The proxy serves the Proxy API contract (src/connect/proxyApi) and nothing else: every route is registered from
 * PROXY_ROUTES with its request and response schemas (fastify validates and serialises with them). And
 * docs/api.md (and the resource table of docs/proxy.md) held to the Proxy API contract, src/connect/proxyApi: every
 * route has its section, every header, auth type, query type and query field is documented, every resource kind is
 * listed with exactly the parameters it takes. A change to the contract that the docs do not follow fails here.
 */

const root = path.join(__dirname, '..');
const api = readFileSync(path.join(root, 'docs/api.md'), 'utf8');
const proxyDoc = readFileSync(path.join(root, 'docs/proxy.md'), 'utf8');

/** The text of a section: from its heading to the next heading of the same or a higher level. */
function section(doc: string, heading: string): string {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.replace(/^#+ /, '') === heading);
  if (start < 0) {
    throw new Error(`no section "${heading}"`);
  }
  const level = lines[start].indexOf(' ');
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.indexOf(' ') <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** Names written in backticks or as JSON keys. */
const quoted = (text: string) => new Set([...text.matchAll(/[`"]([\w-]+)[`"]/g)].map((m) => m[1]));
const propertiesOf = (schema: TObject) => Object.keys(schema.properties);

describe('docs/api.md against the Proxy API contract', () => {
  it('has a section for every route, headed by its method and path', () => {
    const headings = api.split('\n').filter((l) => /^## /.test(l));
    for (const route of Object.values(PROXY_ROUTES)) {
      const url = route.url.replace(/:(\w+)/g, '{$1}');
      expect(headings.some((h) => h.includes(`${route.method} ${url}`))).toBe(true);
    }
  });

  it('names every AWS settings header and auth type', () => {
    const auth = section(api, 'Authentication and AWS settings');
    const headers = new Set([...auth.matchAll(/`(X-Switchboard-[\w-]+)`/g)].map((m) => m[1].toLowerCase()));
    expect([...headers].sort()).toEqual(Object.values(AWS_HEADERS).sort());
    const authTypeRow = auth.split('\n').find((l) => l.startsWith('| `X-Switchboard-Auth-Type`'))!;
    expect(AUTH_TYPES.filter((t) => !quoted(authTypeRow).has(t))).toEqual([]);
  });

  it('shows every field of the query request in its example', () => {
    const body = quoted(section(api, 'POST /api/query'));
    expect(propertiesOf(QueryRequestSchema).filter((f) => !body.has(f))).toEqual([]);
  });

  it('has a section per query type that shows every field of its schema (the common ones at least once)', () => {
    const common = propertiesOf(QUERY_SCHEMAS.realtime).filter((f) =>
      QUERY_TYPES.every((t) => propertiesOf(QUERY_SCHEMAS[t]).includes(f))
    );
    const everywhere = quoted(section(api, 'POST /api/query'));
    expect(common.filter((f) => !everywhere.has(f))).toEqual([]);
    for (const type of QUERY_TYPES) {
      const heading = api.split('\n').find((l) => l.startsWith(`### \`${type}\``));
      expect(heading).toBeDefined();
      const text = quoted(section(api, heading!.replace(/^### /, '')));
      const own = propertiesOf(QUERY_SCHEMAS[type]).filter((f) => !common.includes(f));
      expect({ type, missing: own.filter((f) => !text.has(f)) }).toEqual({ type, missing: [] });
    }
  });

  it('gives the shape of the health answer and its check statuses', () => {
    const health = section(api, 'GET /api/health');
    const names = quoted(health);
    expect(propertiesOf(HealthResponseSchema).filter((f) => !names.has(f))).toEqual([]);
    expect(propertiesOf(HealthCheckSchema).filter((f) => !names.has(f))).toEqual([]);
    expect(CHECK_STATUSES.filter((s) => !names.has(s))).toEqual([]);
  });
});

describe('the resource table of docs/proxy.md against the contract', () => {
  const table = section(proxyDoc, 'Resource lists')
    .split('\n')
    .filter((l) => /^\| `[\w-]+` \|/.test(l))
    .map((l) => l.split('|').map((cell) => cell.trim()));
  const parameterNames = new Set(propertiesOf(ResourceQuerySchema));

  it('lists every kind, once', () => {
    expect(table.map((cells) => cells[1].replace(/`/g, ''))).toEqual([...RESOURCE_KINDS]);
  });

  it('gives each kind exactly the parameters it takes (region aside, which every AWS list takes)', () => {
    for (const cells of table) {
      const kind = cells[1].replace(/`/g, '') as (typeof RESOURCE_KINDS)[number];
      const documented = [...quoted(cells[2])].filter((p) => parameterNames.has(p) && p !== 'region').sort();
      const { required, optional } = RESOURCE_PARAMETERS[kind];
      expect({ kind, parameters: documented }).toEqual({ kind, parameters: [...required, ...optional].sort() });
    }
  });
});

describe('the proxy routes', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory()
        ? sources(file)
        : name.endsWith('.ts') && !name.endsWith('.test.ts')
          ? [file]
          : [];
    });

  it('all declare a response schema, and those of /api/* their request schemas', () => {
    for (const [name, route] of Object.entries(PROXY_ROUTES)) {
      const schema = route.schema as { response?: Record<string, unknown>; body?: unknown; querystring?: unknown };
      expect({ name, ok: schema.response?.[200] !== undefined }).toEqual({ name, ok: true });
      if (route.url.startsWith('/api/')) {
        const declared = {
          request: schema.body !== undefined || schema.querystring !== undefined,
          errors: schema.response?.['4xx'] !== undefined,
        };
        expect({ name, ...declared }).toEqual({ name, request: true, errors: true });
      }
    }
  });

  it('are each registered from the contract, none by hand', () => {
    const registered: string[] = [];
    for (const file of sources(path.join(root, 'proxy'))) {
      const text = readFileSync(file, 'utf8');
      // any app.get/post/... with a literal path is a route outside the contract
      expect({ file, byHand: [...text.matchAll(/\.(get|post|put|patch|delete|all)\(\s*['`]\//g)].length }).toEqual({
        file,
        byHand: 0,
      });
      for (const m of text.matchAll(/\.route\(\{\s*\.\.\.PROXY_ROUTES\.(\w+)/g)) {
        registered.push(m[1]);
      }
      expect({ file, routes: [...text.matchAll(/\.route\(/g)].length }).toEqual({
        file,
        routes: [...text.matchAll(/\.route\(\{\s*\.\.\.PROXY_ROUTES\./g)].length,
      });
    }
    expect(registered.sort()).toEqual(Object.keys(PROXY_ROUTES).sort());
  });
});
