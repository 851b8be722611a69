/**
 * Builds the browser tests' host page, once per supported Grafana release, into test/browser/.build/<release>/ with
 * esbuild:
 *   boot.js     window.grafanaBootData (page/boot.ts)
 *   host.js     the vendor AMD bundle and the host API (page/host.tsx): the real @grafana/*, react, rxjs...
 *   index.html  boot.js, host.js, require.js, then the registration of the AMD modules (see page/host.tsx)
 *
 * The AMD modules offered are the core ones the host itself uses plus every dependency that the built plugin's
 * define([...]) lists (dist/**\/module.js), so a new external in the plugin is picked up at the next build; one
 * this file does not know fails the build with a message saying where to add it.
 *
 * Run alone: npx tsx test/browser/build.ts [12.4|13.2] (the browser tests build both in their global setup).
 */
import { build, type Plugin } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const DIST = path.join(ROOT, 'dist');
export const BUILD_ROOT = path.join(__dirname, '.build');

/**
 * The Grafana releases the browser layer runs on. Each host page is made of that release's frontend packages, from
 * its own tree under test/browser/hosts/ (package.json there): the @grafana/* packages Grafana hands plugins, the
 * React it runs them on, and the @grafana/scenes line its dashboards run on. The plugin itself is built once,
 * against the oldest (the root package.json).
 */
export const GRAFANA_HOSTS = ['12.4', '13.2'] as const;
export type GrafanaHost = (typeof GRAFANA_HOSTS)[number];

/** The host's node_modules: where every bare import of the host page resolves. */
export const hostModules = (host: GrafanaHost) => path.join(__dirname, 'hosts', `grafana-${host}`, 'node_modules');
export const hostOut = (host: GrafanaHost) => path.join(BUILD_ROOT, `grafana-${host}`);
/** The release the version of @grafana/data in the host's tree names, e.g. 13.2.3. */
export const hostVersion = (host: GrafanaHost): string =>
  (JSON.parse(readFileSync(path.join(hostModules(host), '@grafana/data/package.json'), 'utf8')) as { version: string })
    .version;

/**
 * The externals of .config/bundler/externals.ts the host can offer, and how the plugin's webpack code expects to
 * receive each: `cjs` modules as their module.exports (a default import reads the object itself), ES modules as
 * their namespace marked __esModule (a default import reads `.default`), as Grafana's loader hands them over.
 */
const KNOWN_EXTERNALS: Record<string, 'cjs' | 'esm'> = {
  react: 'cjs',
  'react-dom': 'cjs',
  'react/jsx-runtime': 'cjs',
  'react/jsx-dev-runtime': 'cjs',
  '@grafana/data': 'esm',
  '@grafana/ui': 'esm',
  '@grafana/runtime': 'esm',
  rxjs: 'esm',
  '@emotion/css': 'esm',
  '@emotion/react': 'esm',
  lodash: 'cjs',
  moment: 'cjs',
  jquery: 'cjs',
  i18next: 'esm',
  'react-router': 'esm',
  'react-redux': 'esm',
  redux: 'esm',
  d3: 'esm',
};

/** Always offered: what the host itself imports (so they cost nothing) and what every editor will need. */
const CORE_EXTERNALS = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  '@grafana/data',
  '@grafana/ui',
  '@grafana/runtime',
  'rxjs',
  '@emotion/css',
];

/** AMD dependencies require.js provides itself: "module" is webpack's `amd-module` external (public path). */
const AMD_BUILTINS = new Set(['module', 'require', 'exports']);

/** Every module.js under dist/ (the app and its nested plugins). */
export function distModules(dir = DIST): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) {
      out.push(...distModules(p));
    } else if (entry === 'module.js') {
      out.push(p);
    }
  }
  return out.sort();
}

/** The dependency list of a webpack AMD module: define(["@grafana/data","module",...], factory). */
export function amdDependencies(file: string): string[] {
  const head = readFileSync(file, 'utf8').slice(0, 4000);
  const m = /define\((\[[^\]]*\])/.exec(head);
  if (!m) {
    throw new Error(`${path.relative(ROOT, file)} is not an AMD module (no define([...]) at its start)`);
  }
  return JSON.parse(m[1]) as string[];
}

export interface HostBuild {
  outDir: string;
  /** AMD module names the host defines. */
  modules: string[];
  bytes: Record<string, number>;
  ms: number;
}

