import path from 'node:path';
import ts from 'typescript';
import { compose, service } from './stack/compose';
import { baseImage, dockerfile, originOf, stage } from './stack/dockerfile';
import { ignoredByDocker } from './stack/dockerignore';
import { exists, findFiles, onePlugin, packageJson, plugins, read, readJson } from './stack/repo';

/**
 * The Dockerfile and .dockerignore, checked statically: every image is built from this repository alone (multi-stage:
 * install, build the plugin, prune), from files that exist and reach the build context, on pinned base images;
 * the Grafana image runs a release the plugin supports; the Node image holds what the simulator and the proxy
 * import.
 */

/** The functions of semver used here (semver ships no type declarations, and @types/semver is not installed). */
interface Semver {
  valid(v: string): string | null;
  satisfies(v: string, range: string): boolean;
  gte(a: string, b: string): boolean;
  major(v: string): number;
  minor(v: string): number;
  minVersion(range: string): { version: string } | null;
}
const semver = require('semver') as Semver;

const stageOf = (name: string) => stage(service(name).build?.target as string);

describe('Dockerfile: stages and base images', () => {
  it('builds every compose service that is not a pulled image from a target of this Dockerfile', () => {
    const names = dockerfile.stages.map((s) => s.name);
    for (const [name, s] of Object.entries(compose().services)) {
      if (s.build) {
        expect([name, s.build.context, s.build.dockerfile ?? 'Dockerfile']).toEqual([name, '.', 'Dockerfile']);
        expect([name, names]).toEqual([name, expect.arrayContaining([s.build.target])]);
        // The compose file never overrides a build argument: the Dockerfile's pins are the ones tested.
        expect([name, s.build.args]).toEqual([name, undefined]);
      } else {
        expect([name, s.image]).toEqual([name, expect.stringMatching(/^[\w./-]+:v?\d+\.\d+\.\d+$/)]);
      }
    }
    expect(stageOf('simulator')).toBe(stageOf('proxy'));
  });

  it('pins every base image to a version, and builds stages only on earlier ones', () => {
    dockerfile.stages.forEach((s, i) => {
      const earlier = dockerfile.stages.slice(0, i).map((e) => e.name);
      for (const copy of s.copies.filter((c) => c.from)) {
        expect([s.name, earlier]).toEqual([s.name, expect.arrayContaining([copy.from])]);
      }
      if (!earlier.includes(s.base)) {
        expect([s.name, s.base]).toEqual([s.name, expect.stringMatching(/^[\w./-]+:\d[\w.-]*$/)]);
      }
    });
  });

  it('runs the Node services on the Node major of .nvmrc (what CI tests), as the unprivileged user node', () => {
    expect(baseImage(stageOf('proxy'))).toMatch(new RegExp(`^node:${read('.nvmrc').trim()}[-.]`));
    expect(stageOf('proxy').user).toBe('node');
  });

  it("runs a Grafana that satisfies every plugin.json's grafanaDependency and that the browser layer tested", () => {
    const version = baseImage(stageOf('grafana')).match(/^grafana\/grafana:(.+)$/)?.[1] as string;
    expect(semver.valid(version)).toBe(version);
    for (const p of plugins) {
      const range = p.dependencies.grafanaDependency;
      expect([p.file, range, semver.satisfies(version, range)]).toEqual([p.file, range, true]);
    }
    // The plugin is built once against the oldest supported @grafana/* packages; Grafana hands it its own at run
    // time. The image runs a release whose frontend one of the browser layer's host pages is made of
    // (test/browser/hosts/grafana-<release>), never one older than the packages the plugin is typed against.
    const built = packageJson.dependencies['@grafana/data'];
    expect(semver.valid(built)).toBe(built);
    expect(semver.gte(version, built)).toBe(true);
    for (const name of ['@grafana/ui', '@grafana/runtime', '@grafana/schema']) {
      expect([name, packageJson.dependencies[name]]).toEqual([name, built]);
    }
    const tested = findFiles('test/browser/hosts', 'package.json').map(
      (f) => readJson<{ dependencies: Record<string, string> }>(f).dependencies['@grafana/data']
    );
    expect(tested).toContain(version);
    expect(tested).toContain(built);
    // every plugin names the oldest tested release, exactly, as the oldest it supports (never a release it was not
    // tested on: issue 13)
    for (const p of plugins) {
      expect([p.file, semver.minVersion(p.dependencies.grafanaDependency)?.version]).toEqual([p.file, built]);
    }
  });
});

