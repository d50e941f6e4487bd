import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktopEntryPlan } from '../../../core/launch/desktop-entry/desktop-entry-plan.js';
import type { IconSet } from '../../../core/launch/desktop-entry/entry-plan.js';
import { desktopExecArg, linuxDesktopFile, xdgDataHome } from '../../../core/launch/desktop-entry/linux-entry.js';
import { icnsFile, macInfoPlist, macLauncherScript } from '../../../core/launch/desktop-entry/macos-bundle.js';
import { icoFile, shortcutScript } from '../../../core/launch/desktop-entry/windows-shortcut.js';

/** Stand-in PNGs: the signature, then the size in the IHDR width field, enough to tell the entries apart. */
function fakePng(size: number): Buffer {
  const png = Buffer.alloc(24);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
  png.writeUInt32BE(size, 16);
  return png;
}
const icons: IconSet = new Map([16, 24, 32, 48, 64, 128, 256, 512, 1024].map((size) => [size, fakePng(size)]));
const awkward = { node: '/opt/my tools/node $HOME/100%/bin/node', script: '/home/o\'brien/"atlas"/`x`/a\\b/main.js' };

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'atlas-sso-entry-files-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('Linux: the XDG desktop entry', () => {
  it('quotes Exec arguments by the spec: reserved characters inside quotes, ", `, $ and \\ escaped, then \\ and % doubled', () => {
    expect(desktopExecArg('/usr/bin/node')).toBe('/usr/bin/node');
    expect(desktopExecArg('/opt/my tools/node')).toBe('"/opt/my tools/node"');
    expect(desktopExecArg('/a/$HOME/b')).toBe('"/a/\\\\$HOME/b"');
    expect(desktopExecArg('/a/"q"/b')).toBe('"/a/\\\\"q\\\\"/b"');
    expect(desktopExecArg('/a\\b')).toBe('"/a\\\\\\\\b"');
    expect(desktopExecArg('/100%/x')).toBe('/100%%/x');
    expect(() => desktopExecArg('/a\nb')).toThrow(/line break/);
  });

  it('passes desktop-file-validate even for awkward paths', async () => {
    const file = path.join(folder, 'atlas-sso-window.desktop');
    await writeFile(file, linuxDesktopFile(awkward));
    const validated = spawnSync('desktop-file-validate', [file], { encoding: 'utf8' });
    expect(`${validated.stdout}${validated.stderr}`).toBe('');
    expect(validated.status).toBe(0);
  });

  it('goes under $XDG_DATA_HOME when it is absolute, else ~/.local/share', () => {
    expect(xdgDataHome({ XDG_DATA_HOME: '/data' }, '/home/ada')).toBe('/data');
    expect(xdgDataHome({ XDG_DATA_HOME: 'relative/data' }, '/home/ada')).toBe('/home/ada/.local/share');
    expect(xdgDataHome({}, '/home/ada')).toBe('/home/ada/.local/share');
    const plan = desktopEntryPlan(awkward, icons, { platform: 'linux', env: { XDG_DATA_HOME: '/data' }, homeDir: '/home/ada', appStateDir: '/x' });
    expect(plan.files.map((file) => file.path)).toEqual([
      '/data/applications/atlas-sso-window.desktop',
      ...[16, 24, 32, 48, 64, 128, 256, 512].map((size) => `/data/icons/hicolor/${size}x${size}/apps/atlas-sso-window.png`),
    ]);
    expect(plan.made).toBeUndefined();
  });
});

