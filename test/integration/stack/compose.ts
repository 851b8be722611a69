import { parse as parseYaml } from 'yaml';
import { read } from './repo';

/**
 * docker-compose.yaml as `docker compose` sees it: parsed, then every value interpolated from the shell (or .env)
 * with Compose's rules: ${VAR}, ${VAR:-default} (default when unset or empty), ${VAR-default} (default when unset),
 * $VAR, and $$ for a literal $. Comments are not values, so they are never interpolated.
 */

export interface ComposeService {
  build?: { context: string; target?: string; dockerfile?: string; args?: Record<string, string> };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  networks?: Record<string, { aliases?: string[] } | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[]; interval?: string; timeout?: string; retries?: number; start_period?: string };
  init?: boolean;
  restart?: string;
}
export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export type Env = Record<string, string | undefined>;

const COMPOSE_VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export function composeInterpolate(value: string, env: Env): string {
  return value.replace(COMPOSE_VARIABLE, (match, braced?: string, op?: string, fallback?: string, bare?: string) => {
    if (match === '$$') {
      return '$';
    }
    const current = env[(braced ?? bare) as string];
    if (op === ':-') {
      return current === undefined || current === '' ? (fallback as string) : current;
    }
    if (op === '-') {
      return current === undefined ? (fallback as string) : current;
    }
    return current ?? '';
  });
}

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') {
    return f(value);
  }
  if (Array.isArray(value)) {
    return value.map((v) => mapStrings(v, f));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  }
  return value;
}

export const composeRaw = parseYaml(read('docker-compose.yaml')) as ComposeFile;

/** The variables the compose file reads from the shell, with the default each falls back to (undefined: none). */
export function composeVariables(): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  mapStrings(composeRaw, (s) => {
    for (const m of s.matchAll(COMPOSE_VARIABLE)) {
      if (m[0] !== '$$') {
        found.set(m[1] ?? m[4], m[3]);
      }
    }
    return s;
  });
  return found;
}

/** The compose file with the given shell environment (default: nothing set). */
export const compose = (env: Env = {}): ComposeFile =>
  mapStrings(composeRaw, (s) => composeInterpolate(s, env)) as ComposeFile;

export function service(name: string, env: Env = {}): ComposeService {
  const s = compose(env).services[name];
  if (!s) {
    throw new Error(`docker-compose.yaml has no service "${name}"`);
  }
  return s;
}

/** A service's environment as its container sees it. Values must be strings in the file (quoted numbers). */
export function environment(name: string, env: Env = {}): Record<string, string> {
  const e = service(name, env).environment ?? {};
  const notStrings = Object.entries(e).filter(([, v]) => typeof v !== 'string');
  if (notStrings.length) {
    throw new Error(`${name}: quote these environment values: ${notStrings.map(([k]) => k).join(', ')}`);
  }
  return e;
}

/** The host names a service answers to on the compose network: its name and its aliases. */
export function hostNames(name: string): string[] {
  const aliases = Object.values(service(name).networks ?? {}).flatMap((n) => n?.aliases ?? []);
  return [name, ...aliases];
}

/** The service a host name of the compose network reaches, if any. */
export function serviceAt(host: string): string | undefined {
  return Object.keys(compose().services).find((name) => hostNames(name).includes(host));
}

/** The container port of a `ports:` entry such as "127.0.0.1:8080:8080" or "3000:3000/tcp". */
export const containerPort = (entry: string): number => Number(entry.split('/')[0].split(':').pop());
/** The host address a `ports:` entry binds ("" for every interface). */
export const hostAddress = (entry: string): string => {
  const parts = entry.split('/')[0].split(':');
  return parts.length === 3 ? parts[0] : '';
};
export const publishedContainerPorts = (name: string): number[] => (service(name).ports ?? []).map(containerPort);

/** The URL a CMD healthcheck asks for, and the program it runs. */
export function healthcheckOf(name: string): { tool: string; url: URL; test: string[] } {
  const test = service(name).healthcheck?.test;
  if (!Array.isArray(test) || test[0] !== 'CMD') {
    throw new Error(`${name}: the healthcheck must be in CMD form (no shell in the node and busybox images' PATHs)`);
  }
  const url = test.join(' ').match(/https?:\/\/[^\s'"`)]+/)?.[0];
  if (!url) {
    throw new Error(`${name}: the healthcheck names no URL`);
  }
  return { tool: test[1], url: new URL(url), test };
}

/** The argument after `--flag` (or of `--flag=value`) in a command. */
export function argument(command: string[], flag: string): string | undefined {
  const i = command.indexOf(flag);
  if (i >= 0) {
    return command[i + 1];
  }
  return command.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

/** The arguments after `node --import tsx <entry>`: what the program's own parser receives. */
export function programArguments(name: string): { entry: string; argv: string[] } {
  const command = service(name).command ?? [];
  if (command.slice(0, 3).join(' ') !== 'node --import tsx') {
    throw new Error(`${name}: expected the command to start with node --import tsx, got ${command.join(' ')}`);
  }
  return { entry: command[3], argv: command.slice(4) };
}
