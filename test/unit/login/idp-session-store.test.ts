import type { Cookie } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createIdpSessionStore, idpSessionMaxAgeMs } from '../../../core/login/idp-session-store.js';
import { memoryStore } from '../../support/memory-secret-store.js';

const cookie: Cookie = { name: 'SimpleSAMLSessionID', value: 'secret-session', domain: '127.0.0.1', path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' };
const profile = '/home/alice/.config/atlas-sso/browser-profiles/demo';

function storeAt(clock: { now: number }, stores = [memoryStore()]) {
  return { stores, sessions: createIdpSessionStore({ stores, now: () => new Date(clock.now) }) };
}

describe('createIdpSessionStore', () => {
  it('gives back the cookies saved for a profile, and none for another', async () => {
    const clock = { now: Date.parse('2026-12-05T09:00:00Z') };
    const { sessions } = storeAt(clock);
    await sessions.save(profile, [cookie]);
    expect(await sessions.load(profile)).toEqual([cookie]);
    expect(await sessions.isKept(profile)).toBe(true);
    expect(await sessions.load('/home/alice/.config/atlas-sso/browser-profiles/other')).toEqual([]);
    expect(await sessions.isKept('/home/alice/.config/atlas-sso/browser-profiles/other')).toBe(false);
  });

  it('keeps them for 12 hours after the sign-in that saved them, then forgets them', async () => {
    const clock = { now: Date.parse('2026-12-05T09:00:00Z') };
    const { sessions } = storeAt(clock);
    await sessions.save(profile, [cookie]);
    clock.now += idpSessionMaxAgeMs;
    expect(await sessions.load(profile)).toEqual([cookie]);
    clock.now += 1;
    expect(await sessions.load(profile)).toEqual([]);
    expect(await sessions.isKept(profile)).toBe(false);
    expect(idpSessionMaxAgeMs).toBe(12 * 60 * 60_000);
  });

  it('forget wipes them in every store, and the next load finds none', async () => {
    const clock = { now: Date.parse('2026-12-05T09:00:00Z') };
    const { stores, sessions } = storeAt(clock, [memoryStore(), memoryStore()]);
    await sessions.save(profile, [cookie]);
    await stores[1]?.set([...(stores[0]?.entries.keys() ?? [])][0] ?? '', String(stores[0]?.entries.values().next().value));
    await sessions.forget(profile);
    for (const store of stores) expect([...store.entries.values()].every((value) => value === '')).toBe(true);
    expect(await sessions.load(profile)).toEqual([]);
  });

  it('falls back to the next store when the keychain cannot be used, and reads a damaged entry as none', async () => {
    const clock = { now: Date.parse('2026-12-05T09:00:00Z') };
    const file = memoryStore();
    const broken = { description: 'the OS keychain', get: () => Promise.reject(new Error('no keychain')), set: () => Promise.reject(new Error('no keychain')) };
    const sessions = createIdpSessionStore({ stores: [broken, file], now: () => new Date(clock.now) });
    await sessions.save(profile, [cookie]);
    expect(file.entries.size).toBe(1);
    expect(await sessions.load(profile)).toEqual([cookie]);
    for (const account of file.entries.keys()) file.entries.set(account, '{"version":1,"savedAt":"soon","cookies":[]}');
    expect(await sessions.load(profile)).toEqual([]);
  });
});
