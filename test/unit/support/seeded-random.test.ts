import { relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileSeed, seededRandom } from '../../support/seeded-random.js';

const runSeed = Number(process.env.ATLAS_SSO_TEST_SEED);
const thisFile = relative(process.cwd(), expect.getState().testPath ?? '');

describe('the printed seed replays a run', () => {
  it('the run has a seed, and this file draws fast-check and Math.random from it', () => {
    expect(Number.isSafeInteger(runSeed)).toBe(true);
    const seed = fileSeed(runSeed, thisFile);
    expect(fc.readConfigureGlobal().seed).toBe(seed);
    const replay = seededRandom(seed);
    // Math.random has not been drawn from in this file yet: it follows the seeded sequence from its start.
    expect([Math.random(), Math.random(), Math.random()]).toEqual([replay(), replay(), replay()]);
  });

  it('different files get different sequences', () => {
    expect(fileSeed(runSeed, 'test/a.test.ts')).not.toBe(fileSeed(runSeed, 'test/b.test.ts'));
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });
});