function externalsPlugin(modules: string[], resolveDir: string): Plugin {
  return {
    name: 'switchboard-host-externals',
    setup(b) {
      b.onResolve({ filter: /^switchboard-host:externals$/ }, (args) => ({ path: args.path, namespace: 'externals' }));
      b.onLoad({ filter: /.*/, namespace: 'externals' }, () => {
        const lines = modules.map((name, i) => `import * as m${i} from ${JSON.stringify(name)};`);
        lines.push(
          // esbuild's namespace of a CommonJS module has the module.exports as default
          'const cjs = (ns) => (ns.default !== undefined ? ns.default : ns);',
          'const esm = (ns) => ({ ...ns, __esModule: true });',
          'export const amdModules = {',
          ...modules.map((name, i) => `  ${JSON.stringify(name)}: ${KNOWN_EXTERNALS[name]}(m${i}),`),
          '};'
        );
        return { contents: lines.join('\n'), loader: 'js', resolveDir };
      });
    },
  };
}

/**
 * Every bare import of the page's own code (and of the root's packages it reaches) resolves in the host's tree, so
 * the 13.2 page has React 19 and @grafana/* 13.2.3 throughout; imports from inside the tree resolve there anyway.
 */
function hostTreePlugin(modules: string): Plugin {
  return {
    name: 'switchboard-host-tree',
    setup(b) {
      // react-router-dom-v5-compat (of @grafana/ui) peers on react-router-dom 5, which npm nests under @grafana/ui
      // while @grafana/scenes' peer, 6, sits at the top (Grafana's yarn tree gives each its own).
      b.onResolve({ filter: /^react-router-dom$/ }, (args) =>
        args.importer.includes(`${path.sep}react-router-dom-v5-compat${path.sep}`) && args.pluginData !== 'host-tree'
          ? b.resolve(args.path, {
              kind: args.kind,
              resolveDir: path.join(modules, '@grafana/ui/node_modules'),
              pluginData: 'host-tree',
            })
          : undefined
      );
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'host-tree' || args.namespace !== 'file' || args.importer.startsWith(modules)) {
          return undefined;
        }
        const found = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: modules,
          pluginData: 'host-tree',
        });
        return found.errors.length === 0 ? found : undefined;
      });
    },
  };
}

/**
 * CommonJS packages with an ES-module style `exports.default` that @grafana/ui's `.mjs` files import by default.
 * esbuild follows Node for `.mjs` importers (the default import is the whole `module.exports`), webpack (Grafana's
 * build) takes `exports.default`: without this, Table's scrollbar is an object and React refuses to render it.
 */
const CJS_DEFAULT_INTEROP = ['react-custom-scrollbars-2'];

function cjsDefaultInteropPlugin(resolveDir: string): Plugin {
  const filter = new RegExp(`^(${CJS_DEFAULT_INTEROP.map((n) => n.replace(/[-/]/g, '\\$&')).join('|')})$`);
  return {
    name: 'switchboard-host-cjs-default',
    setup(b) {
      // The wrapper's own import of the package resolves normally (namespace cjs-default).
      b.onResolve({ filter }, (args) =>
        args.namespace === 'cjs-default' ? undefined : { path: args.path, namespace: 'cjs-default' }
      );
      b.onLoad({ filter: /.*/, namespace: 'cjs-default' }, (args) => ({
        contents: [
          `import * as m from ${JSON.stringify(args.path)};`,
          'const d = m.default && m.default.__esModule ? m.default.default : m.default;',
          'export default d;',
        ].join('\n'),
        loader: 'js',
        resolveDir,
      }));
    },
  };
}

/**
 * @grafana/plugin-compat (of @grafana/scenes 9) imports APIs that only newer Grafana releases export and checks at
 * run time whether they exist. Webpack, which builds Grafana, lets such an import be undefined; esbuild refuses it.
 * Its named imports of @grafana/runtime become reads of the module's namespace, which may be undefined.
 */
function optionalImportsPlugin(): Plugin {
  return {
    name: 'switchboard-host-optional-imports',
    setup(b) {
      b.onLoad({ filter: /[\\/]@grafana[\\/]plugin-compat[\\/].*\.mjs$/ }, (args) => {
        let n = 0;
        const contents = readFileSync(args.path, 'utf8').replace(
          /import \{([^}]*)\} from '(@grafana\/runtime[^']*)';/g,
          (_m, names: string, from: string) =>
            `import * as ns${++n} from '${from}';\nconst {${names.replace(/ as /g, ': ')}} = ns${n};`
        );
        return { contents, loader: 'js' };
      });
    },
  };
}

