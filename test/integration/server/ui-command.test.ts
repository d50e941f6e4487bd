import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliPath, runCli } from '../../support/run-cli.js';
import { openSession, sessionHeader } from './http-request.js';
import { uiLaunchUrl } from '../../support/ui-launch-url.js';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'atlas-sso-ui-command-'));
  await writeFile(path.join(folder, 'index.html'), '<!DOCTYPE html><html><body><div id="root"></div></body></html>');
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

it('`atlas-sso ui --no-open` prints a one-time address with the token in the fragment, serves until Ctrl-C, then exits 0; a second run prints a fresh link to the same server', async () => {
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
  const session = await openSession(Number(url.port), token);
  const listed = await fetch(new URL('/api/listConnections', url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...sessionHeader(session) }, body: '{}' });
  expect(await listed.json()).toEqual({ ok: true, value: { connections: [], sessions: [] } });
  // One server per person: a second `ui` hands out a new one-time link to the running one and exits.
  const second = await runCli(['ui', '--no-open', '--ui-dir', folder], { env: { HOME: folder, ATLAS_SSO_CONFIG: path.join(folder, 'connections.json') } });
  expect(second.code, second.stderr).toBe(0);
  const fresh = new URL(/already running at (\S+)\n/.exec(second.stdout)?.[1] ?? 'http://invalid');
  expect(fresh.origin).toBe(url.origin);
  expect(fresh.hash).not.toBe(url.hash);
  await expect(openSession(Number(url.port), token)).rejects.toThrow(/401/);
  await openSession(Number(url.port), new URLSearchParams(fresh.hash.slice(1)).get('token') ?? '');
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(stderr).toContain('Press Ctrl-C to stop');
});

it('`atlas-sso ui --tab` hands the default browser the private redirect file, never the token, and keeps serving until Ctrl-C', async () => {
  const bin = path.join(folder, 'bin');
  const log = path.join(folder, 'xdg-open.log');
  await mkdir(bin, { recursive: true });
  // A stand-in xdg-open: records its argv and the page it was given (a browser would follow it).
  await writeFile(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}.tmp'\ncat "$1" >> '${log}.tmp'\nmv '${log}.tmp' '${log}'\n`, { mode: 0o755 });
  const child = spawn(process.execPath, [cliPath, 'ui', '--tab', '--ui-dir', folder], {
    env: { PATH: `${bin}:/usr/bin:/bin`, HOME: folder, ATLAS_SSO_CONFIG: path.join(folder, 'tab', 'connections.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const opened = await until(() => readFile(log, 'utf8').catch(() => undefined));
  const [file = '', ...page] = opened.split('\n');
  expect(file).toBe(path.join(folder, 'tab', 'app-window', path.basename(path.dirname(file)), 'open-atlas-sso.html'));
  expect(file).not.toContain('token');
  const launchUrl = new URL(/url=([^"]+)"/.exec(page.join('\n'))?.[1] ?? 'http://invalid');
  await openSession(Number(launchUrl.port), launchUrl.hash.slice('#token='.length));
  child.kill('SIGINT');
  expect(await exited).toBe(0);
});

async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let tries = 0; tries < 300; tries++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resume) => setTimeout(resume, 100));
  }
  throw new Error('Timed out');
}
