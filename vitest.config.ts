import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    globalSetup: ['test/support/build-once.ts', 'test/support/random-seeds.ts'],
    // fast-check and Math.random draw from the run's printed seed (ATLAS_SSO_TEST_SEED replays it).
    setupFiles: ['test/support/seeded-random.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});

export default config;
