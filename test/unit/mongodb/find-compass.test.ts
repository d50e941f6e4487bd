import { describe, expect, it } from 'vitest';
import { listsCompass } from '../../../core/mongodb/compass-running.js';
import { compassCandidates, findCompass } from '../../../core/mongodb/find-compass.js';

const macCompass = '/Applications/MongoDB Compass.app/Contents/MacOS/MongoDB Compass';

describe('findCompass', () => {
  it('looks on PATH first, then in the usual install folders of each OS', () => {
    expect(compassCandidates({ env: { PATH: '/home/a/bin:/usr/bin' }, platform: 'linux' }, '/home/a')).toEqual([
      '/home/a/bin/mongodb-compass',
      '/usr/bin/mongodb-compass',
      '/usr/local/bin/mongodb-compass',
      '/snap/bin/mongodb-compass',
      '/opt/mongodb-compass/mongodb-compass',
    ]);
    expect(compassCandidates({ env: { PATH: '/opt/homebrew/bin' }, platform: 'darwin' }, '/Users/a')).toEqual([
      '/opt/homebrew/bin/mongodb-compass',
      macCompass,
      '/Users/a/Applications/MongoDB Compass.app/Contents/MacOS/MongoDB Compass',
    ]);
    expect(compassCandidates({ env: { Path: 'C:\\bin', PATHEXT: '.EXE', LocalAppData: 'C:\\Users\\a\\AppData\\Local' }, platform: 'win32' }, 'C:\\Users\\a')).toEqual([
      'C:\\bin\\MongoDBCompass.exe',
      'C:\\Users\\a\\AppData\\Local\\MongoDBCompass\\MongoDBCompass.exe',
    ]);
  });

  it('takes the first that exists, and says where to get Compass when none does', async () => {
    const search = { env: { PATH: '/usr/bin' }, platform: 'darwin' as const, homeDir: '/Users/a' };
    await expect(findCompass({ ...search, exists: (file) => Promise.resolve(file === macCompass) })).resolves.toBe(macCompass);
    await expect(findCompass({ ...search, exists: () => Promise.resolve(false) })).rejects.toMatchObject({ code: 'mongodb-compass-not-found' });
    await expect(findCompass({ ...search, exists: () => Promise.resolve(false) })).rejects.toThrow(/install it from https:\/\/www\.mongodb\.com\/try\/download\/compass/);
    await expect(findCompass({ ...search, configuredPath: '/nope/compass', exists: (file) => Promise.resolve(file === macCompass) })).rejects.toMatchObject({ code: 'mongodb-compass-not-found' });
  });
});

describe('listsCompass', () => {
  it('finds Compass in the process list of each OS, by its name (cut to 15 characters on Linux), ignoring zombies', () => {
    expect(listsCompass('S    bash\nSl   mongodb-compass\n', '/usr/bin/mongodb-compass', 'linux')).toBe(true);
    expect(listsCompass('Z    mongodb-compass\n', '/usr/bin/mongodb-compass', 'linux')).toBe(false);
    expect(listsCompass('S    mongodb-compass-beta\n', '/usr/bin/mongodb-compass', 'linux')).toBe(false);
    expect(listsCompass(`Ss   /sbin/launchd\nS    ${macCompass}\n`, macCompass, 'darwin')).toBe(true);
    expect(listsCompass('S    /Applications/MongoDB Compass.app/Contents/Frameworks/MongoDB Compass Helper.app/Contents/MacOS/MongoDB Compass Helper\n', macCompass, 'darwin')).toBe(false);
    expect(listsCompass('"explorer.exe","1","Console","1","10 K"\r\n"MongoDBCompass.exe","42","Console","1","100 K"\r\n', 'C:\\x\\MongoDBCompass.exe', 'win32')).toBe(true);
    expect(listsCompass('"explorer.exe","1","Console","1","10 K"\r\n', 'C:\\x\\MongoDBCompass.exe', 'win32')).toBe(false);
  });
});
