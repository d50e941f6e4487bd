import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanIni } from '../../../core/credentials/ini-sections.js';
import { writerCredentials } from './writer-credentials.js';

const writerScript = fileURLToPath(new URL('./profile-writer.ts', import.meta.url));
const writers = 6;
const updatesEach = 50;

let folder: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'atlas-sso-concurrent-'));
});

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await rm(folder, { recursive: true, force: true });
});

async function runWriter(file: string, profile: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, file, profile, String(updatesEach)], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

describe('concurrent writers', () => {
  it(`${writers} processes × ${updatesEach} updates of different profiles in one file: no update lost, no duplicate`, async () => {
    const file = join(folder, 'credentials');
    const preamble = '# shared by every writer\n[default]\nregion = eu-west-1\n';
    await writeFile(file, preamble);
    const profiles = Array.from({ length: writers }, (_, i) => `writer${i}`);

    const results = await Promise.all(profiles.map((profile) => runWriter(file, profile)));
    expect(results).toEqual(profiles.map(() => ({ code: 0, stderr: '' })));

    const text = await readFile(file, 'utf8');
    const scan = scanIni(text);
    expect(scan.problems).toEqual([]);
    expect(text.startsWith(preamble)).toBe(true);
    expect(scan.sections.map((s) => s.name).sort()).toEqual(['default', ...profiles].sort());
    for (const profile of profiles) {
      const last = writerCredentials(profile, updatesEach);
      const keys = Object.fromEntries(scan.sections.find((s) => s.name === profile)?.keys.map((k) => [k.name, k.value]) ?? []);
      expect(keys).toEqual({
        aws_access_key_id: last.accessKeyId,
        aws_secret_access_key: last.secretAccessKey,
        aws_session_token: last.sessionToken,
        x_security_token_expires: last.expiration.toISOString().replace('.000Z', 'Z'),
      });
    }
    expect(await readdir(folder)).toEqual(['credentials']);
  }, 120_000);
});
