import { hostname } from 'node:os';
import { readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { isProcessGone } from './stale-temp-files.js';

/**
 * Who holds `<file>.lock`, written beside it (`<file>.lock.holder`) because proper-lockfile records nobody: a lock
 * left by a killed writer then costs a liveness check instead of the whole stale timeout.
 */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** When the holding process started (ISO 8601), for people reading the file. */
  readonly startedAt: string;
  /** The lock folder this record belongs to (inode and creation time), so a record is never applied to a newer lock. */
  readonly lockId: string;
}

export function lockHolderPath(target: string): string {
  return `${target}.lock.holder`;
}

function lockFolder(target: string): string {
  return `${target}.lock`;
}

async function lockIdOf(target: string): Promise<string | undefined> {
  const folder = await stat(lockFolder(target)).catch(() => undefined);
  // Without a creation time (some file systems) a folder cannot be told from a newer one: record nothing usable.
  if (folder === undefined || folder.birthtimeMs <= 0) return undefined;
  return `${folder.ino}:${folder.birthtimeMs}`;
}

/** Called right after taking the lock. Failing to record only means a crash costs the stale timeout. */
export async function recordLockHolder(target: string): Promise<LockHolder | undefined> {
  const lockId = await lockIdOf(target);
  if (lockId === undefined) return undefined;
  const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(), lockId };
  return writeFile(lockHolderPath(target), `${JSON.stringify(holder)}\n`, { mode: 0o600 }).then(
    () => holder,
    () => undefined,
  );
}

/** Called just before releasing the lock; leaves a newer holder's record alone. */
export async function clearLockHolder(target: string, holder: LockHolder | undefined): Promise<void> {
  if (holder === undefined) return;
  const current = await readLockHolder(target);
  if (current?.lockId === holder.lockId) await unlink(lockHolderPath(target)).catch(() => undefined);
}

export async function readLockHolder(target: string): Promise<LockHolder | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(lockHolderPath(target), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { pid, host, startedAt, lockId } = parsed as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof host !== 'string' || typeof startedAt !== 'string' || typeof lockId !== 'string') return undefined;
    return { pid, host, startedAt, lockId };
  } catch {
    return undefined;
  }
}

/**
 * When the current lock's recorded holder ran on this host and is gone, dates the lock back so proper-lockfile
 * takes it over on the next attempt. Should the record race a new holder, that holder's lock refresh sees the
 * changed time and reports the lock compromised, and it writes nothing: a lost update is impossible, only a retry.
 */
export async function expireLockOfDeadHolder(target: string): Promise<boolean> {
  const holder = await readLockHolder(target);
  if (holder === undefined || holder.host !== hostname() || !isProcessGone(holder.pid)) return false;
  if ((await lockIdOf(target)) !== holder.lockId) return false;
  const longAgo = new Date(0);
  return utimes(lockFolder(target), longAgo, longAgo).then(
    () => true,
    () => false,
  );
}
