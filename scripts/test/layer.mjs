// One test layer as a child process with a time limit, for scripts/test-all.mjs. The child gets a process group of
// its own, so that a layer stopped at its limit takes everything it started with it (jest's workers, the servers the
// tests spawn). The runner waits for the child's exit, not for its output to close: a grandchild that keeps the
// inherited stdout open must not hold the run.
import { spawn } from 'node:child_process';

/** How long a stopped layer gets between SIGTERM (Playwright closes its browsers on it) and SIGKILL. */
const KILL_GRACE_MS = 10_000;

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is gone already
  }
}

/**
 * Runs `command args`; resolves when it exits, or when it was stopped because it exceeded `limitMs` or because
 * `poll` (called every second) returned a reason to stop it. Resolves { ok, code, seconds, stopped }, where
 * `stopped` is the reason it was stopped ("time limit" or poll's).
 */
export function runLayer(command, args, { cwd, env, limitMs, poll } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit', detached: true });
    let stopped;
    const stop = (reason) => {
      if (stopped) {
        return;
      }
      stopped = reason;
      process.stderr.write(`\n[test-all] stopping ${command} ${args.join(' ')}: ${reason}\n`);
      signalGroup(child.pid, 'SIGTERM');
      setTimeout(() => signalGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS).unref();
    };
    const ticker = setInterval(() => {
      if (limitMs !== undefined && Date.now() - started > limitMs) {
        stop(`time limit of ${Math.round(limitMs / 1000)} s reached`);
      } else if (poll) {
        const reason = poll();
        if (reason) {
          stop(reason);
        }
      }
    }, 1000);
    child.on('error', (err) => {
      clearInterval(ticker);
      resolve({ ok: false, code: null, seconds: (Date.now() - started) / 1000, stopped: err.message });
    });
    child.on('exit', (code) => {
      clearInterval(ticker);
      // Whatever the layer left behind in its group goes too (a server a test forgot).
      signalGroup(child.pid, 'SIGKILL');
      resolve({ ok: code === 0 && !stopped, code, seconds: (Date.now() - started) / 1000, stopped });
    });
  });
}
