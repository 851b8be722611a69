// force timezone to UTC so that tests behave the same everywhere
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

// Test layers (see docs/testing.md):
//  - browser: the plugin code under src/ (jsdom, real @grafana/ui and @grafana/data)
//  - node: pure Node unit tests of the simulator and the proxy
//  - integration: real AWS SDK v3 clients against the simulator (and later the proxy) over loopback
//  - browser-e2e: the built plugin (dist/) in headless Chromium on a host page with the real @grafana/* packages,
//    against the proxy and the simulator (test/browser, docs/testing.md)
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

// Packages that ship only as ES modules and must go through swc: fastify's inject() loads `cookie`; tests that read
// frames back with @grafana/data load Grafana's ES-module dependencies.
const nodeTransformIgnore = [nodeModulesToTransform([...grafanaESModules, 'cookie'])];

const swcNode = [
  '@swc/jest',
  { sourceMaps: 'inline', jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: false } } },
];

module.exports = {
  projects: [
    {
      ...base,
      displayName: 'browser',
      transform: {
        ...base.transform,
        // toolchain.md fix 3: d3-color and friends ship .mjs
        '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'],
      },
      testMatch: ['<rootDir>/src/**/*.{spec,test}.{ts,tsx}'],
    },
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
    {
      displayName: 'browser-e2e',
      testEnvironment: 'node',
      transform: { '^.+\\.(t|j)s$': swcNode, '^.+\\.mjs$': swcNode },
      transformIgnorePatterns: nodeTransformIgnore,
      globalSetup: '<rootDir>/test/browser/support/globalSetup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/browser/support/jestSetup.ts'],
      testMatch: ['<rootDir>/test/browser/**/*.spec.ts'],
    },
  ],
};
