import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { AtlasSsoError } from '../../errors.js';
import { writePrivateFile } from '../private-files.js';
import type { EntryPlan } from './entry-plan.js';

const manifestSchema = z.strictObject({
  version: z.literal(1),
  /** Every file install wrote (or had Windows write). */
  files: z.array(z.string()),
  /** The folders install created, deepest first: removed when they are empty again. */
  dirs: z.array(z.string()),
});

type Manifest = z.infer<typeof manifestSchema>;

/**
 * Writes the plan's files and records them, and the folders it had to create, in the manifest first: a remove after
 * an install that stopped halfway still takes away exactly what was written. Installing again replaces the last install.
 */
export async function installDesktopEntry(plan: EntryPlan, manifestFile: string): Promise<readonly string[]> {
  await removeDesktopEntry(manifestFile);
  const files = [...plan.files.map((file) => file.path), ...(plan.made === undefined ? [] : [plan.made.path])];
  // The manifest's own folders count too: the app window's folder may not exist before the first install.
  const dirs = await missingFolders([...files, manifestFile]);
  await writePrivateFile(manifestFile, `${JSON.stringify({ version: 1, files, dirs: [...dirs] } satisfies Manifest, null, 2)}\n`);
  for (const dir of [...dirs].reverse()) await mkdir(dir, { recursive: true, mode: 0o755 });
  for (const file of plan.files) {
    await writeFile(file.path, file.content, { mode: file.mode ?? 0o644 });
    await chmod(file.path, file.mode ?? 0o644);
  }
  if (plan.made !== undefined) {
    await promisify(execFile)(plan.made.command, [...plan.made.args], { timeout: 60_000, windowsHide: true }).catch((error: unknown) => {
      throw new AtlasSsoError('host-unexpected', `Could not create ${plan.made?.path} with ${plan.made?.command}.`, { cause: error });
    });
  }
  return files;
}

/** Takes away what the manifest lists, then the manifest; undefined when nothing was installed. */
export async function removeDesktopEntry(manifestFile: string): Promise<readonly string[] | undefined> {
  const manifest = await readManifest(manifestFile);
  if (manifest === undefined) return undefined;
  for (const file of manifest.files) await rm(file, { force: true });
  await rm(manifestFile, { force: true });
  // Only when empty: the person (or `atlas-sso ui`) may have put something of their own there since.
  for (const dir of manifest.dirs) await rmdir(dir).catch(() => undefined);
  return manifest.files;
}

async function readManifest(file: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let parsed: ReturnType<typeof manifestSchema.safeParse>;
  try {
    parsed = manifestSchema.safeParse(JSON.parse(text) as unknown);
  } catch {
    parsed = manifestSchema.safeParse(undefined);
  }
  if (!parsed.success) throw new AtlasSsoError('input-invalid', `${file} is not a record of a desktop entry this version wrote: remove the launcher by hand, then delete that file.`);
  return parsed.data;
}

/** The folders that do not exist yet on the way to each file, deepest first, each once. */
async function missingFolders(files: readonly string[]): Promise<readonly string[]> {
  const missing = new Set<string>();
  for (const file of files) {
    for (let dir = path.dirname(file); dir !== path.dirname(dir) && !missing.has(dir) && !(await exists(dir)); dir = path.dirname(dir)) missing.add(dir);
  }
  return [...missing].sort((a, b) => b.length - a.length);
}

async function exists(file: string): Promise<boolean> {
  return await stat(file).then(
    () => true,
    () => false,
  );
}
