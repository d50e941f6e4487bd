import { describe, expect, it } from 'vitest';
import { compileCacheDir } from '../../../cli/compile-cache.js';

describe("the CLI's compile cache folder", () => {
  it("is in the OS's per-user cache folder, never beside the settings", () => {
    expect(compileCacheDir('linux', {}, '/home/ana')).toBe('/home/ana/.cache/atlas-sso/node-compile-cache');
    expect(compileCacheDir('linux', { XDG_CACHE_HOME: '/var/cache/ana' }, '/home/ana')).toBe('/var/cache/ana/atlas-sso/node-compile-cache');
    expect(compileCacheDir('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Caches/Atlas SSO/node-compile-cache');
    expect(compileCacheDir('win32', { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Local\\Atlas SSO\\Cache\\node-compile-cache');
    expect(compileCacheDir('win32', {}, 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Local\\Atlas SSO\\Cache\\node-compile-cache');
  });

  it('ignores a relative XDG_CACHE_HOME, as the XDG spec says', () => {
    expect(compileCacheDir('linux', { XDG_CACHE_HOME: 'cache' }, '/home/ana')).toBe('/home/ana/.cache/atlas-sso/node-compile-cache');
  });
});
