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

type Writes = 'credentials' | 'keys-cache';

/** Starts a writer, waits for its first complete write, then kills it at a random moment. */
async function killOneWriter(folder: string, writes: Writes): Promise<void> {
  const writer = spawn(process.execPath, ['--import', 'tsx', child, folder, writes], { stdio: ['ignore', 'pipe', 'inherit'] });
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

async function tempCount(folder: string, writes: Writes): Promise<number> {
  return (await readdir(join(folder, writes === 'credentials' ? 'aws' : 'keys-cache')).catch(() => [])).filter(isTemp).length;
}

/** Kills `kills` writers of one file, then writes it once normally: the temp files left, and the most seen between kills. */
export async function killWriters(folder: string, writes: Writes): Promise<{ readonly left: number; readonly mostSeen: number; readonly locksLeft: number }> {
  const lock = join(folder, 'aws', 'credentials.lock');
  let locksLeft = 0;
  let mostSeen = 0;
  for (let run = 0; run < kills; run += 1) {
    await killOneWriter(folder, writes);
    mostSeen = Math.max(mostSeen, await tempCount(folder, writes));
    // This counts temp files; a lock the kill left is cleared so the next writer starts at once.
    if (existsSync(lock)) {
      locksLeft += 1;
      await rm(lock, { recursive: true, force: true });
    }
  }
  // One normal write, as the next sign-in would make.
  if (writes === 'credentials') await editFileAtomically(join(folder, 'aws', 'credentials'), (old) => `${old ?? ''}`);
  else await createEncryptedFileStore(join(folder, 'keys-cache')).set('after', 'x');
  return { left: await tempCount(folder, writes), mostSeen, locksLeft };
}

/** How long the next write waits after a kill that left the credentials lock held (median of a few). */
async function lockTakeoverMs(folder: string): Promise<number> {
  const lock = join(folder, 'aws', 'credentials.lock');
  const takeovers: number[] = [];
  while (takeovers.length < takeoverSamples) {
    await killOneWriter(folder, 'credentials');
    if (!existsSync(lock)) continue;
    const started = performance.now();
    await editFileAtomically(join(folder, 'aws', 'credentials'), (old) => `${old ?? ''}`);
    takeovers.push(performance.now() - started);
  }
  return median(takeovers);
}

/** A folder with about 1 MB of other people's profiles, so a write takes long enough to be killed in the middle. */
export async function crashFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'atlas-sso-bench-crash-'));
  await mkdir(join(folder, 'aws'), { recursive: true });
  await writeFile(join(folder, 'aws', 'credentials'), Array.from({ length: 20_000 }, (_, i) => `[team${i}]\nregion = eu-west-1\n`).join(''));
  return folder;
}

export async function runCrashLeftoversBench(): Promise<readonly string[]> {
  const folder = await crashFolder();
  try {
    const credentials = await killWriters(folder, 'credentials');
    const keysCache = await killWriters(folder, 'keys-cache');
    const takeover = await lockTakeoverMs(folder);
    return [
      `credentials file: ${kills} writers killed mid-write (${credentials.locksLeft} left the lock held); temp files left after one normal write: ${credentials.left} (most seen between kills: ${credentials.mostSeen})`,
      `keys cache: ${kills} writers killed mid-write; temp files left after one normal write: ${keysCache.left} (most seen between kills: ${keysCache.mostSeen})`,
      `next write after a kill that left the lock: median ${takeover.toFixed(0)} ms over ${takeoverSamples} (stale timeout 10 s)`,
    ];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await runCrashLeftoversBench()) console.log(line);
}
