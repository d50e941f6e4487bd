import { describe, expect, it } from 'vitest';
import type { UpdateCheckFacts } from '../../../core/desktop/update-check.js';
import { feedUrlOf, shouldCheckForUpdates, updateFailureLine } from '../../../core/desktop/update-check.js';

const packaged: UpdateCheckFacts = { isPackaged: true, platform: 'linux', env: {}, feed: 'https://updates.example.com/atlas-sso' };

describe('shouldCheckForUpdates', () => {
  it('checks a packaged app against the feed baked in at packaging', () => {
    expect(shouldCheckForUpdates(packaged)).toEqual({ check: true, feedUrl: 'https://updates.example.com/atlas-sso', source: 'package' });
    expect(shouldCheckForUpdates({ ...packaged, platform: 'darwin' }).check).toBe(true);
    expect(shouldCheckForUpdates({ ...packaged, platform: 'win32' }).check).toBe(true);
  });

  it('prefers ATLAS_SSO_UPDATE_URL from the environment (a company mirror), even when nothing was baked in', () => {
    const env = { ATLAS_SSO_UPDATE_URL: ' https://mirror.corp.example/atlas ' };
    expect(shouldCheckForUpdates({ ...packaged, env })).toEqual({ check: true, feedUrl: 'https://mirror.corp.example/atlas', source: 'environment' });
    expect(shouldCheckForUpdates({ ...packaged, env, feed: undefined }).check).toBe(true);
  });

  it('never checks when running from source', () => {
    expect(shouldCheckForUpdates({ ...packaged, isPackaged: false })).toEqual({ check: false, reason: expect.stringContaining('from source') as unknown });
  });

  it('does not check without a real feed: none, the build placeholder, or an empty variable', () => {
    expect(shouldCheckForUpdates({ ...packaged, feed: undefined })).toMatchObject({ check: false, reason: expect.stringContaining('no update feed') as unknown });
    expect(shouldCheckForUpdates({ ...packaged, feed: '' }).check).toBe(false);
    expect(shouldCheckForUpdates({ ...packaged, feed: 'https://updates.invalid/atlas-sso' })).toMatchObject({ check: false, reason: expect.stringContaining('placeholder') as unknown });
    expect(shouldCheckForUpdates({ ...packaged, env: { ATLAS_SSO_UPDATE_URL: '' }, feed: undefined }).check).toBe(false);
  });

  it('refuses a feed that is not https or holds credentials, saying where it came from', () => {
    expect(shouldCheckForUpdates({ ...packaged, feed: 'http://updates.example.com/' })).toMatchObject({ check: false, reason: 'the update feed of this package is not https' });
    expect(shouldCheckForUpdates({ ...packaged, env: { ATLAS_SSO_UPDATE_URL: 'https://user:pw@updates.example.com/' } })).toMatchObject({
      check: false,
      reason: 'the update feed in ATLAS_SSO_UPDATE_URL holds a user name or password',
    });
    expect(shouldCheckForUpdates({ ...packaged, feed: 'not a url' })).toMatchObject({ check: false, reason: expect.stringContaining('not a URL') as unknown });
  });

  it('does not check where electron-updater has no updater', () => {
    expect(shouldCheckForUpdates({ ...packaged, platform: 'freebsd' }).check).toBe(false);
  });
});

describe('feedUrlOf', () => {
  it("reads the url of electron-builder's app-update.yml, quoted or not", () => {
    expect(feedUrlOf('provider: generic\nurl: https://updates.example.com/atlas-sso\nupdaterCacheDirName: atlas-sso-updater\n')).toBe('https://updates.example.com/atlas-sso');
    expect(feedUrlOf("provider: generic\r\nurl: 'https://updates.example.com/a b'\r\n")).toBe('https://updates.example.com/a b');
    expect(feedUrlOf('provider: github\nowner: atlas-sso\n')).toBeUndefined();
  });
});

describe('updateFailureLine', () => {
  it("keeps the first line of electron-updater's many-line errors, cut short", () => {
    const error = new Error('HttpError: 404 Not Found\n"method: GET url: https://updates.example.com/latest-linux.yml"\nheaders: …');
    expect(updateFailureLine(error, 'https://updates.example.com')).toBe('Atlas SSO could not check for updates at https://updates.example.com: HttpError: 404 Not Found');
    const long = updateFailureLine(new Error('x'.repeat(500)), 'https://u.example.com');
    expect(long).not.toContain('\n');
    expect(long.endsWith('…')).toBe(true);
    expect(long.length).toBeLessThan(300);
    expect(updateFailureLine('\n', 'https://u.example.com')).toBe('Atlas SSO could not check for updates at https://u.example.com: unknown error');
  });
});
