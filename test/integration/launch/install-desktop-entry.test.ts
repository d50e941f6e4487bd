import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { installDesktopEntry, removeDesktopEntry } from '../../../core/launch/desktop-entry/install-desktop-entry.js';
import { linuxEntryPlan } from '../../../core/launch/desktop-entry/linux-entry.js';

let home = '';
let manifest = '';
const command = { node: '/usr/bin/node', script: '/opt/atlas-sso/dist/cli/main.js' };
const icons = new Map([[48, Buffer.from('png-48')], [256, Buffer.from('png-256')]]);

beforeEach(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'atlas-sso-entry-'));
  manifest = path.join(home, '.config', 'atlas-sso', 'app-window', 'desktop-entry.json');
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

/** Every path under HOME with its content, to compare before and after. */
async function tree(): Promise<Record<string, string>> {
  const entries = await readdir(home, { recursive: true, withFileTypes: true });
  const listed: Record<string, string> = {};
  for (const entry of entries) {
    const full = path.join(entry.parentPath, entry.name);
    listed[path.relative(home, full)] = entry.isDirectory() ? '(folder)' : await readFile(full, 'utf8');
  }
  return listed;
}

it('remove takes away exactly what install wrote, and nothing the person had there', async () => {
  await mkdir(path.join(home, '.local', 'share', 'applications'), { recursive: true });
  await writeFile(path.join(home, '.local', 'share', 'applications', 'editor.desktop'), 'theirs');
  const before = await tree();
  const plan = linuxEntryPlan(command, icons, path.join(home, '.local', 'share'));
  const written = await installDesktopEntry(plan, manifest);
  expect(written).toEqual(plan.files.map((file) => file.path));
  expect(await readFile(path.join(home, '.local', 'share', 'icons', 'hicolor', '256x256', 'apps', 'atlas-sso-window.png'), 'utf8')).toBe('png-256');
  expect((await stat(plan.files[0]?.path ?? '')).mode & 0o777).toBe(0o644);
  expect((await stat(manifest)).mode & 0o777).toBe(0o600);
  expect(await removeDesktopEntry(manifest)).toEqual(written);
  expect(await tree()).toEqual(before);
  expect(await removeDesktopEntry(manifest)).toBeUndefined();
});

it('installing again replaces the last install; a folder the person filled since stays', async () => {
  const first = linuxEntryPlan(command, icons, path.join(home, '.local', 'share'));
  await installDesktopEntry(first, manifest);
  await installDesktopEntry(linuxEntryPlan(command, new Map([[48, Buffer.from('new-48')]]), path.join(home, '.local', 'share')), manifest);
  await expect(stat(path.join(home, '.local', 'share', 'icons', 'hicolor', '256x256'))).rejects.toThrow();
  await writeFile(path.join(home, '.local', 'share', 'icons', 'hicolor', '48x48', 'apps', 'other.png'), 'theirs');
  await removeDesktopEntry(manifest);
  expect(await tree()).toEqual({
    '.local': '(folder)',
    '.local/share': '(folder)',
    '.local/share/icons': '(folder)',
    '.local/share/icons/hicolor': '(folder)',
    '.local/share/icons/hicolor/48x48': '(folder)',
    '.local/share/icons/hicolor/48x48/apps': '(folder)',
    '.local/share/icons/hicolor/48x48/apps/other.png': 'theirs',
  });
});

it('refuses a manifest it did not write, with what to do', async () => {
  await mkdir(path.dirname(manifest), { recursive: true });
  await writeFile(manifest, '{"files": "/etc/passwd"}');
  await expect(removeDesktopEntry(manifest)).rejects.toThrow(/remove the launcher by hand/);
});
