// The frontend packages of each supported Grafana release, in trees of their own under test/browser/hosts (peers the
// root's cannot share): the browser layers load them, the jsdom layers resolve Grafana's packages from them, and the
// plugin's typecheck reads @grafana/scenes from the 12.4 tree. Installed from their lockfiles when missing or older
// than the lockfile. `npm test` runs this first; `npm run typecheck` too (its pretypecheck script), so the typecheck
// works after a bare `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Installs the trees that need it; returns the hosts whose install failed. */
export function installHostTrees(root) {
  const failed = [];
  for (const host of readdirSync(path.join(root, 'test/browser/hosts')).filter((d) => d.startsWith('grafana-'))) {
    const dir = path.join(root, 'test/browser/hosts', host);
    const installed = path.join(dir, 'node_modules/.package-lock.json');
    if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(path.join(dir, 'package-lock.json')).mtimeMs) {
      console.log(`== host page packages (${host}: npm ci --prefix test/browser/hosts/${host})`);
      const r = spawnSync('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
      if (r.status !== 0) {
        console.error(`npm ci in test/browser/hosts/${host} failed: its browser layers will fail`);
        failed.push(host);
      }
    }
  }
  return failed;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
  process.exit(installHostTrees(root).length ? 1 : 0);
}
