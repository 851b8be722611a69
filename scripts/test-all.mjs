#!/usr/bin/env node
// Runs every test layer of Switchboard and ends with one line: "N passed, N failed" (the sum of all layers). It does
// its own set-up first: the Node line of package.json's engines (fetched from the npm registry when the machine's
// node is older) and the programs the layers need (scripts/test/prerequisites.sh). Every layer has a time limit, and
// jest must exit soon after its tests end, so a red run ends red instead of hanging. See docs/testing.md.
//
// Layers: static checks (typecheck, lint), the plugin build, jest (unit-dom, unit-node, integration and host-page
// projects). Limits (minutes) can be changed with SWITCHBOARD_TEST_STEP_LIMIT_MIN (each static step and the build,
// default 10) and SWITCHBOARD_TEST_JEST_LIMIT_MIN (the jest run, default 45).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { installHostTrees } from './test/hosts.mjs';
import { runJest } from './test/jest.mjs';
import { runLayer } from './test/layer.mjs';
import { nodeForTests, requiredNodeMajor } from './test/node.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const minutes = (name, fallback) => Number(process.env[name] ?? fallback) * 60_000;
const STEP_LIMIT_MS = minutes('SWITCHBOARD_TEST_STEP_LIMIT_MIN', 10);
const JEST_LIMIT_MS = minutes('SWITCHBOARD_TEST_JEST_LIMIT_MIN', 45);
/** How long jest may take to exit once its tests have ended (it says "did not exit one second after" at 1 s). */
const JEST_EXIT_GRACE_MS = 30_000;

// 1. Node: the tests run on the line the image and .nvmrc use. On an older machine node, run this script again on
// that line, with it first on PATH for every child (npx, npm run, the programs the tests start).
const wanted = requiredNodeMajor(root);
let node;
try {
  node = nodeForTests(wanted);
} catch (err) {
  console.error(`[test-all] ${err.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (node.node !== process.execPath) {
  console.log(`[test-all] running the tests on Node ${node.version} (${node.node})`);
  const env = { ...process.env, PATH: `${path.dirname(node.node)}${path.delimiter}${process.env.PATH ?? ''}` };
  const child = spawn(node.node, [new URL(import.meta.url).pathname, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env,
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  // Ctrl-C reaches both processes through the terminal; the child decides the exit code.
  process.on('SIGINT', () => {});
} else {
  await main();
}

async function main() {
  console.log(`[test-all] Node ${process.version}`);
  // 2. The programs the layers need besides Node (installs them as root, else says what to install).
  spawnSync('bash', [path.join(root, 'scripts/test/prerequisites.sh')], { cwd: root, stdio: 'inherit' });
  // Each supported Grafana release's frontend packages for the browser layers (scripts/test/hosts.mjs).
  installHostTrees(root);

  const env = { ...process.env, FORCE_COLOR: '0' };
  const results = [];
  const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);

  // 3. Static checks, each counts as one test.
  for (const [layer, args] of [
    ['typecheck (plugin)', [bin('typescript', 'bin/tsc'), '--noEmit']],
    ['typecheck (node)', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.node.json', '--noEmit']],
    ['typecheck (browser host)', [bin('typescript', 'bin/tsc'), '-p', 'test/browser/tsconfig.json', '--noEmit']],
    ['lint (eslint)', [bin('eslint', 'bin/eslint.js'), '.']],
  ]) {
    const r = await runLayer(process.execPath, args, { cwd: root, env, limitMs: STEP_LIMIT_MS });
    results.push({ layer, passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1, seconds: r.seconds.toFixed(1) });
  }

  // 4. The plugin build (webpack, ~5 s): the browser layer loads dist/, which must be the code under test, so it is
  // built every time rather than trusted to be fresh. Counts as one test.
  {
    const r = await runLayer('npm', ['run', 'build'], { cwd: root, env, limitMs: STEP_LIMIT_MS });
    results.push({
      layer: 'build (webpack)',
      passed: r.ok ? 1 : 0,
      failed: r.ok ? 0 : 1,
      seconds: r.seconds.toFixed(1),
    });
  }

  // 5. jest: unit-dom and unit-node, integration and host-page projects.
  const jest = await runJest({ root, env, limitMs: JEST_LIMIT_MS, exitGraceMs: JEST_EXIT_GRACE_MS });
  results.push(...jest.layers);
  for (const problem of jest.problems) {
    console.error(`\n[test-all] ${problem}`);
  }

  console.log(`\nlayer                         passed  failed  seconds (jest total ${jest.seconds.toFixed(1)})`);
  for (const r of results) {
    console.log(
      `${r.layer.padEnd(30)}${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.seconds).padStart(7)}`
    );
  }
  const passed = results.reduce((s, r) => s + r.passed, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}
