import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../support/ports';

/**
 * The simulator and the proxy as child processes for the viewer-load benchmark: each in its own process (so the
 * load generator does not steal their event loop, and the proxy's peak memory is its own), on free loopback ports.
 */

export const ROOT = path.resolve(__dirname, '../..');
export const BENCH_TOKEN = 'switchboard-bench-token-0123456789';
export { freePort };

async function waitFor(url: string, child: ChildProcess, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) {
      throw new Error(`${what} exited with code ${child.exitCode} before answering ${url}`);
    }
    try {
      const res = await fetch(url);
      if (res.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs} ms`);
}

export interface Child {
  url: string;
  pid: number;
  /** Peak resident memory (VmHWM) since the start or the last resetPeakRss(), bytes. */
  peakRss(): number;
  /** Starts a new peak from the current resident memory (Linux: "5" into /proc/<pid>/clear_refs). */
  resetPeakRss(): void;
  /** Resident memory now (VmRSS), bytes; 0 once the process has exited. */
  rss(): number;
  /** The exit code or signal once the process has exited, else undefined. */
  exited(): number | string | undefined;
  stop(): Promise<void>;
}

function start(script: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    // the children's logs would drown the report; their errors still reach stderr
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** VmRSS of /proc/<pid>/status in bytes (0 when the process is gone). */
function currentRss(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0;
  }
}

function child(proc: ChildProcess, url: string): Child {
  return {
    url,
    pid: proc.pid!,
    peakRss: () => {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1];
      return Number(kb ?? 0) * 1024;
    },
    resetPeakRss: () => writeFileSync(`/proc/${proc.pid}/clear_refs`, '5'),
    rss: () => (proc.exitCode === null && proc.signalCode === null ? currentRss(proc.pid) : 0),
    exited: () => proc.exitCode ?? proc.signalCode ?? undefined,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) {
          resolve();
          return;
        }
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** The simulator CLI: AWS's request quotas enforced (its default), clock running in real time. */
export async function startSimulatorProcess(): Promise<Child> {
  const port = await freePort();
  const proc = start('simulator/cli.ts', ['--port', String(port), '--host', '127.0.0.1'], {});
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/_sim/health`, proc, 'the simulator');
  return child(proc, url);
}

/** The proxy CLI against the simulator, with extra settings (CACHE_MODE...). */
export async function startProxyProcess(simUrl: string, env: Record<string, string> = {}): Promise<Child> {
  const port = await freePort();
  const proc = start('proxy/cli.ts', ['--demo'], {
    PORT: String(port),
    HOST: '127.0.0.1',
    PROXY_TOKEN: BENCH_TOKEN,
    AWS_ENDPOINT_URL: simUrl,
    AWS_REGION: 'us-east-1',
    LOG_LEVEL: 'error',
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`, proc, 'the proxy');
  return child(proc, url);
}
