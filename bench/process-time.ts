import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface TimedCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** Wall time (ms) of one run of a command that must succeed. */
export function wallTime({ command, args, env }: TimedCommand): number {
  const start = performance.now();
  const result = spawnSync(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.toString().slice(0, 500)}`);
  return elapsed;
}

/**
 * Samples of each command, taken in turn within each round (after one warm-up round), so that a busy moment of the
 * machine weighs on all of them alike and their ratio stays fair.
 */
export function interleavedWallTimes(commands: readonly TimedCommand[], rounds: number): number[][] {
  const samples = commands.map((): number[] => []);
  for (let round = 0; round <= rounds; round += 1) {
    commands.forEach((command, index) => {
      const elapsed = wallTime(command);
      if (round > 0) samples[index]?.push(elapsed);
    });
  }
  return samples;
}
