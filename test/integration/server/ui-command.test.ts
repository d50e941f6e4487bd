import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uiLaunchUrl } from '../../support/ui-launch-url.js';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'atlas-sso-ui-command-'));
  await writeFile(path.join(folder, 'index.html'), '<!DOCTYPE html><html><body><div id="root"></div></body></html>');
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

it('`atlas-sso ui --no-open` prints the address with the token in the fragment, serves until Ctrl-C, then exits 0', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'ui', '--no-open', '--ui-dir', folder], {
    env: { PATH: process.env.PATH, HOME: folder, ATLAS_SSO_CONFIG: path.join(folder, 'connections.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const url = await uiLaunchUrl(child.stdout, exited).catch((error: unknown) => {
    throw new Error(`${String(error)}: ${stderr}`);
  });
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  expect(url.search).toBe('');
  const page = await fetch(new URL('/', url));
  expect(page.status).toBe(200);
  const listed = await fetch(new URL('/api/listConnections', url), { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' });
  expect(await listed.json()).toEqual({ ok: true, value: { connections: [], sessions: [] } });
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(stderr).toContain('Press Ctrl-C to stop');
});
