// The jest layers of scripts/test-all.mjs: one jest run over every project, with a time limit, a limit on how long
// jest may take to exit once its tests are done, and a report of what a run that had to be stopped left open or
// unfinished. Counts come from the progress reporter (jestProgressReporter.cjs): per file and jest project, also when
// jest was stopped before writing its own report.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runLayer } from './layer.mjs';

const REPORTER = path.join(path.dirname(new URL(import.meta.url).pathname), 'jestProgressReporter.cjs');

/** The layer each jest project (jest.config.js) is reported as: the browser layers run once per Grafana release. */
export const LAYERS = {
  browser: 'browser (grafana 12.4)',
  'browser-13.2': 'browser (grafana 13.2)',
  node: 'node',
  integration: 'integration',
  'browser-e2e': 'browser (chromium, 12.4)',
  'browser-e2e-13.2': 'browser (chromium, 13.2)',
};

/** The layer a test file belongs to: by its jest project, else by where it lives (docs/testing.md). */
export function projectOf(root, file, project = '') {
  if (LAYERS[project]) {
    return LAYERS[project];
  }
  const rel = path.relative(root, file);
  return rel.startsWith('test/browser/')
    ? 'browser (chromium)'
    : rel.startsWith('test/')
      ? 'integration'
      : rel.startsWith('src/')
        ? 'browser'
        : 'node';
}

function readEvents(file) {
  if (!existsSync(file)) {
    return [];
  }
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

const describeCounts = (counts) =>
  Object.entries(counts)
    .map(([type, n]) => `${type} ×${n}`)
    .join(', ');

/**
 * For each kind of resource still open when jest's tests ended (beyond what jest itself had at its start), the test
 * file it most likely comes from: the one after which the count of that kind never again fell below its final value.
 * Counts are taken in jest's process after each file (the progress reporter's `now`).
 */
export function leakSuspects(ends, complete) {
  const suspects = [];
  for (const [type, excess] of Object.entries(complete?.open ?? {})) {
    const final = complete.now?.[type] ?? 0;
    let lastBelow = -1;
    ends.forEach((e, i) => {
      if ((e.now?.[type] ?? 0) < final) {
        lastBelow = i;
      }
    });
    const file = ends[lastBelow + 1]?.file;
    if (file) {
      suspects.push({ type, count: excess, file });
    }
  }
  return suspects;
}

/**
 * Runs jest. Resolves { layers: [{ layer, passed, failed, seconds }], seconds, problems: [text] }: problems are what
 * the run's end looked like when it did not end well (stopped at the limit, or finished but did not exit), each
 * also counted as a failure.
 */
export async function runJest({ root, env, limitMs, exitGraceMs, args = [] }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-jest-'));
  const out = path.join(dir, 'jest.json');
  const progress = path.join(dir, 'progress.jsonl');
  const jestArgs = [
    path.join(root, 'node_modules/jest/bin/jest.js'),
    '--ci',
    '--json',
    `--outputFile=${out}`,
    '--reporters=default',
    `--reporters=${REPORTER}`,
    ...args,
  ];
  let completeAt;
  const run = await runLayer(process.execPath, jestArgs, {
    cwd: root,
    env: { ...env, SWITCHBOARD_JEST_PROGRESS: progress },
    limitMs,
    poll: () => {
      completeAt ??= readEvents(progress).find((e) => e.event === 'complete')?.at;
      return completeAt !== undefined && Date.now() - completeAt > exitGraceMs
        ? `its tests finished ${Math.round(exitGraceMs / 1000)} s ago and it has not exited`
        : undefined;
    },
  });

  const events = readEvents(progress);
  const complete = events.find((e) => e.event === 'complete');
  // A file runs once per project it belongs to: a run is its file and project.
  const runKey = (e) => `${e.project ?? ''}\u0000${e.file}`;
  const ended = new Map(events.filter((e) => e.event === 'end').map((e) => [runKey(e), e]));
  const started = events.filter((e) => e.event === 'start');
  const byProject = new Map();
  const add = (file, passed, failed, ms, project) => {
    const layer = projectOf(root, file, project);
    const p = byProject.get(layer) ?? { passed: 0, failed: 0, ms: 0 };
    p.passed += passed;
    p.failed += failed;
    p.ms += ms;
    byProject.set(layer, p);
  };
  const problems = [];

  // Counts per file and project from the progress reporter (jest's --json report names no project, and the same file
  // runs in two projects); a file that failed to load counts as a failure there too.
  for (const e of events.filter((x) => x.event === 'end')) {
    add(e.file, e.passed, e.failed, e.ms ?? 0, e.project);
  }

  if (run.stopped && !complete) {
    const unfinished = started.filter((e) => !ended.has(runKey(e)));
    for (const e of unfinished) {
      add(e.file, 0, 1, 0, e.project);
    }
    problems.push(
      `jest was stopped (${run.stopped}) before its tests finished; ${unfinished.length} test file(s) had not ended, ` +
        `each counted as a failure:\n${unfinished.map((e) => `  ${path.relative(root, e.file)}${e.project ? ` (${e.project})` : ''}`).join('\n') || '  (none started)'}`
    );
  } else if (run.stopped) {
    const suspects = leakSuspects(
      events.filter((e) => e.event === 'end'),
      complete
    );
    problems.push(
      `jest finished its tests but did not exit (${run.stopped}): something a test started is still open ` +
        `(open in jest's process: ${describeCounts(complete.open) || 'nothing it can see'}).\n` +
        (suspects.length
          ? 'Where each kind of resource still open came from (the test file after which their number never went ' +
            "back down; in jest's process, where tests run when jest runs in band):\n" +
            suspects.map((s) => `  ${s.type} ×${s.count}: ${path.relative(root, s.file)}`).join('\n') +
            '\n'
          : '') +
        'Close them in afterAll/finally; `npx jest <file> --detectOpenHandles` shows where each was created.'
    );
  } else if (!existsSync(out)) {
    problems.push(`jest exited with code ${run.code} without writing its report`);
  }
  rmSync(dir, { recursive: true, force: true });

  const layers = [...byProject].map(([project, p]) => ({
    layer: `jest ${project}`,
    passed: p.passed,
    failed: p.failed,
    // the sum of the project's suite durations (jest runs suites in parallel workers)
    seconds: (p.ms / 1000).toFixed(1),
  }));
  if (problems.length) {
    layers.push({ layer: 'jest (run)', passed: 0, failed: 1, seconds: run.seconds.toFixed(1) });
  }
  return { layers, seconds: run.seconds, problems };
}
