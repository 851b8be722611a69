import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_ROOT, buildHost, GRAFANA_HOSTS, ROOT } from '../build';

/** Written when the setup fails: each browser suite then fails with this message (startHarness). */
export const SETUP_FAILED = path.join(BUILD_ROOT, 'SETUP_FAILED');

/**
 * Jest global setup of the host-page projects (jest runs it once for both): builds the plugin if dist/ is missing
 * (npm test builds it before jest, and so does CI), then the host page of each Grafana release (about 9 s each). It never throws: a throw here would abort every jest
 * project, so a failure is left for the browser suites to report.
 */
export default async function globalSetup(): Promise<void> {
  mkdirSync(BUILD_ROOT, { recursive: true });
  rmSync(SETUP_FAILED, { force: true });
  try {
    const modules = ['dist/module.js', 'dist/datasource/module.js'].map((f) => path.join(ROOT, f));
    if (!modules.every((f) => existsSync(f))) {
      const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
      if (r.status !== 0) {
        throw new Error('npm run build failed: the browser tests need dist/');
      }
    }
    for (const host of GRAFANA_HOSTS) {
      const built = await buildHost(host);
      const kib = (n: number) => `${Math.round(n / 1024)} KiB`;
      process.stdout.write(
        `\nbrowser host page (Grafana ${host}) built in ${built.ms} ms (host.js ${kib(built.bytes['host.js'])}; ` +
          `AMD: ${built.modules.join(', ')})\n`
      );
    }
  } catch (err) {
    const message = `browser tests setup failed: ${(err as Error).message}`;
    process.stderr.write(`\n${message}\n`);
    writeFileSync(SETUP_FAILED, message);
  }
}
