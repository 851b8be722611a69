#!/usr/bin/env node
// Runs every test layer of Switchboard and ends with one line: "N passed, N failed" (the sum of all layers).
// Layers: static checks (typecheck, lint), the plugin build, jest (browser, node, integration and browser-e2e
// projects). See docs/testing.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const results = [];

function run(name, command, args, options = {}) {
  const started = Date.now();
  const r = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0' },
    ...options,
  });
  return { ok: r.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

// 1. static checks: each counts as one test
for (const [name, args] of [
  ['typecheck (plugin)', ['tsc', '--noEmit']],
  ['typecheck (node)', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']],
  ['typecheck (browser host)', ['tsc', '-p', 'test/browser/tsconfig.json', '--noEmit']],
  ['lint (eslint)', ['eslint', '.']],
]) {
  const r = run(name, 'npx', args);
  results.push({ layer: name, passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1, seconds: r.seconds });
}

// 2. the plugin build (webpack, ~5 s): the browser layer loads dist/, which must be the code under test, so it is
// built every time rather than trusted to be fresh. Counts as one test.
{
  const r = run('build', 'npm', ['run', 'build']);
  results.push({ layer: 'build (webpack)', passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1, seconds: r.seconds });
}
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `\nChromium is missing at ${chromium}: the browser (chromium) layer will fail. ` +
      'Install it with `apt-get install -y chromium` (.ci/run does) or set CHROMIUM_PATH.\n'
  );
}

// 3. jest: unit (browser + node), integration and browser-e2e projects
const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-jest-'));
const out = path.join(dir, 'jest.json');
const projectsOut = path.join(dir, 'projects.json');
const jest = run('jest', 'npx', ['jest', '--ci', '--json', `--outputFile=${out}`], {
  env: { ...process.env, FORCE_COLOR: '0', JEST_PROJECTS_OUT: projectsOut },
});
// The layer each jest project is reported as: the browser layers run once per supported Grafana release.
const LAYERS = {
  browser: 'browser (grafana 12.4)',
  'browser-13.2': 'browser (grafana 13.2)',
  node: 'node',
  integration: 'integration',
  'browser-e2e': 'browser (chromium, 12.4)',
  'browser-e2e-13.2': 'browser (chromium, 13.2)',
};
try {
  JSON.parse(readFileSync(out, 'utf8'));
  const byProject = new Map();
  for (const row of JSON.parse(readFileSync(projectsOut, 'utf8'))) {
    const layer = LAYERS[row.project] ?? row.project;
    const p = byProject.get(layer) ?? { passed: 0, failed: 0, ms: 0 };
    p.passed += row.passed;
    p.failed += row.failed;
    p.ms += row.ms;
    byProject.set(layer, p);
  }
  for (const [project, p] of byProject) {
    // seconds: the sum of the project's suite durations (jest runs suites in parallel workers)
    results.push({ layer: `jest ${project}`, passed: p.passed, failed: p.failed, seconds: (p.ms / 1000).toFixed(1) });
  }
} catch (err) {
  results.push({ layer: 'jest', passed: 0, failed: 1, seconds: jest.seconds });
  console.error(`could not read the jest report: ${err.message}`);
}
rmSync(dir, { recursive: true, force: true });

console.log(`\nlayer                         passed  failed  seconds (jest total ${jest.seconds})`);
for (const r of results) {
  console.log(
    `${r.layer.padEnd(30)}${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.seconds).padStart(7)}`
  );
}
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
