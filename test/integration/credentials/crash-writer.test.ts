import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editFileAtomically } from '../../../core/credentials/atomic-edit.js';
import { upsertCredentialsProfile } from '../../../core/credentials/credentials-profile.js';
import { scanIni } from '../../../core/credentials/ini-sections.js';
import { updateNumber, writerCredentials } from './writer-credentials.js';

const writerScript = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const lanes = 8;
const killsPerLane = 5;

let folder: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'atlas-sso-crash-'));
});

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await rm(folder, { recursive: true, force: true });
});

/** About 1 MB of other profiles, so a write takes long enough to be killed in the middle. */
function largeFile(): string {
  const sections = Array.from({ length: 4000 }, (_, i) => `[team${i}]\r\n# owner ${i}\r\naws_access_key_id = AKIA${String(i).padStart(16, '0')}\r\naws_secret_access_key = ${'s'.repeat(150)}\r\nregion = eu-west-1\r\n`);
  return sections.join('\r\n');
}

/** The file with `crash` at update n, as a complete write produces it. */
function completeContent(base: string, n: number): string {
  return upsertCredentialsProfile(base, 'crash', writerCredentials('crash', n)).text;
}

/** Starts a writer, lets it complete a few updates, kills it at a random moment; returns the last update it reported. */
async function killWriterMidway(file: string, first: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, file, String(first)], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const exited = once(child, 'exit');
  let output = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const wanted = 1 + Math.floor(Math.random() * 3);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.split('\n').length - 1 >= wanted) resolve();
    });
    void exited.then(() => reject(new Error(`the writer stopped by itself: ${stderr}`)), reject);
  });
  await sleep(Math.random() * 40);
  child.kill('SIGKILL');
  await exited;
  // Pipes are written synchronously on Linux: everything the writer reported is here now.
  const reported = output.trim().split('\n').map(Number);
  return reported.at(-1) ?? Number.NaN;
}

async function runLane(lane: number): Promise<void> {
  const dir = join(folder, `lane${lane}`);
  const file = join(dir, 'credentials');
  const base = largeFile();
  await editFileAtomically(file, () => base);
  for (let round = 1; round <= killsPerLane; round += 1) {
    const first = round * 1_000_000;
    const lastReported = await killWriterMidway(file, first);
    const text = await readFile(file, 'utf8');
    const crash = scanIni(text).sections.find((section) => section.name === 'crash');
    const n = updateNumber(crash?.keys.find((key) => key.name === 'aws_access_key_id')?.value ?? '');
    // Either the last reported update, or the one being written when the kill came, and complete, never torn.
    expect([lastReported, lastReported + 1]).toContain(n);
    expect(text).toBe(completeContent(base, n));
  }
  // A write after the last kill takes over the stale lock and clears the dead writers' temp files.
  await editFileAtomically(file, (old) => upsertCredentialsProfile(old ?? '', 'crash', writerCredentials('crash', 1)).text, { staleMs: 2000 });
  expect(await readFile(file, 'utf8')).toBe(completeContent(base, 1));
  expect(await readdir(dir)).toEqual(['credentials']);
}

describe('a writer killed with SIGKILL mid-write', () => {
  it(`leaves the old or the new complete file, and nothing that blocks the next write (${lanes * killsPerLane} kills)`, async () => {
    await Promise.all(Array.from({ length: lanes }, (_, lane) => runLane(lane)));
  }, 180_000);
});
