import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { appWindowPaths } from '../../../core/launch/app-window-paths.js';
import type { AppWindowPaths } from '../../../core/launch/app-window-paths.js';
import { claimInstance } from '../../../core/launch/single-instance.js';

let folder = '';
let paths: AppWindowPaths;

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'atlas-sso-instance-'));
  paths = appWindowPaths(path.join(folder, 'config', 'connections.json'), process.platform);
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const record = { pid: process.pid, origin: 'http://127.0.0.1:4321', key: 'k'.repeat(43) };

it('the first claim holds the lock and publishes its address privately; a second finds it instead of starting', async () => {
  const first = await claimInstance(paths);
  if (first.kind !== 'claimed') throw new Error('the first claim found a running instance');
  await first.publish(record);
  expect((await stat(paths.dir)).mode & 0o777).toBe(0o700);
  expect((await stat(paths.instanceFile)).mode & 0o777).toBe(0o600);
  const second = await claimInstance(paths);
  expect(second).toEqual({ kind: 'running', record });
  await first.release();
  await expect(readFile(paths.instanceFile)).rejects.toThrow();
  const third = await claimInstance(paths);
  expect(third.kind).toBe('claimed');
  if (third.kind === 'claimed') await third.release();
});

it('waits for an instance that is starting, and says so when it never publishes', async () => {
  const first = await claimInstance(paths);
  if (first.kind !== 'claimed') throw new Error('the first claim found a running instance');
  setTimeout(() => void first.publish(record), 300);
  expect(await claimInstance(paths, { waitMs: 10_000 })).toEqual({ kind: 'running', record });
  await rm(paths.instanceFile);
  await expect(claimInstance(paths, { waitMs: 500 })).rejects.toThrow(/has not said where it listens/);
  await first.release();
});

it("takes over from an instance that died (its lock goes stale, its pid is gone)", async () => {
  const script = `
    const { claimInstance } = await import(${JSON.stringify(path.resolve('core/launch/single-instance.ts'))});
    const { appWindowPaths } = await import(${JSON.stringify(path.resolve('core/launch/app-window-paths.ts'))});
    const claim = await claimInstance(appWindowPaths(${JSON.stringify(path.join(folder, 'config', 'connections.json'))}, process.platform), { staleMs: 2000 });
    await claim.publish({ pid: process.pid, origin: 'http://127.0.0.1:4321', key: '${'k'.repeat(43)}' });
    process.stdout.write('claimed\\n');
    setInterval(() => undefined, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));
  expect((await claimInstance(paths, { waitMs: 100 })).kind).toBe('running');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  const taken = await claimInstance(paths, { staleMs: 2000, waitMs: 15_000 });
  expect(taken.kind).toBe('claimed');
  if (taken.kind === 'claimed') await taken.release();
});
