import path from 'node:path';
import { quoteForShell } from '../../shell/quote.js';
import type { EntryPlan, IconSet, LauncherCommand } from './entry-plan.js';
import { entryName } from './entry-plan.js';

/** The icns types that hold a PNG, by edge length (Apple's icns format: 'icns', total length, then type, length, data). */
const icnsTypes: ReadonlyMap<number, string> = new Map([
  [128, 'ic07'],
  [256, 'ic08'],
  [512, 'ic09'],
  [1024, 'ic10'],
]);

export function icnsFile(icons: IconSet): Buffer {
  const entries = [...icnsTypes].flatMap(([size, type]) => {
    const png = icons.get(size);
    if (png === undefined) return [];
    const header = Buffer.alloc(8);
    header.write(type, 0, 'latin1');
    header.writeUInt32BE(png.length + 8, 4);
    return [header, png];
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'latin1');
  header.writeUInt32BE(8 + entries.reduce((sum, part) => sum + part.length, 0), 4);
  return Buffer.concat([header, ...entries]);
}

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function macInfoPlist(): string {
  const keys: Readonly<Record<string, string>> = {
    CFBundleName: entryName,
    CFBundleDisplayName: entryName,
    CFBundleIdentifier: 'io.github.atlas-sso.window',
    CFBundleExecutable: 'atlas-sso-window',
    CFBundleIconFile: 'atlas-sso',
    CFBundlePackageType: 'APPL',
    CFBundleInfoDictionaryVersion: '6.0',
    CFBundleShortVersionString: '1.0',
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    ...Object.entries(keys).map(([key, value]) => `  <key>${key}</key>\n  <string>${xml(value)}</string>`),
    // The launcher is a script with no window of its own: the window is the browser's, so it stays out of the Dock.
    '  <key>LSUIElement</key>\n  <true/>',
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

export function macLauncherScript(command: LauncherCommand): string {
  return `#!/bin/sh\nexec ${quoteForShell('bash', command.node)} ${quoteForShell('bash', command.script)} ui\n`;
}

/** A small bundle in ~/Applications: Info.plist, the launcher script and the icon. */
export function macBundlePlan(command: LauncherCommand, icons: IconSet, homeDir: string): EntryPlan {
  const contents = path.posix.join(homeDir, 'Applications', `${entryName}.app`, 'Contents');
  return {
    files: [
      { path: path.posix.join(contents, 'Info.plist'), content: macInfoPlist() },
      { path: path.posix.join(contents, 'MacOS', 'atlas-sso-window'), content: macLauncherScript(command), mode: 0o755 },
      { path: path.posix.join(contents, 'Resources', 'atlas-sso.icns'), content: icnsFile(icons) },
    ],
    where: `Launchpad and ~/Applications (${path.posix.dirname(contents)})`,
  };
}
