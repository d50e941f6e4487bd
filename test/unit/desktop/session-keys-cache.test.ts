import { describe, expect, it } from 'vitest';
import type { AssumedRole } from '../../../core/aws/assume-role-with-saml.js';
import { parseRoleValue } from '../../../core/aws/role.js';
import { createSessionKeysCache, parseCachedSession, serializeCachedSession } from '../../../core/desktop/session-keys-cache.js';
import type { CachedSession } from '../../../core/session/session-service.js';
import { memoryStore } from '../../support/memory-secret-store.js';

const role = parseRoleValue('arn:aws:iam::012345678901:role/team/AtlasDba,arn:aws:iam::012345678901:saml-provider/Acme');
if (role === undefined) throw new Error('the fixture role must parse');
const expiration = new Date('2031-05-01T12:00:00.000Z');
const assumed: AssumedRole = {
  credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/key', sessionToken: 'token==', expiration },
  assumedRoleArn: 'arn:aws:sts::012345678901:assumed-role/AtlasDba/alice',
  durationSeconds: 3600,
  region: 'eu-west-1',
  endpoint: 'https://sts.eu-west-1.amazonaws.com',
  warnings: [],
};
const session: CachedSession = { role, assumed, warnings: ['Your identity provider allows sessions of at most 1 hour; asked for that.'] };


describe('serializeCachedSession / parseCachedSession', () => {
  it('round-trips the role, the keys and where they came from', () => {
    expect(parseCachedSession(serializeCachedSession('acme', session), 'acme')).toEqual(session);
    expect(parseCachedSession(serializeCachedSession('acme', { ...session, assumed: { ...assumed, assumedRoleArn: null } }), 'acme')?.assumed.assumedRoleArn).toBeNull();
  });

  it("refuses an entry of another connection, even with the name changed in it, or anything malformed", () => {
    const text = serializeCachedSession('acme', session);
    expect(parseCachedSession(text, 'other')).toBeUndefined();
    expect(parseCachedSession(text.replace('"connectionId":"acme"', '"connectionId":"other"'), 'other')).toBeUndefined();
    const entry = JSON.parse(text) as Record<string, unknown>;
    for (const broken of [
      { ...entry, version: 2 },
      { ...entry, role: 'arn:aws:iam::012345678901:role/AtlasDba' },
      { ...entry, region: '' },
      { ...entry, durationSeconds: '3600' },
      { ...entry, warnings: [1] },
      { ...entry, keys: '{}' },
    ]) {
      expect(parseCachedSession(JSON.stringify(broken), 'acme')).toBeUndefined();
    }
    expect(parseCachedSession('', 'acme')).toBeUndefined();
    expect(parseCachedSession('null', 'acme')).toBeUndefined();
  });
});

describe('createSessionKeysCache', () => {
  it('keeps one entry per connection, apart from the CLI cache entries, and gives it back while fresh enough', async () => {
    const store = memoryStore();
    let now = new Date(expiration.getTime() - 30 * 60_000);
    const cache = createSessionKeysCache({ store, now: () => now });
    await cache.put('acme', session);
    expect([...store.entries.keys()]).toEqual(['desktop-session|acme']);
    expect(await cache.get('acme')).toEqual(session);
    expect(await cache.get('other')).toBeUndefined();
    now = new Date(expiration.getTime() - 10 * 60_000);
    expect(await cache.get('acme')).toBeUndefined();
  });

  it('wipes by overwriting the keys with nothing', async () => {
    const store = memoryStore();
    const cache = createSessionKeysCache({ store, now: () => new Date(0) });
    await cache.put('acme', session);
    await cache.forget('acme');
    expect(store.entries.get('desktop-session|acme')).toBe('');
    expect(await cache.get('acme')).toBeUndefined();
  });

  it('counts a store that cannot be read as empty', async () => {
    const cache = createSessionKeysCache({ store: { description: 'locked', get: () => Promise.reject(new Error('locked')), set: () => Promise.resolve() } });
    expect(await cache.get('acme')).toBeUndefined();
  });
});