/*
 * Order of the page's scripts (index.html, written below):
 *   1. boot.js      window.grafanaBootData: @grafana/runtime reads it while the vendor bundle is evaluated.
 *   2. host.js      the vendor bundle (page/host.tsx). It runs BEFORE require.js on purpose: bundled UMD libraries
 *                   test `typeof define === 'function' && define.amd` when they are evaluated. With require.js
 *                   already loaded, lodash hands itself to define() instead of module.exports, the bundle's lodash
 *                   is empty and the page dies on "(0, x.merge) is not a function" (tried). So the bundle only keeps
 *                   its modules in a table...
 *   3. require.js   ...and the inline script after require.js calls window.__switchboardRegisterAmd(), which
 *                   defines each of them under its name: the AMD registry that the plugin's define([...]) resolves
 *                   against, as SystemJS's registry does in Grafana. "module" (webpack's `amd-module` external, used
 *                   for the public path) is require.js's own special module: { id, uri, config }.
 */
export async function buildHost(
  host: GrafanaHost,
  options: { reactMode?: 'production' | 'development' } = {}
): Promise<HostBuild> {
  const out = hostOut(host);
  const modulesDir = hostModules(host);
  if (!existsSync(modulesDir)) {
    throw new Error(
      `The Grafana ${host} host is not installed: npm ci --prefix ${path.relative(ROOT, path.dirname(modulesDir))}`
    );
  }
  const started = Date.now();
  const files = distModules();
  if (files.length === 0) {
    throw new Error('dist/ has no module.js: run npm run build first');
  }
  const required = new Set<string>();
  for (const file of files) {
    for (const dep of amdDependencies(file)) {
      if (!AMD_BUILTINS.has(dep)) {
        required.add(dep);
      }
    }
  }
  const unknown = [...required].filter((d) => !(d in KNOWN_EXTERNALS));
  if (unknown.length) {
    throw new Error(
      `The plugin requires AMD modules the browser test host does not offer: ${unknown.join(', ')}. ` +
        'Add them to KNOWN_EXTERNALS in test/browser/build.ts.'
    );
  }
  const modules = [...new Set([...CORE_EXTERNALS, ...required])].sort();

  mkdirSync(out, { recursive: true });
  const result = await build({
    entryPoints: {
      boot: path.join(__dirname, 'page/boot.ts'),
      host: path.join(__dirname, 'page/host.tsx'),
    },
    outdir: out,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    // @grafana/ui's code editor brings monaco-editor, whose CSS imports its icon font
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file', '.gif': 'file' },
    assetNames: 'assets/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
    define: {
      'process.env.NODE_ENV': JSON.stringify(options.reactMode ?? 'production'),
      __GRAFANA_VERSION__: JSON.stringify(hostVersion(host)),
      global: 'globalThis',
    },
    plugins: [
      externalsPlugin(modules, modulesDir),
      cjsDefaultInteropPlugin(modulesDir),
      hostTreePlugin(modulesDir),
      optionalImportsPlugin(),
    ],
  });

  writeFileSync(path.join(out, 'meta.json'), JSON.stringify(result.metafile));
  // CSS that bundled libraries import (monaco-editor's), as Grafana's own stylesheet carries it
  const css = Object.keys(result.metafile.outputs).some((o) => o.endsWith('/host.css'))
    ? '\n    <link rel="stylesheet" href="/host/host.css" />'
    : '';
  writeFileSync(
    path.join(out, 'index.html'),
    `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Switchboard plugin host (browser tests, Grafana ${host})</title>
    <link rel="icon" href="data:," />${css}
    <!-- 1. what Grafana's index.html sets: boot data, public path -->
    <script src="/host/boot.js"></script>
    <!-- 2. the vendor bundle, before require.js (UMD libraries inside must not see define.amd) -->
    <script src="/host/host.js"></script>
    <!-- 3. the AMD loader, then the registry of the host's modules under their names -->
    <script src="/vendor/require.js"></script>
    <script>
      window.__switchboardRegisterAmd();
    </script>
  </head>
  <body style="margin: 0">
    <div id="root"></div>
  </body>
</html>
`
  );
  const bytes: Record<string, number> = {};
  for (const f of ['boot.js', 'host.js']) {
    bytes[f] = statSync(path.join(out, f)).size;
  }
  return { outDir: out, modules, bytes, ms: Date.now() - started };
}

if (require.main === module) {
  const asked = process.argv.slice(2) as GrafanaHost[];
  (async () => {
    for (const host of asked.length > 0 ? asked : GRAFANA_HOSTS) {
      const r = await buildHost(host);
      const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
      console.log(
        `host page built in ${r.ms} ms into ${path.relative(ROOT, r.outDir)}: host.js ${kb(r.bytes['host.js'])}, ` +
          `AMD modules: ${r.modules.join(', ')}`
      );
    }
  })().then(
    () => {},
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    }
  );
}
