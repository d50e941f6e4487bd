import { lstat, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Which leftovers in a folder are ours to remove. */
export interface StaleTempRule {
  /** The exact temp-file names this program writes; nothing else in the folder is touched. */
  readonly name: RegExp;
  /** Whether the file named is no longer being written (e.g. its writer is dead, or the caller holds the lock). */
  readonly isAbandoned: (name: string, modifiedMs: number) => boolean;
}

/**
 * Removes temp files a writer killed mid-write left behind. Only regular files whose name matches the pattern
 * and that belong to this user are removed: a shared or misconfigured folder may hold other people's files.
 */
export async function removeStaleTempFiles(folder: string, rule: StaleTempRule): Promise<number> {
  const names = (await readdir(folder).catch(() => [])).filter((name) => rule.name.test(name));
  const uid = process.getuid?.();
  const removed = await Promise.all(
    names.map(async (name) => {
      const path = join(folder, name);
      const stat = await lstat(path).catch(() => undefined);
      if (stat === undefined || !stat.isFile() || (uid !== undefined && stat.uid !== uid)) return false;
      if (!rule.isAbandoned(name, stat.mtimeMs)) return false;
      return unlink(path).then(
        () => true,
        () => false,
      );
    }),
  );
  return removed.filter(Boolean).length;
}

/** True when no process with this id runs on this machine (EPERM means it runs as someone else). */
export function isProcessGone(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ESRCH';
  }
}

/** A regular expression matching `text` literally. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
