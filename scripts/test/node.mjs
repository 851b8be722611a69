// The Node the tests run on: the release line package.json's engines names (the line of .nvmrc and of the Docker
// image). Where the machine's node is older (Debian's is 20), the same line comes from the npm registry, which serves
// Node itself as the package "node" (a launcher that installs the platform's binary package), into a cache folder
// outside the repository, once: about 5 s and 190 MB.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

const major = (version) => Number(String(version).replace(/^v/, '').split('.')[0]);

/** The lowest major of engines.node (">=24" gives 24). */
export function requiredNodeMajor(root) {
  const range = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines?.node ?? '';
  const m = /(\d+)/.exec(range);
  if (!m) {
    throw new Error(`package.json engines.node "${range}" names no major version`);
  }
  return Number(m[1]);
}

function versionOf(node) {
  const r = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * A node binary of at least `wanted`: this process's own when it is recent enough, else the cached one, fetched
 * with npm when missing. Returns { node, version, fetched, seconds }; throws with what to do when npm fails.
 */
export function nodeForTests(wanted, env = process.env) {
  if (major(process.versions.node) >= wanted) {
    return { node: process.execPath, version: process.version, fetched: false, seconds: 0 };
  }
  const cacheRoot = env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  const dir = env.SWITCHBOARD_NODE_CACHE || path.join(cacheRoot, 'switchboard', `node-${wanted}`);
  const node = path.join(dir, 'node_modules', '.bin', 'node');
  const cached = existsSync(node) ? versionOf(node) : undefined;
  if (cached && major(cached) === wanted) {
    return { node, version: cached, fetched: false, seconds: 0 };
  }
  const started = Date.now();
  process.stdout.write(
    `[test-all] this machine's node is ${process.version}; the tests run on Node ${wanted} (package.json engines, ` +
      `.nvmrc, the Docker image): installing node@${wanted} from the npm registry into ${dir}\n`
  );
  const npm = spawnSync(
    'npm',
    ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `node@${wanted}`],
    { stdio: 'inherit', env }
  );
  const version = existsSync(node) ? versionOf(node) : undefined;
  if (npm.status !== 0 || !version || major(version) !== wanted) {
    throw new Error(
      `could not install Node ${wanted} with npm (exit ${npm.status}, ${node}: ${version ?? 'missing'}). ` +
        `Install Node ${wanted} yourself (https://nodejs.org, nvm install ${wanted}) or set SWITCHBOARD_NODE_CACHE ` +
        'to a folder holding node_modules/.bin/node of that line.'
    );
  }
  return { node, version, fetched: true, seconds: (Date.now() - started) / 1000 };
}
