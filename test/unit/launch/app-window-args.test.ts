import { describe, expect, it } from 'vitest';
import { appWindowArgs } from '../../../core/launch/app-window-args.js';
import { appWindowPaths } from '../../../core/launch/app-window-paths.js';
import { launcherPage } from '../../../core/launch/launcher-page.js';
import { windowBoundsArgs, windowBoundsSchema } from '../../../core/launch/window-bounds.js';

const paths = appWindowPaths('/home/ada/.config/atlas-sso/connections.json', 'linux');

describe('the app window command line', () => {
  const args = appWindowArgs({ launcherFile: paths.launcherFile, profileDir: paths.profileDir, bounds: undefined, isRoot: false, extraArgs: ['--lang=en'] });

  it('opens the private redirect page as an app, in a profile of its own beside the login profiles', () => {
    expect(args).toContain('--app=file:///home/ada/.config/atlas-sso/app-window/open-atlas-sso.html');
    expect(args).toContain('--user-data-dir=/home/ada/.config/atlas-sso/app-window/browser-profile');
    expect(paths.profileDir).not.toContain('browser-profiles');
  });

  it("turns the browser's calls home off, adds the caller's switches last, and --no-sandbox only as root", () => {
    expect(args).toEqual(expect.arrayContaining(['--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']));
    expect(args.at(-1)).toBe('--lang=en');
    expect(args).not.toContain('--no-sandbox');
    expect(appWindowArgs({ launcherFile: paths.launcherFile, profileDir: paths.profileDir, bounds: undefined, isRoot: true, extraArgs: [] })).toContain('--no-sandbox');
  });

  it('never carries the launch link', () => {
    expect(args.join(' ')).not.toContain('token');
    expect(args.join(' ')).not.toContain('127.0.0.1');
  });
});

describe('the window bounds', () => {
  it('reopen the window where it was left, grown back to a usable minimum', () => {
    expect(windowBoundsArgs({ left: 40, top: 30, width: 900, height: 700 })).toEqual(['--window-size=900,700', '--window-position=40,30']);
    expect(windowBoundsArgs({ left: -1200, top: 0, width: 200, height: 100 })).toEqual(['--window-size=480,400', '--window-position=-1200,0']);
    expect(windowBoundsArgs(undefined)).toEqual(['--window-size=1000,760']);
  });

  it('take whole numbers only, nothing else', () => {
    expect(windowBoundsSchema.safeParse({ left: 1, top: 2, width: 3, height: 4 }).success).toBe(true);
    expect(windowBoundsSchema.safeParse({ left: 1.5, top: 2, width: 3, height: 4 }).success).toBe(false);
    expect(windowBoundsSchema.safeParse({ left: 1, top: 2, width: 0, height: 4 }).success).toBe(false);
    expect(windowBoundsSchema.safeParse({ left: 1, top: 2, width: 3, height: 4, extra: '--remote-debugging-port=1' }).success).toBe(false);
  });
});

describe('the redirect page', () => {
  it('sends the browser on with no referrer, the address escaped for the attribute', () => {
    const page = launcherPage('http://127.0.0.1:1234/#token=a"b<c&d');
    expect(page).toContain('<meta name="referrer" content="no-referrer">');
    expect(page).toContain('content="0;url=http://127.0.0.1:1234/#token=a&quot;b&lt;c&amp;d"');
  });
});

describe('the app window folder', () => {
  it('sits beside the connections file on every OS', () => {
    expect(appWindowPaths('C:\\Users\\ada\\AppData\\Roaming\\Atlas SSO\\connections.json', 'win32').instanceFile).toBe('C:\\Users\\ada\\AppData\\Roaming\\Atlas SSO\\app-window\\instance.json');
    expect(appWindowPaths('/Users/ada/Library/Application Support/Atlas SSO/connections.json', 'darwin').desktopEntryManifest).toBe('/Users/ada/Library/Application Support/Atlas SSO/app-window/desktop-entry.json');
  });
});