describe('macOS: the app bundle', () => {
  it('has an Info.plist that is well-formed XML naming the launcher and the icon', () => {
    const plist = new DOMParser().parseFromString(macInfoPlist(), 'text/xml');
    const keys = Array.from(plist.getElementsByTagName('key')).map((key) => [key.textContent, key.nextSibling?.nextSibling?.textContent]);
    expect(Object.fromEntries(keys)).toMatchObject({ CFBundleExecutable: 'atlas-sso-window', CFBundleIconFile: 'atlas-sso', CFBundlePackageType: 'APPL' });
  });

  it('has a launcher script that runs exactly this Node and script with `ui`, whatever the paths hold', async () => {
    const standIn = path.join(folder, 'print-args');
    await writeFile(standIn, '#!/bin/sh\nfor a in "$@"; do printf "[%s]\\n" "$a"; done\n');
    await chmod(standIn, 0o755);
    const script = path.join(folder, 'launcher.sh');
    await writeFile(script, macLauncherScript({ node: standIn, script: awkward.script }));
    const ran = spawnSync('/bin/sh', [script], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent' } });
    expect(ran.stdout).toBe(`[${awkward.script}]\n[ui]\n`);
  });

  it('has an icns holding the PNGs from 128 to 1024 pixels', () => {
    const icns = icnsFile(icons);
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4)) {
      types.push(icns.toString('latin1', offset, offset + 4));
      expect(icns.readUInt32BE(offset + 8 + 16)).toBe({ ic07: 128, ic08: 256, ic09: 512, ic10: 1024 }[types.at(-1) ?? '']);
    }
    expect(types).toEqual(['ic07', 'ic08', 'ic09', 'ic10']);
  });

  it('lands in ~/Applications', () => {
    const plan = desktopEntryPlan(awkward, icons, { platform: 'darwin', env: {}, homeDir: '/Users/ada', appStateDir: '/x' });
    expect(plan.files.map((file) => [file.path, file.mode])).toEqual([
      ['/Users/ada/Applications/Atlas SSO.app/Contents/Info.plist', undefined],
      ['/Users/ada/Applications/Atlas SSO.app/Contents/MacOS/atlas-sso-window', 0o755],
      ['/Users/ada/Applications/Atlas SSO.app/Contents/Resources/atlas-sso.icns', undefined],
    ]);
  });
});

describe('Windows: the Start-menu shortcut', () => {
  const plan = desktopEntryPlan(
    { node: 'C:\\Program Files\\nodejs\\node.exe', script: "C:\\Users\\o'brien\\npm\\node_modules\\atlas-sso\\dist\\cli\\main.js" },
    icons,
    { platform: 'win32', env: { APPDATA: 'C:\\Users\\o\'brien\\AppData\\Roaming' }, homeDir: "C:\\Users\\o'brien", appStateDir: "C:\\Users\\o'brien\\AppData\\Roaming\\Atlas SSO\\app-window" },
  );

  it('is a .lnk in the Start menu that PowerShell has Windows write, the script passed encoded', () => {
    expect(plan.made?.path).toBe("C:\\Users\\o'brien\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Atlas SSO.lnk");
    expect(plan.made?.command).toBe('powershell.exe');
    const script = Buffer.from(plan.made?.args.at(-1) ?? '', 'base64').toString('utf16le');
    expect(script).toContain("CreateShortcut('C:\\Users\\o''brien\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Atlas SSO.lnk')");
    expect(script).toContain("$link.TargetPath = 'C:\\Program Files\\nodejs\\node.exe'");
    expect(script).toContain("$link.Arguments = '\"C:\\Users\\o''brien\\npm\\node_modules\\atlas-sso\\dist\\cli\\main.js\" ui'");
    expect(script).toContain("$link.IconLocation = 'C:\\Users\\o''brien\\AppData\\Roaming\\Atlas SSO\\app-window\\atlas-sso.ico,0'");
    expect(script).toMatch(/\$link\.Save\(\)$/);
  });

  it('quotes typographic apostrophes too, which PowerShell also ends a string on', () => {
    expect(shortcutScript({ node: 'C:\\n\u2019x\\node.exe', script: 'C:\\s.js' }, 'C:\\l.lnk', 'C:\\i.ico', 'C:\\')).toContain("TargetPath = 'C:\\n\u2019\u2019x\\node.exe'");
  });

  it('has an .ico of PNG entries whose directory points at each one', () => {
    const ico = plan.files.find((file) => file.path.endsWith('atlas-sso.ico'))?.content;
    if (!(ico instanceof Buffer)) throw new Error('no icon in the plan');
    expect(ico.equals(icoFile(icons))).toBe(true);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    expect(count).toBe(7);
    for (let entry = 0; entry < count; entry++) {
      const at = 6 + 16 * entry;
      const offset = ico.readUInt32LE(at + 12);
      const size = ico.readUInt32BE(offset + 16);
      expect(ico.readUInt8(at)).toBe(size >= 256 ? 0 : size);
      expect(ico.readUInt32LE(at + 8)).toBe(24);
      expect(ico.subarray(offset, offset + 4).toString('latin1')).toBe('\x89PNG');
    }
  });
});

it('the shipped icons exist in every size the launchers use', async () => {
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
    const png = await readFile(path.join('assets', 'icons', `${size}x${size}.png`));
    expect(png.readUInt32BE(16)).toBe(size);
  }
});
