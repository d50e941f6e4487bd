// Vitest setup file (runs in each test file's worker): fast-check and Math.random draw from the run's printed seed,
// mixed with the file's path so parallel files do not share one sequence, and a failure replays from that seed.
import { relative } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { runSeed, seedVariable } from './random-seeds.js';

/** Mulberry32: small, fast and good enough to pick test inputs; never for anything secret. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The run seed mixed with a name (FNV-1a), as a 31-bit fast-check seed. */
export function fileSeed(runSeedValue: number, name: string): number {
  let hash = (0x811c9dc5 ^ runSeedValue) >>> 0;
  for (const character of name) hash = Math.imul(hash ^ character.charCodeAt(0), 0x01000193) >>> 0;
  return hash & 0x7fffffff;
}

const testPath = expect.getState().testPath ?? '';
const seed = fileSeed(runSeed(process.env), relative(process.cwd(), testPath));
fc.configureGlobal({ seed });
Math.random = seededRandom(seed);
// A run started without the global setup (one file in an editor) still says how to replay it.
if (process.env[seedVariable] === undefined) console.log(`Random seed: ${seedVariable} unset, this file used seed ${seed}`);
