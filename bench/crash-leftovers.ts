// What a writer killed with SIGKILL leaves behind: temp files (after 200 kills and one normal write) in the
// credentials file's folder and the keys cache, and how long the next write waits for the dead writer's lock.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { editFileAtomically } from '../core/credentials/atomic-edit.js';
import { createEncryptedFileStore } from '../core/credentials/keys-cache-file.js';
import { median } from './stats.js';

const child = fileURLToPath(new URL('./crash-writer-child.ts', import.meta.url));
const kills = Number(process.env.ATLAS_SSO_BENCH_KILLS ?? 200);
const takeoverSamples = 5;

/** Starts a writer, waits for its first complete pair of writes, then kills it at a random moment. */
async function killOneWriter(folder: string): Promise<void> {
  const writer = spawn(process.execPath, ['--import', 'tsx', child, folder], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(writer, 'exit');
  await new Promise<void>((resolve, reject) => {
    writer.stdout.once('data', () => resolve());
    void exited.then(([code, signal]) => reject(new Error(`the writer stopped by itself (${String(code)}, ${String(signal)})`)), reject);
  });
  await sleep(Math.random() * 60);
  writer.kill('SIGKILL');
  await exited;
}

const isTemp = (name: string): boolean => name.endsWith('.tmp');

async function tempCount(folder: string): Promise<number> {
  const names = [...(await readdir(join(folder, 'aws')).catch(() => [])), ...(await readdir(join(folder, 'keys-cache')).catch(() => []))];
  return names.filter(isTemp).length;
}

export async function runCrashLeftoversBench(): Promise<readonly string[]> {
  const folder = await mkdtemp(join(tmpdir(), 'atlas-sso-bench-crash-'));
  const lock = join(folder, 'aws', 'credentials.lock');
  try {
    await mkdir(join(folder, 'aws'), { recursive: true });
    // About 1 MB of other people's profiles, so a write takes long enough to be killed in the middle.
    await writeFile(join(folder, 'aws', 'credentials'), Array.from({ length: 20_000 }, (_, i) => `[team${i}]\nregion = eu-west-1\n`).join(''));
    let locksLeft = 0;
    let maxLeftDuring = 0;
    for (let run = 0; run < kills; run += 1) {
      await killOneWriter(folder);
      maxLeftDuring = Math.max(maxLeftDuring, await tempCount(folder));
      // This phase counts temp files; a lock the kill left is cleared so the next writer starts at once.
      if (existsSync(lock)) {
        locksLeft += 1;
        await rm(lock, { recursive: true, force: true });
      }
    }
    // One normal write to each, as the next sign-in would make.
    await editFileAtomically(join(folder, 'aws', 'credentials'), (old) => `${old ?? ''}`);
    await createEncryptedFileStore(join(folder, 'keys-cache')).set('after', 'x');
    const left = await tempCount(folder);

    const takeovers: number[] = [];
    while (takeovers.length < takeoverSamples) {
      await killOneWriter(folder);
      if (!existsSync(lock)) continue;
      const started = performance.now();
      await editFileAtomically(join(folder, 'aws', 'credentials'), (old) => `${old ?? ''}`);
      takeovers.push(performance.now() - started);
    }
    return [
      `${kills} writers killed with SIGKILL mid-write (${locksLeft} left the credentials lock held)`,
      `temp files left after them and one normal write: ${left} (most seen between kills: ${maxLeftDuring})`,
      `next write after a kill that left the lock: median ${median(takeovers).toFixed(0)} ms over ${takeoverSamples} (default stale timeout 10 s)`,
    ];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await runCrashLeftoversBench()) console.log(line);
}
