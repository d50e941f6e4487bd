import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The app window's folder, private to the person: 0700 even when it already existed looser. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') await chmod(dir, 0o700);
}

/** Writes a 0600 file whole or not at all: a reader never sees half of it. */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  await ensurePrivateDir(path.dirname(file));
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, file);
}
