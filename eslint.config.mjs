import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';

export default defineConfig([
  {
    ignores: [
      '**/logs',
      '**/*.log',
      '**/npm-debug.log*',
      '**/yarn-debug.log*',
      '**/yarn-error.log*',
      '**/.pnpm-debug.log*',
      '**/node_modules/',
      '.yarn/cache',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
      '.yarn/install-state.gz',
      '**/.pnp.*',
      '**/pids',
      '**/*.pid',
      '**/*.seed',
      '**/*.pid.lock',
      '**/lib-cov',
      '**/coverage',
      '**/dist/',
      '**/artifacts/',
      '**/work/',
      '**/ci/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'playwright/.cache/',
      'playwright/.auth/',
      '**/.idea',
      '**/.eslintcache',
      'test/browser/.build/',
    ],
  },
  ...baseConfig,
  {
    // Node code (simulator, proxy, tests, scripts): the same rules, typed against tsconfig.node.json.
    files: ['simulator/**/*.ts', 'proxy/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'dashboards/src/**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: './tsconfig.node.json',
      },
    },
  },
  {
    // The browser tests' host page (browser code, DOM and JSX): typed against its own tsconfig.
    files: [
      'test/browser/page/**/*.{ts,tsx}',
      'test/browser/support/pageApi.tsx',
      'test/browser/support/pageProbes.ts',
    ],
    languageOptions: {
      parserOptions: {
        project: './test/browser/tsconfig.json',
      },
    },
  },
]);
