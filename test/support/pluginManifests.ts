import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The functions of semver used here (semver ships no type declarations, and @types/semver is not installed). */
interface Semver {
  validRange(range: string): string | null;
  minVersion(range: string): { version: string } | null;
  lt(a: { version: string } | string, b: string): boolean;
}
const semver = require('semver') as Semver;

/**
 * The checks a built plugin (dist/) goes through before Grafana and the plugin catalogue accept it, as functions over
 * the manifests: grafana/plugin-validator's analyzers (named after them below) and what Grafana's nav builder needs.
 * Each problem is "<file>: <rule>: <what>", so a failing test names the validator rule a submission would hit.
 */

export interface Include {
  type?: string;
  name?: string;
  path?: string;
  uid?: string;
  addToNav?: boolean;
  defaultNav?: boolean;
}

export interface Manifest {
  id: string;
  type: string;
  info?: { logos?: { small?: string; large?: string }; screenshots?: Array<{ path?: string }> };
  includes?: Include[];
  dependencies?: { grafanaDependency?: string };
  routes?: Array<Record<string, unknown>>;
}

/** dist/**\/plugin.json by path relative to dist ("plugin.json", "datasource/plugin.json", ...), as nestedmetadata keys them. */
export function readManifests(dist: string): Map<string, Manifest> {
  const found = new Map<string, Manifest>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) {
        walk(file);
      } else if (name === 'plugin.json') {
        found.set(path.relative(dist, file).split(path.sep).join('/'), JSON.parse(readFileSync(file, 'utf8')));
      }
    }
  };
  walk(dist);
  return found;
}

/** metadatavalid: the manifest against the validator's JSON schema (gojsonschema checks formats, so does this). */
export function schemaProblems(schemaFile: string, manifests: Map<string, unknown>): string[] {
  // unicodeRegExp off: the schema's patterns are written for Go's regexp (gojsonschema), e.g. "\-", which a /u
  // JavaScript RegExp refuses. strict off: the schema carries annotations Ajv does not know.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  const problems: string[] = [];
  for (const [file, manifest] of manifests) {
    if (!validate(manifest)) {
      for (const e of validate.errors ?? []) {
        const extra = e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : '';
        problems.push(`${file}: invalid-metadata: ${e.instancePath || '/'} ${e.message}${extra}`);
      }
    }
  }
  return problems;
}

/**
 * includesnested: only an app may hold nested plugins, and its includes must declare each one with `path` equal to
 * the nested plugin.json's path in the archive and the same `type`.
 */
export function nestedPluginProblems(manifests: Map<string, Manifest>): string[] {
  const root = manifests.get('plugin.json');
  const nested = [...manifests.keys()].filter((k) => k !== 'plugin.json');
  if (!root || nested.length === 0) {
    return [];
  }
  if (root.type !== 'app') {
    return [`plugin.json: nested-plugin-id-in-non-app: nested plugins are not allowed on plugins of type ${root.type}`];
  }
  const problems: string[] = [];
  for (const key of nested) {
    const include = (root.includes ?? []).find((i) => i.path === key);
    if (!include) {
      problems.push(`plugin.json: nested-plugins-not-declared: no include has "path": "${key}"`);
    } else if (!include.type) {
      problems.push(`plugin.json: nested-plugin-missing-type: the include of ${key} has no type`);
    } else if (include.type !== manifests.get(key)?.type) {
      problems.push(
        `plugin.json: nested-plugin-type-missmatch: ${key} is declared as ${include.type} but is a ${manifests.get(key)?.type}`
      );
    }
  }
  return problems;
}

/** metadatapaths: logos and screenshots relative to their plugin.json, without a leading "." or "/", and present. */
export function pathProblems(dist: string, manifests: Map<string, Manifest>): string[] {
  const problems: string[] = [];
  for (const [file, m] of manifests) {
    const paths = [
      ['small logo', m.info?.logos?.small],
      ['large logo', m.info?.logos?.large],
      ...(m.info?.screenshots ?? []).map((s) => ['screenshot', s.path] as const),
    ];
    for (const [kind, p] of paths) {
      if (!p || /^[a-z][a-z0-9+.-]*:/i.test(p)) {
        problems.push(
          `${file}: path-relative-to-metadata: ${kind} "${p ?? ''}" must be a path relative to plugin.json`
        );
      } else if (p.startsWith('.') || p.startsWith('/')) {
        problems.push(`${file}: invalid-relative-path: ${kind} "${p}" starts with "." or "/"`);
      } else if (!existsSync(path.join(dist, path.dirname(file), p))) {
        problems.push(`${file}: path-not-exists: ${kind} ${path.posix.join(path.posix.dirname(file), p)}`);
      }
    }
  }
  return problems;
}

/**
 * grafanadependency (a valid range), plus this project's rule: no lower than the Grafana release the plugin is built
 * and tested with, so no user runs it on a Grafana it was never tried on.
 */
export function dependencyProblems(manifests: Map<string, Manifest>, testedRelease: string): string[] {
  const problems: string[] = [];
  for (const [file, m] of manifests) {
    const range = m.dependencies?.grafanaDependency ?? '';
    const lowest = semver.validRange(range) ? semver.minVersion(range) : null;
    if (!lowest) {
      problems.push(`${file}: invalid-grafana-dependency: "${range}" is not a version range`);
    } else if (semver.lt(lowest, testedRelease)) {
      problems.push(
        `${file}: grafanaDependency "${range}" admits ${lowest.version}, below the tested ${testedRelease}`
      );
    }
  }
  return problems;
}

/**
 * Grafana's nav builder (pkg/services/navtree/navtreeimpl/applinks.go) links a dashboard include with addToNav to
 * /d/<uid> (plugins.Includes.DashboardURLPath) and skips it without a uid. The uid must be the dashboard's own, or
 * the link opens nothing.
 */
export function navProblems(dist: string, manifests: Map<string, Manifest>): string[] {
  const problems: string[] = [];
  for (const include of manifests.get('plugin.json')?.includes ?? []) {
    if (include.type !== 'dashboard') {
      continue;
    }
    const file = include.path ? path.join(dist, include.path) : '';
    const uid = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { uid?: string }).uid : undefined;
    if (!include.uid && include.addToNav) {
      problems.push(
        `plugin.json: nav: "${include.name}" has addToNav but no uid, so Grafana leaves it out of the menu`
      );
    } else if (include.uid && include.uid !== uid) {
      problems.push(`plugin.json: nav: "${include.name}" names uid ${include.uid}, its dashboard has ${uid}`);
    }
  }
  return problems;
}
