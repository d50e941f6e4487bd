import { describe, expect, it } from 'vitest';
import { browserCandidates } from '../../../core/login/browser-candidates.js';

describe('browserCandidates', () => {
  it('tries Chrome, then Chromium, then Edge on Linux', () => {
    const candidates = browserCandidates('linux', {}, '/home/ada');
    expect(candidates.indexOf('/usr/bin/google-chrome')).toBeLessThan(candidates.indexOf('/usr/bin/chromium'));
    expect(candidates.indexOf('/usr/bin/chromium')).toBeLessThan(candidates.indexOf('/usr/bin/microsoft-edge'));
    expect(candidates).toContain('/usr/bin/chromium-browser');
  });

  it('looks in /Applications and ~/Applications on macOS', () => {
    const candidates = browserCandidates('darwin', {}, '/Users/ada');
    expect(candidates.slice(0, 2)).toEqual([
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Users/ada/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ]);
    expect(candidates).toContain('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    expect(candidates).toContain('/Applications/Chromium.app/Contents/MacOS/Chromium');
  });

  it('looks under the per-user and machine program folders on Windows, Chrome before Edge', () => {
    const env = { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local', PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' };
    const candidates = browserCandidates('win32', env, 'C:\\Users\\ada');
    expect(candidates[0]).toBe('C:\\Users\\ada\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(candidates).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(candidates).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(candidates.findIndex((c) => c.endsWith('chrome.exe'))).toBeLessThan(candidates.findIndex((c) => c.endsWith('msedge.exe')));
  });

  it('skips Windows folders whose variable is unset', () => {
    const candidates = browserCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' }, 'C:\\Users\\ada');
    expect(candidates.every((candidate) => candidate.startsWith('C:\\Program Files\\'))).toBe(true);
  });
});
