import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The jest step of `npm test` (scripts/test/jest.mjs) ends a run that would hang, red, and says why: a test file that
 * fails and leaves a server open (jest in band then never exits), and a test that never ends (the time limit). Each
 * runs a small jest project of its own in a child process, as CI would.
 */
const root = path.resolve(__dirname, '../..');

interface JestRun {
  layers: Array<{ layer: string; passed: number; failed: number }>;
  problems: string[];
  seconds: number;
}

function runFixture(files: Record<string, string>, limitMs: number, exitGraceMs: number): JestRun {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-runner-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(path.join(dir, name), text);
    }
    const config = JSON.stringify({ rootDir: dir, testEnvironment: 'node', testMatch: ['<rootDir>/*.test.js'] });
    const script = `
      const { runJest } = await import(${JSON.stringify(path.join(root, 'scripts/test/jest.mjs'))});
      const run = await runJest({
        root: ${JSON.stringify(root)},
        env: process.env,
        limitMs: ${limitMs},
        exitGraceMs: ${exitGraceMs},
        args: ['--config', ${JSON.stringify(config)}, '--runInBand'],
      });
      process.stdout.write('\\nRESULT ' + JSON.stringify(run) + '\\n');
      process.exit(0);`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: limitMs + exitGraceMs + 60_000,
    });
    const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) {
      throw new Error(`the runner printed no result (exit ${child.status}):\n${child.stdout}\n${child.stderr}`);
    }
    return JSON.parse(line.slice('RESULT '.length)) as JestRun;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const total = (run: JestRun) =>
  run.layers.reduce((s, l) => ({ passed: s.passed + l.passed, failed: s.failed + l.failed }), { passed: 0, failed: 0 });

describe('npm test: the jest step', () => {
  it('stops jest that finished but cannot exit, counts it red, and names the file and what it left open', () => {
    const run = runFixture(
      {
        'leaky.test.js': `
          const http = require('node:http');
          test('fails before closing its server', async () => {
            const server = http.createServer();
            await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
            expect(1).toBe(2);
            server.close();
          });`,
        'fine.test.js': `test('passes', () => expect(1).toBe(1));`,
      },
      120_000,
      3_000
    );
    expect(total(run)).toEqual({ passed: 1, failed: 2 });
    expect(run.layers.find((l) => l.layer === 'jest (run)')).toMatchObject({ failed: 1 });
    expect(run.problems).toHaveLength(1);
    expect(run.problems[0]).toMatch(/^jest finished its tests but did not exit \(its tests finished 3 s ago/);
    expect(run.problems[0]).toMatch(/^  TCPServerWrap ×1: .*leaky\.test\.js$/m);
    expect(run.problems[0]).not.toMatch(/fine\.test\.js/);
    // stopped soon after the grace period, far from the time limit
    expect(run.seconds).toBeLessThan(60);
  });

  it('stops jest at its time limit and counts every unfinished test file as failed', () => {
    const run = runFixture(
      {
        'stuck.test.js': `test('never ends', () => new Promise(() => {}), 3_600_000);`,
      },
      6_000,
      3_000
    );
    expect(total(run)).toEqual({ passed: 0, failed: 2 });
    expect(run.problems).toHaveLength(1);
    expect(run.problems[0]).toMatch(/^jest was stopped \(time limit of 6 s reached\) before its tests finished/);
    expect(run.problems[0]).toMatch(/stuck\.test\.js/);
    expect(run.seconds).toBeLessThan(30);
  });

  it('leaves a run that ends well alone', () => {
    const run = runFixture({ 'fine.test.js': `test('passes', () => expect(1).toBe(1));` }, 120_000, 3_000);
    expect(total(run)).toEqual({ passed: 1, failed: 0 });
    expect(run.problems).toEqual([]);
  });
});
