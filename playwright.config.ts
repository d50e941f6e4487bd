// The UI's end-to-end suite: the built app served by `atlas-sso ui`, driven in Debian's Chromium (never a downloaded browser).
import { defineConfig } from '@playwright/test';

export const config = defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/playwright-artifacts',
  // Each test starts its own host and login windows: on 2 cores, one at a time is fastest and steadiest.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // A `.only` left in a spec must not shrink a CI run to one test (Vitest refuses it when CI is set, too).
  forbidOnly: !!process.env.CI,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
    },
    permissions: ['clipboard-read', 'clipboard-write'],
    viewport: { width: 1100, height: 800 },
    trace: 'off',
  },
});

export default config;
