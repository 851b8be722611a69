// A jest reporter for scripts/test-all.mjs: writes one JSON line per event to the file named by
// SWITCHBOARD_JEST_PROGRESS, so that the runner knows, even when jest never exits or is stopped at its time limit,
// which test files started and ended, and what each left open.
//
// Open resources are process.getActiveResourcesInfo() of jest's main process (servers, sockets, timers, child
// processes), counted by type. Tests run in that process whenever jest runs in band (one worker: a 2-core CI
// machine), which is exactly when a resource a test forgets keeps jest from exiting; the difference before and after a
// file names the file. Jest loads reporters with require(), hence CommonJS.
const { appendFileSync } = require('node:fs');

const count = () => {
  const counts = {};
  for (const type of process.getActiveResourcesInfo()) {
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
};

/** The types there are more of in `after` than in `before`, with how many more. */
const grown = (before, after) =>
  Object.fromEntries(
    Object.entries(after)
      .map(([type, n]) => [type, n - (before[type] ?? 0)])
      .filter(([, n]) => n > 0)
  );

class ProgressReporter {
  constructor() {
    this.file = process.env.SWITCHBOARD_JEST_PROGRESS;
    this.baseline = count();
    this.before = new Map();
  }

  write(event) {
    if (this.file) {
      appendFileSync(this.file, `${JSON.stringify({ at: Date.now(), ...event })}\n`);
    }
  }

  onTestFileStart(test) {
    this.before.set(test.path, count());
    this.write({ event: 'start', file: test.path, project: test.context?.config?.displayName?.name ?? '' });
  }

  onTestFileResult(test, result) {
    const before = this.before.get(test.path) ?? this.baseline;
    this.before.delete(test.path);
    const failed = result.numFailingTests + (result.testExecError ? 1 : 0);
    // Closing a server or a socket completes on a later turn of the event loop: look once that has run.
    setImmediate(() => {
      const now = count();
      this.write({
        event: 'end',
        file: test.path,
        // the jest project (jest.config.js displayName): the browser layers run the same files once per Grafana release
        project: test.context?.config?.displayName?.name ?? '',
        ms: Math.max(0, (result.perfStats?.end ?? 0) - (result.perfStats?.start ?? 0)),
        passed: result.numPassingTests,
        failed,
        left: grown(before, now),
        now,
      });
    });
  }

  onRunComplete(_contexts, results) {
    const now = count();
    this.write({
      event: 'complete',
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      open: grown(this.baseline, now),
      now,
    });
  }

  getLastError() {
    return undefined;
  }
}

module.exports = ProgressReporter;