describe('Dockerfile: the build', () => {
  it('installs exactly the lockfile (npm ci), then builds the plugin with npm run build (webpack)', () => {
    const build = stage('plugin-build');
    expect(build.runs).toEqual(['npm ci', 'npm run build']);
    expect(packageJson.scripts.build).toMatch(/^webpack /);
    // The install sees only the manifest and the lockfile, so the layer is reused until dependencies change.
    expect(stage('deps').copies).toEqual([
      { sources: ['package.json', 'package-lock.json'], dest: '/app', destIsFolder: true },
    ]);
    expect(exists('package-lock.json')).toBe(true);
  });

  it('copies only files that exist in the repository and reach the build context, or that a stage builds', () => {
    for (const s of dockerfile.stages) {
      for (const copy of s.copies) {
        for (const source of copy.sources) {
          if (copy.from) {
            // Another stage's output: the plugin's dist/ (npm run build) or the pruned node_modules.
            const from = stage(copy.from);
            const made = { dist: 'npm run build', node_modules: 'npm ci' }[path.posix.basename(source)];
            expect([s.name, source, made !== undefined]).toEqual([s.name, source, true]);
            expect(path.posix.dirname(source)).toBe(from.workdir);
            expect(from.runs).toContain(made);
          } else if (source !== '.') {
            expect([source, exists(source), ignoredByDocker(source)]).toEqual([source, true, false]);
          }
        }
      }
    }
  });

  it('keeps host node_modules, dist and secrets out of the build context, and every build input in', () => {
    for (const ignored of [
      'node_modules',
      'simulator/node_modules',
      'dist',
      'build',
      '.git',
      'test/browser/.build',
      '.env',
      '.env.local',
    ]) {
      expect([ignored, ignoredByDocker(ignored)]).toEqual([ignored, true]);
    }
    // What `npm run build` reads: the manifests, the webpack configuration, the sources, and what it copies into
    // dist/ (README.md, CHANGELOG.md, LICENSE, the logos, the dashboards).
    const inputs = [
      'package.json',
      'package-lock.json',
      'plugin.json',
      'tsconfig.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
    ];
    inputs.push(...findFiles('.config', /\.(ts|js|json)$/).map((f) => f.replace(/^\.\//, '')));
    inputs.push(...findFiles('src', /\.(tsx?|json|svg|png)$/), ...findFiles('dashboards', /\.json$/));
    for (const file of inputs) {
      expect([file, ignoredByDocker(file)]).toEqual([file, false]);
    }
  });

  it('installs the built plugin in a folder named after the app id, nested plugins and dashboards included', () => {
    const grafana = stageOf('grafana');
    const app = onePlugin('app').id;
    expect(originOf(grafana, `/var/lib/grafana/plugins/${app}/plugin.json`)).toEqual({
      built: { stage: 'plugin-build', path: '/app/dist/plugin.json' },
    });
    for (const p of plugins.filter((q) => q.type !== 'app')) {
      // Nested plugins sit in dist/ where their plugin.json sits under src/.
      const nested = path.posix.relative('src', p.file);
      expect(originOf(grafana, `/var/lib/grafana/plugins/${app}/${nested}`)).toEqual({
        built: { stage: 'plugin-build', path: `/app/dist/${nested}` },
      });
    }
    // The dashboards the app includes come with the build (dist/dashboards), not from a second copy.
    expect(originOf(grafana, `/var/lib/grafana/plugins/${app}/dashboards/noc-overview.json`)).toEqual({
      built: { stage: 'plugin-build', path: '/app/dist/dashboards/noc-overview.json' },
    });
  });
});

describe('Dockerfile: the Node services image', () => {
  /**
   * The modules `node --import tsx` loads from the two entry files, followed through every relative import that is
   * not type-only (tsx drops those), and the packages they import.
   */
  function runtimeGraph(entries: string[]): { files: Set<string>; packages: Map<string, string> } {
    const files = new Set<string>();
    const packages = new Map<string, string>();
    const resolve = (from: string, spec: string) => {
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
      const found = [base, `${base}.ts`, `${base}/index.ts`].find((f) => /\.(ts|json)$/.test(f) && exists(f));
      if (!found) {
        throw new Error(`${from}: cannot resolve ${spec}`);
      }
      return found;
    };
    const visit = (file: string) => {
      if (files.has(file)) {
        return;
      }
      files.add(file);
      if (!file.endsWith('.ts')) {
        return;
      }
      const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.ES2022, false);
      for (const st of source.statements) {
        if (!(ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) || !st.moduleSpecifier) {
          continue;
        }
        const clause = ts.isImportDeclaration(st) ? st.importClause : undefined;
        const named = clause?.namedBindings;
        const typeOnly =
          (ts.isExportDeclaration(st) && st.isTypeOnly) ||
          clause?.isTypeOnly === true ||
          (clause !== undefined &&
            clause.name === undefined &&
            named !== undefined &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly));
        const spec = (st.moduleSpecifier as ts.StringLiteral).text;
        if (typeOnly || spec.startsWith('node:')) {
          continue;
        }
        if (spec.startsWith('.')) {
          visit(resolve(file, spec));
        } else {
          // '@scope/name/sub' and 'name/sub' come from the packages '@scope/name' and 'name'.
          const parts = spec.split('/');
          const pkg = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
          packages.set(pkg, packages.get(pkg) ?? file);
        }
      }
    };
    entries.forEach(visit);
    return { files, packages };
  }

  const entries = ['sim', 'proxy'].map((script) => packageJson.scripts[script].match(/^tsx (\S+\.ts)$/)?.[1] as string);
  const graph = runtimeGraph(entries);

  /** The dependencies the runtime-deps stage deletes before `npm prune --omit=dev`. */
  function deletedDependencies(): string[] {
    const pkgDelete = stage('runtime-deps').runs.find((r) => r.startsWith('npm pkg delete '));
    expect(pkgDelete).toMatch(/^npm pkg delete (dependencies\.\S+ )+&& npm prune --omit=dev$/);
    return [...(pkgDelete as string).matchAll(/dependencies\.(\S+)/g)].map((m) => m[1]);
  }

  it('runs the entry files of `npm run sim` and `npm run proxy`', () => {
    expect(entries).toEqual(['simulator/cli.ts', 'proxy/cli.ts']);
    expect(graph.files.size).toBeGreaterThan(20);
  });

  it('holds every module the two programs load, and the default scenario', () => {
    const s = stageOf('proxy');
    for (const file of [...graph.files, 'simulator/scenario/default.yaml', 'package.json']) {
      expect([file, originOf(s, path.posix.join(s.workdir, file))]).toEqual([file, { repo: file }]);
      expect([file, ignoredByDocker(file)]).toEqual([file, false]);
    }
    expect(originOf(s, '/app/node_modules/tsx/package.json')).toEqual({
      built: { stage: 'runtime-deps', path: '/app/node_modules/tsx/package.json' },
    });
  });

  it('keeps every package they import, and tsx, through the prune', () => {
    const deleted = deletedDependencies();
    expect([...graph.packages.keys()]).toEqual(expect.arrayContaining(['fastify', '@aws-sdk/client-connect', 'yaml']));
    for (const [pkg, file] of graph.packages) {
      // A devDependency would be pruned; a deleted dependency is gone.
      expect([pkg, file, pkg in packageJson.dependencies, deleted.includes(pkg)]).toEqual([pkg, file, true, false]);
    }
    // tsx runs the TypeScript sources (node --import tsx): a dependency, not a devDependency, and kept.
    expect(Object.keys(packageJson.dependencies)).toContain('tsx');
    expect(deleted).not.toContain('tsx');
  });

  it('drops only dependencies package.json declares (the browser libraries Grafana supplies)', () => {
    const deleted = deletedDependencies();
    expect(deleted).toEqual(expect.arrayContaining(['@grafana/ui', 'react']));
    for (const name of deleted) {
      expect([name, name in packageJson.dependencies]).toEqual([name, true]);
    }
  });
});
