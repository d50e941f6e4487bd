// The desktop app's own suite: Playwright's `_electron` drives the built app (npm run test:electron, through run.mjs).
import { defineConfig } from '@playwright/test';

export const config = defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/electron-artifacts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['json', { outputFile: '../../test-results/electron.json' }]],
});

export default config;
