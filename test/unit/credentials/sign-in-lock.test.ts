import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInIfFree, signInOnce } from '../../../core/credentials/sign-in-lock.js';
import { AtlasSsoError } from '../../../core/errors.js';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'atlas-sso-sign-in-lock-'));
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** A cache the sign-in fills, and a sign-in that counts its runs and takes a while, as a person typing would. */
function fixture(result: () => Promise<string>) {
  let cached: string | undefined;
  let signIns = 0;
  const request = {
    folder,
    name: 'conn|role',
    label: '"Demo"',
    waitMs: 20_000,
    failureKeptMs: 0,
    ready: () => Promise.resolve(cached),
    signIn: async () => {
      signIns += 1;
      await sleep(300);
      cached = await result();
      return cached;
    },
  };
  return { request, signIns: () => signIns, setCached: (value: string | undefined) => (cached = value) };
}

describe('signInOnce', () => {
  it('runs one sign-in for 8 callers at once, and every caller gets what it cached', async () => {
    const { request, signIns } = fixture(() => Promise.resolve(`keys-${Math.random()}`));
    const results = await Promise.all(Array.from({ length: 8 }, () => signInOnce(request)));
    expect(signIns()).toBe(1);
    expect(new Set(results).size).toBe(1);
  });

  it('fails every waiting caller with the failed sign-in\'s code and message, then signs in again for a later caller', async () => {
    const failure = new AtlasSsoError('login-cancelled', 'The sign-in window was closed before sign-in finished.');
    let fail = true;
    const { request, signIns } = fixture(() => (fail ? Promise.reject(failure) : Promise.resolve('later-keys')));
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => signInOnce(request)));
    expect(signIns()).toBe(1);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason as AtlasSsoError;
      expect([reason.code, reason.message]).toEqual([failure.code, failure.message]);
    }
    fail = false;
    // A caller right after the failure gets it too (the SDKs retry at once); one after failureKeptMs signs in again.
    await expect(signInOnce({ ...request, failureKeptMs: 60_000 })).rejects.toThrow(failure.message);
    await expect(signInOnce(request)).resolves.toBe('later-keys');
    expect(signIns()).toBe(2);
    // What waiters read holds the code and message, nothing else.
    const outcome = readdirSync(folder).find((name) => name.endsWith('.outcome.json'));
    expect(outcome).toBeDefined();
    expect(Object.keys(JSON.parse(readFileSync(join(folder, String(outcome)), 'utf8')) as object)).toEqual(['at']);
  });

  it('leaves no holder record once done: a later lock folder may get the same inode, and must not look like a dead holder\'s', async () => {
    const { request } = fixture(() => Promise.resolve('keys'));
    await signInOnce(request);
    await signInOnce({ ...fixture(() => Promise.reject(new AtlasSsoError('login-cancelled', 'closed'))).request, name: 'other' }).catch(() => undefined);
    expect(readdirSync(folder).filter((name) => name.endsWith('.holder.json'))).toEqual([]);
  });

  it('takes over at once a lock whose holder on this computer is gone', async () => {
    const { request, signIns } = fixture(() => Promise.resolve('keys'));
    const lockDir = join(folder, `${lockBase()}.lock`);
    mkdirSync(lockDir);
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(folder, `${lockBase()}.holder.json`), JSON.stringify({ pid: dead, host: hostname(), lockIno: statSync(lockDir).ino }));
    const started = Date.now();
    let tookOver = 0;
    await expect(signInOnce({ ...request, waitMs: 3000, signIn: () => ((tookOver = Date.now() - started), request.signIn()) })).resolves.toBe('keys');
    expect(signIns()).toBe(1);
    // For the report, not asserted: how long the dead holder blocked (proper-lockfile alone waits out its 10 s stale time).
    process.stdout.write(`dead holder taken over after ${tookOver} ms\n`);
  });

  it('gives up with a clear message after waitMs when a live holder does not finish', async () => {
    const { request } = fixture(() => Promise.resolve('keys'));
    const lockDir = join(folder, `${lockBase()}.lock`);
    mkdirSync(lockDir);
    writeFileSync(join(folder, `${lockBase()}.holder.json`), JSON.stringify({ pid: process.pid, host: hostname(), lockIno: statSync(lockDir).ino }));
    let told = 0;
    const error = await signInOnce({ ...request, waitMs: 500, onWaiting: () => (told += 1) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AtlasSsoError);
    expect((error as AtlasSsoError).code).toBe('login-timeout');
    expect((error as AtlasSsoError).message).toMatch(/^Another atlas-sso run has been signing in to "Demo" for over 1 seconds?\./);
    expect(told).toBe(1);
  });
});

describe('signInIfFree', () => {
  it('says busy without waiting while another sign-in holds the lock, and signs in when none does', async () => {
    const { request, signIns } = fixture(() => Promise.resolve('keys'));
    const holding = signInOnce(request);
    await sleep(100);
    await expect(signInIfFree(request)).resolves.toBe('busy');
    await holding;
    const fresh = fixture(() => Promise.resolve('renewed'));
    await expect(signInIfFree({ ...fresh.request, name: 'other|role' })).resolves.toBe('renewed');
    expect(signIns()).toBe(1);
  });
});

/** The lock's file name for 'conn|role', as the module derives it. */
function lockBase(): string {
  return createHash('sha256').update('conn|role').digest('hex').slice(0, 32);
}
