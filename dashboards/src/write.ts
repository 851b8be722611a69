import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_DASHBOARDS, DASHBOARDS, dashboardJson } from './index';

/**
 * `npm run dashboards`: writes dashboards/*.json from these sources. `--check` writes nothing and exits 1 when a file
 * differs (a test runs the same comparison).
 */
const check = process.argv.includes('--check');
const dir = path.resolve(__dirname, '..');
let stale = 0;
for (const [key, d] of Object.entries(ALL_DASHBOARDS)) {
  const file = path.join(dir, DASHBOARDS[key as keyof typeof DASHBOARDS].file);
  const text = dashboardJson(d);
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // missing: stale
  }
  if (current === text) {
    continue;
  }
  stale += 1;
  if (check) {
    console.error(`${path.relative(process.cwd(), file)} is not what dashboards/src builds: run npm run dashboards`);
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
process.exitCode = check && stale > 0 ? 1 : 0;
