import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository's files as the stack tests read them: paths are relative to the repository root, with `/`. */

export const root = path.resolve(__dirname, '../../..');
export const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
export const readJson = <T = Record<string, unknown>>(file: string): T => JSON.parse(read(file)) as T;
export const exists = (file: string): boolean => existsSync(path.join(root, file));

/** Every file named `name` under `dir`, recursively (node_modules excluded). */
export function findFiles(dir: string, name: string | RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') {
        out.push(...findFiles(rel, name));
      }
    } else if (typeof name === 'string' ? entry.name === name : name.test(entry.name)) {
      out.push(rel);
    }
  }
  return out;
}

export interface PackageJson {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
export const packageJson = readJson<PackageJson>('package.json');

export interface PluginJson {
  file: string;
  id: string;
  type: 'app' | 'datasource' | 'panel';
  routes?: Array<{
    path: string;
    method?: string;
    url?: string;
    reqRole?: string;
    reqAction?: string;
    headers?: Array<{ name: string; content: string }>;
  }>;
  dependencies: { grafanaDependency: string };
}

/** Every plugin.json of the repository: the app at the root, the nested datasource and panels under src/. */
export const plugins: PluginJson[] = ['plugin.json', ...findFiles('src', 'plugin.json')].map((file) => ({
  file,
  ...readJson<Omit<PluginJson, 'file'>>(file),
}));

export function onePlugin(type: PluginJson['type']): PluginJson {
  const found = plugins.filter((p) => p.type === type);
  if (found.length !== 1) {
    throw new Error(`expected one ${type} plugin.json, found ${found.map((p) => p.file).join(', ') || 'none'}`);
  }
  return found[0];
}
