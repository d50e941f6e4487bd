import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TemporaryCredentials } from '../../../core/aws/temporary-credentials.js';
import { credentialProcessKeys } from '../../../core/credentials/credential-process-keys.js';
import type { CredentialProcessKeysRequest } from '../../../core/credentials/credential-process-keys.js';
import { createKeysCache } from '../../../core/credentials/keys-cache.js';
import { AtlasSsoError } from '../../../core/errors.js';
import { memoryStore } from '../../support/memory-secret-store.js';

const now = new Date('2026-12-05T12:00:00Z');
const key = { connectionId: 'demo', role: 'arn:aws:iam::012345678901:role/AtlasDba' };
let lockFolder: string;
beforeEach(() => {
  lockFolder = mkdtempSync(join(tmpdir(), 'atlas-sso-cp-keys-'));
});
afterEach(() => {
  rmSync(lockFolder, { recursive: true, force: true });
});

function keys(name: string, minutesLeft: number): TemporaryCredentials {
  return { accessKeyId: name, secretAccessKey: `${name}-secret`, sessionToken: `${name}-token`, expiration: new Date(now.getTime() + minutesLeft * 60_000) };
}

/** A request over a cache holding `cached`; sign-ins put `renewed` in the cache and count themselves. */
async function setUp(cached: TemporaryCredentials | undefined, silent: 'none' | 'works' | 'fails') {
  const cache = createKeysCache({ stores: [memoryStore()], now: () => now });
  if (cached !== undefined) await cache.put(key, cached);
  const counts = { signIns: 0, silent: 0 };
  const warnings: string[] = [];
  const renewed = keys('RENEWED', 60);
  const request: CredentialProcessKeysRequest = {
    cache,
    key,
    connectionId: 'demo',
    label: '"Demo"',
    lockFolder,
    timeoutMs: 5000,
    now: () => now,
    warn: (line) => warnings.push(line),
    signIn: async () => {
      counts.signIns += 1;
      await cache.put(key, renewed);
      return renewed;
    },
    silentSignIn:
      silent === 'none'
        ? undefined
        : async () => {
            counts.silent += 1;
            if (silent === 'fails') throw new AtlasSsoError('login-timeout', 'Sign-in did not finish within 30 seconds.');
            await cache.put(key, renewed);
            return renewed;
          },
  };
  return { request, counts, warnings };
}

describe('credentialProcessKeys', () => {
  it('signs in for missing keys and for keys inside the 10-minute margin', async () => {
    for (const cached of [undefined, keys('OLD', 9)]) {
      const { request, counts, warnings } = await setUp(cached, 'works');
      expect((await credentialProcessKeys(request)).accessKeyId).toBe('RENEWED');
      expect(counts).toEqual({ signIns: 1, silent: 0 });
      expect(warnings).toEqual([]);
    }
  });

  it('renews advisory keys (10 to 15 minutes left) silently when it can, without a word', async () => {
    const { request, counts, warnings } = await setUp(keys('OLD', 12), 'works');
    expect((await credentialProcessKeys(request)).accessKeyId).toBe('RENEWED');
    expect(counts).toEqual({ signIns: 0, silent: 1 });
    expect(warnings).toEqual([]);
  });

  it('serves advisory keys as they are, with one line, when no silent sign-in is possible or it fails', async () => {
    for (const silent of ['none', 'fails'] as const) {
      const { request, counts, warnings } = await setUp(keys('OLD', 12), silent);
      expect((await credentialProcessKeys(request)).accessKeyId).toBe('OLD');
      expect(counts.signIns).toBe(0);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^The cached keys for "Demo" expire at 2026-12-05T12:12:00.000Z; they were served as they are/);
    }
  });

  it('serves fresh keys (more than 15 minutes left) without any sign-in', async () => {
    const { request, counts } = await setUp(keys('OLD', 16), 'works');
    expect((await credentialProcessKeys(request)).accessKeyId).toBe('OLD');
    expect(counts).toEqual({ signIns: 0, silent: 0 });
  });
});
