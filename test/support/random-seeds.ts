// Vitest global setup: one random seed per run, printed, so a failure can be replayed with ATLAS_SSO_TEST_SEED.
// Test files inherit it through the environment (seeded-random.ts derives each file's own seed from it).
import { randomInt } from 'node:crypto';

export const seedVariable = 'ATLAS_SSO_TEST_SEED';

/** The run's seed: the one asked for (replaying a failure), else a fresh one. */
export function runSeed(env: NodeJS.ProcessEnv): number {
  const given = env[seedVariable];
  if (given !== undefined && /^\d+$/.test(given)) return Number(given);
  return randomInt(2 ** 31);
}

export function setup(): void {
  const seed = runSeed(process.env);
  process.env[seedVariable] = String(seed);
  console.log(`Random seed for fast-check and Math.random: ${seed} (replay a failure with ${seedVariable}=${seed})`);
}
