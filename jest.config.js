// force timezone to UTC so that tests behave the same everywhere
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

// Test layers (see docs/testing.md):
//  - browser, browser-13.2: the plugin code under src/ (jsdom, real @grafana/ui, @grafana/data and @grafana/scenes),
//    once on each Grafana release the plugin supports: the frontend packages of test/browser/hosts/grafana-<release>
//    (12.4 with React 18, 13.2 with React 19) stand in for the root's wherever the code imports them
//  - node: pure Node unit tests of the simulator and the proxy
//  - integration: real AWS SDK v3 clients against the simulator (and later the proxy) over loopback
//  - browser-e2e, browser-e2e-13.2: the built plugin (dist/) in headless Chromium on the host page of each Grafana
//    release, against the proxy and the simulator (test/browser, docs/testing.md)
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

// Packages that ship only as ES modules and must go through swc: fastify's inject() loads `cookie`; tests that read
// frames back with @grafana/data load Grafana's ES-module dependencies.
const nodeTransformIgnore = [nodeModulesToTransform([...grafanaESModules, 'cookie'])];

/** The jsdom project of the plugin's code on one Grafana release. */
const jsdomProject = (displayName, host) => ({
  ...base,
  displayName,
  // Grafana's packages, React and rxjs from the release's tree (test/browser/hosts/resolver.js)
  resolver: `<rootDir>/test/browser/hosts/grafana-${host}/resolver.js`,
  setupFiles: [...(base.setupFiles ?? []), '<rootDir>/test/browser/hosts/jsdomGlobals.js'],
  transform: {
    ...base.transform,
    // toolchain.md fix 3: d3-color and friends ship .mjs
    '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'],
  },
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, '@grafana/scenes', '@react-hookz', '@ver0'])],
  testMatch: ['<rootDir>/src/**/*.{spec,test}.{ts,tsx}'],
});

/** The browser layer on one Grafana release's host page (support/harness.ts reads GRAFANA_HOST). */
const e2eProject = (displayName, host) => ({
  displayName,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': swcNode, '^.+\\.mjs$': swcNode },
  transformIgnorePatterns: nodeTransformIgnore,
  globals: { GRAFANA_HOST: host },
  globalSetup: '<rootDir>/test/browser/support/globalSetup.ts',
  setupFilesAfterEnv: ['<rootDir>/test/browser/support/jestSetup.ts'],
  testMatch: ['<rootDir>/test/browser/**/*.spec.ts'],
});

const swcNode = [
  '@swc/jest',
  { sourceMaps: 'inline', jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: false } } },
];

module.exports = {
  projects: [
    jsdomProject('browser', '12.4'),
    jsdomProject('browser-13.2', '13.2'),
    {
      displayName: 'node',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)s$': swcNode },
      transformIgnorePatterns: nodeTransformIgnore,
      testMatch: ['<rootDir>/simulator/**/*.test.ts', '<rootDir>/proxy/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)s$': swcNode, '^.+\\.mjs$': swcNode },
      transformIgnorePatterns: nodeTransformIgnore,
      moduleNameMapper: base.moduleNameMapper,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
    },
    e2eProject('browser-e2e', '12.4'),
    e2eProject('browser-e2e-13.2', '13.2'),
  ],
};
