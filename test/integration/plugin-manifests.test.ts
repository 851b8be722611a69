import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  dependencyProblems,
  navProblems,
  nestedPluginProblems,
  pathProblems,
  readManifests,
  schemaProblems,
  type Manifest,
} from '../support/pluginManifests';

/**
 * The built manifests (dist/**\/plugin.json, what Grafana loads and the catalogue receives) as the plugin validator
 * and Grafana read them: the validator's JSON schema (vendored in test/vendor/grafana-plugin-validator), its
 * nested-plugin, path and grafanaDependency rules, and the nav builder's need for a uid. npm test builds dist/ first.
 */
const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');
const SCHEMA = path.join(root, 'test/vendor/grafana-plugin-validator/plugin.schema.json');
const TESTED_RELEASE = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  }
).dependencies['@grafana/data'];

describe('dist/**/plugin.json', () => {
  let manifests: Map<string, Manifest>;
  beforeAll(() => {
    manifests = readManifests(dist);
  });

  it('are the app and its three nested plugins (the build ran: npm run build)', () => {
    expect([...manifests.keys()].sort()).toEqual([
      'datasource/plugin.json',
      'panels/callpath/plugin.json',
      'panels/queuewall/plugin.json',
      'plugin.json',
    ]);
  });

  it("validate against the plugin validator's schema", () => {
    expect(schemaProblems(SCHEMA, manifests)).toEqual([]);
  });

  it('declare every nested plugin with its path and type (includesnested)', () => {
    expect(nestedPluginProblems(manifests)).toEqual([]);
  });

  it('name logos that exist, relative to each plugin.json (metadatapaths)', () => {
    expect(pathProblems(dist, manifests)).toEqual([]);
  });

  it(`ask for a Grafana no older than the one tested (${TESTED_RELEASE}), each of them`, () => {
    expect(dependencyProblems(manifests, TESTED_RELEASE)).toEqual([]);
    const ranges = new Set([...manifests.values()].map((m) => m.dependencies?.grafanaDependency));
    expect(ranges).toEqual(new Set([`>=${TESTED_RELEASE}`]));
  });

  it("carry package.json's version, which is the newest of CHANGELOG.md", () => {
    const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
    const info = (m: Manifest) => (m as unknown as { info: { version: string } }).info;
    expect(new Set([...manifests.values()].map((m) => info(m).version))).toEqual(new Set([version]));
    const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
    expect(/^## (\S+)/m.exec(changelog)?.[1]).toBe(version);
  });

  it("give the NOC overview's menu entry the uid of its dashboard, as every dashboard include", () => {
    expect(navProblems(dist, manifests)).toEqual([]);
    const dashboards = (manifests.get('plugin.json')?.includes ?? []).filter((i) => i.type === 'dashboard');
    expect(dashboards.filter((i) => i.addToNav).map((i) => i.uid)).toEqual(['switchboard-noc']);
    expect(dashboards.every((i) => i.uid)).toBe(true);
  });
});

describe('the checks find what the validator and Grafana refuse', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'switchboard-manifests-'));
    mkdirSync(path.join(dir, 'img'));
    writeFileSync(path.join(dir, 'img/logo.svg'), '<svg/>');
    mkdirSync(path.join(dir, 'dashboards'));
    writeFileSync(path.join(dir, 'dashboards/noc.json'), JSON.stringify({ uid: 'noc' }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const app = (over: Partial<Manifest> = {}): Manifest => ({
    id: 'acme-thing-app',
    type: 'app',
    info: { logos: { small: 'img/logo.svg', large: 'img/logo.svg' } },
    dependencies: { grafanaDependency: '>=12.4.10' },
    includes: [],
    ...over,
  });
  const ds: Manifest = { id: 'acme-thing-datasource', type: 'datasource' };

  it('schema: unknown and missing fields', () => {
    const problems = schemaProblems(SCHEMA, new Map([['plugin.json', { ...app(), color: 'red', info: {} }]]));
    expect(problems).toEqual(
      expect.arrayContaining([
        'plugin.json: invalid-metadata: / must NOT have additional properties (color)',
        "plugin.json: invalid-metadata: /info must have required property 'logos'",
      ])
    );
  });

  it('includesnested: undeclared, untyped and mistyped nested plugins, nested plugins outside an app', () => {
    const nested = (includes: Manifest['includes'], type = 'app') =>
      nestedPluginProblems(
        new Map([
          ['plugin.json', app({ includes, type })],
          ['datasource/plugin.json', ds],
        ])
      );
    expect(nested([{ type: 'datasource', name: 'DS' }])).toEqual([
      'plugin.json: nested-plugins-not-declared: no include has "path": "datasource/plugin.json"',
    ]);
    expect(nested([{ name: 'DS', path: 'datasource/plugin.json' }])).toEqual([
      'plugin.json: nested-plugin-missing-type: the include of datasource/plugin.json has no type',
    ]);
    expect(nested([{ type: 'panel', path: 'datasource/plugin.json' }])).toEqual([
      'plugin.json: nested-plugin-type-missmatch: datasource/plugin.json is declared as panel but is a datasource',
    ]);
    expect(nested([], 'panel')).toEqual([
      'plugin.json: nested-plugin-id-in-non-app: nested plugins are not allowed on plugins of type panel',
    ]);
  });

  it('metadatapaths: absolute, dotted and missing logos', () => {
    const logos = (small: string) =>
      pathProblems(dir, new Map([['plugin.json', app({ info: { logos: { small, large: 'img/logo.svg' } } })]]));
    expect(logos('https://example.com/logo.svg')[0]).toMatch(/path-relative-to-metadata/);
    expect(logos('./img/logo.svg')[0]).toMatch(/invalid-relative-path/);
    expect(logos('img/missing.svg')).toEqual(['plugin.json: path-not-exists: small logo img/missing.svg']);
  });

  it('grafanaDependency: not a range, or below the tested release', () => {
    const dep = (range: string) =>
      dependencyProblems(new Map([['plugin.json', app({ dependencies: { grafanaDependency: range } })]]), '12.4.10');
    expect(dep('twelve')).toEqual(['plugin.json: invalid-grafana-dependency: "twelve" is not a version range']);
    expect(dep('>=12.3.0')).toEqual([
      'plugin.json: grafanaDependency ">=12.3.0" admits 12.3.0, below the tested 12.4.10',
    ]);
    expect(dep('>=12.4.10')).toEqual([]);
  });

  it('nav: a dashboard in the menu without a uid, or with the uid of another dashboard', () => {
    const nav = (include: Manifest['includes']) =>
      navProblems(dir, new Map([['plugin.json', app({ includes: include })]]));
    const noc = { type: 'dashboard', name: 'NOC', path: 'dashboards/noc.json', addToNav: true };
    expect(nav([noc])).toEqual([
      'plugin.json: nav: "NOC" has addToNav but no uid, so Grafana leaves it out of the menu',
    ]);
    expect(nav([{ ...noc, uid: 'other' }])).toEqual(['plugin.json: nav: "NOC" names uid other, its dashboard has noc']);
    expect(nav([{ ...noc, uid: 'noc' }])).toEqual([]);
  });
});
