// A jest reporter for scripts/test-all.mjs: per test file, the project that ran it and its counts, written to
// $JEST_PROJECTS_OUT. Jest's --json report names no project, and the browser layers run the same files in two
// projects (one per supported Grafana release: jest.config.js).
const { writeFileSync } = require('node:fs');

class JestProjectsReporter {
  constructor() {
    this.rows = [];
  }

  onTestResult(test, result) {
    this.rows.push({
      project: test.context.config.displayName?.name ?? '',
      file: result.testFilePath,
      passed: result.numPassingTests,
      // a file that fails to load has no test results but counts as a failure
      failed: result.numFailingTests + (result.testExecError && result.numFailingTests === 0 ? 1 : 0),
      ms: Math.max(0, result.perfStats.end - result.perfStats.start),
    });
  }

  onRunComplete() {
    if (process.env.JEST_PROJECTS_OUT) {
      writeFileSync(process.env.JEST_PROJECTS_OUT, JSON.stringify(this.rows));
    }
  }
}

module.exports = JestProjectsReporter;
