import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCli, UsageError } from './cli';

const root = path.resolve(__dirname, '..');

/** Runs the CLI as `npm run sim` does (tsx), collecting output; `whenReady` may act once stdout says it listens. */
function runCli(
  args: string[],
  whenReady?: (child: ReturnType<typeof spawn>) => void
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // One process (node with tsx's loader), not tsx's CLI, which runs the script in a child and relays signals to it:
    // on a loaded machine a SIGTERM could reach the relay before it knew the child handles it (exit 143).
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'simulator/cli.ts'), ...args], {
      cwd: root,
    });
    let stdout = '';
    let stderr = '';
    let ready = false;
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!ready && whenReady && stdout.includes('listening on')) {
        ready = true;
        whenReady(child);
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('parseCli', () => {
  it('has defaults and reads every option', () => {
    expect(parseCli([])).toEqual({
      help: false,
      port: 4599,
      host: '127.0.0.1',
      seed: undefined,
      scenarioFile: undefined,
      logRequests: false,
    });
    expect(
      parseCli(['--port', '0', '--host', '0.0.0.0', '--seed=-7', '--scenario', 'x.yaml', '--log-requests'])
    ).toEqual({
      help: false,
      port: 0,
      host: '0.0.0.0',
      seed: -7,
      scenarioFile: 'x.yaml',
      logRequests: true,
    });
    expect(parseCli(['--port=4600']).port).toBe(4600);
    expect(parseCli(['-h']).help).toBe(true);
  });

  it.each([
    [['--port', 'abc'], /--port must be an integer between 0 and 65535, got "abc"/],
    [['--port', '70000'], /--port must be an integer/],
    [['--port', '1.5'], /--port must be an integer/],
    [['--seed', 'x'], /--seed must be an integer/],
    [['--port'], /argument missing/],
    [['--seed', '-7'], /argument is ambiguous\. Did you forget/],
    [['--bogus'], /Unknown option '--bogus'\.$/],
    [['serve'], /Unexpected argument 'serve'/],
    [['--host', ''], /--host must not be empty/],
    [['--scenario', ' '], /--scenario needs a file name/],
  ])('refuses %p with a usage error', (args, message) => {
    expect(() => parseCli(args)).toThrow(UsageError);
    expect(() => parseCli(args)).toThrow(message);
  });
});

describe('the sim command', () => {
  it('exits 2 with one paragraph, no stack trace, for an invalid scenario or bad arguments', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sim-cli-'));
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: broken\ninstances: []\nvoiceConnectors: 5\n');
    const [scenario, args] = await Promise.all([
      runCli(['--scenario', bad, '--port', '0']),
      runCli(['--port', 'http']),
    ]);
    expect(scenario.code).toBe(2);
    expect(scenario.stderr).toContain(`simulator: ${bad} is not a valid scenario:`);
    expect(scenario.stderr).toMatch(/\/instances/);
    expect(scenario.stderr).toMatch(/\/voiceConnectors/);
    expect(scenario.stderr).not.toMatch(/\n\s*at /);
    expect(scenario.stderr.trim()).not.toContain('\n\n');
    expect(args.code).toBe(2);
    expect(args.stderr).toContain('--port must be an integer');
    expect(args.stderr).toContain('--help');
  }, 20_000);

  it('starts, logs its endpoint and shuts down cleanly on SIGTERM', async () => {
    const result = await runCli(['--port', '0', '--seed', '5'], (child) => child.kill('SIGTERM'));
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; endpoint?: string; seed?: number });
    const listening = lines.find((l) => l.endpoint);
    expect(listening).toMatchObject({ seed: 5, endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    expect(lines.some((l) => l.msg === 'simulator shutting down')).toBe(true);
  }, 20_000);
});
