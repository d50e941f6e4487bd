// The desktop app's own suite: Playwright's `_electron` drives the built app (npm run test:electron, through run.mjs).
import { defineConfig } from '@playwright/test';

export const config = defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/electron-artifacts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // A `.only` left in a spec must not shrink a CI run to one test (Vitest refuses it when CI is set, too).
  forbidOnly: !!process.env.CI,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['json', { outputFile: '../../test-results/electron.json' }]],
});

export default config;
