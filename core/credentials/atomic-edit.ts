import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, lstat, mkdir, open, readlink, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AtlasSsoError, isAtlasSsoError } from '../errors.js';
import type { LockHolder } from './lock-holder.js';
import { clearLockHolder, expireLockOfDeadHolder, readLockHolder, recordLockHolder } from './lock-holder.js';
import { literal, removeStaleTempFiles } from './stale-temp-files.js';

/** How long a crashed writer's lock may block others, and how long to wait for a live one. */
export interface AtomicEditOptions {
  /**
   * A lock not refreshed for this long is taken over (proper-lockfile refreshes live ones; minimum 2000). Default 10 s.
   * A lock whose recorded holder ran on this host and has exited is taken over at once.
   */
  readonly staleMs?: number;
  /** Give up waiting for another writer after this long; keep it above `staleMs` so a stale lock is recovered. Default 30 s. */
  readonly lockWaitMs?: number;
}

/** The edit is computed from the file's text (null when there is no file yet) and may be run again if the file changes. */
export type FileEdit = (oldText: string | null) => string;

const maxAttempts = 5;
const maxSymlinkHops = 40;
const tempRandomBytes = 6;

/**
 * Replaces a file's content with `edit(old)` so that readers only ever see the old or the new complete file and
 * no concurrent writer's update is lost: a lock `<real file>.lock`, a temp file in the same folder (0600, fsync),
 * a re-read just before the rename, and an fsync of the folder. A symlinked file stays a link; its target is replaced.
 *
 * Hand-written rather than write-file-atomic, which cannot re-read the file between writing the temp file and the rename.
 */
export async function editFileAtomically(filePath: string, edit: FileEdit, options: AtomicEditOptions = {}): Promise<void> {
  try {
    const target = await resolveTarget(filePath, true);
    const held = await acquireLock(filePath, target, options);
    try {
      await removeLeftoverTempFiles(target);
      await replaceUnderLock(filePath, target, edit, held.isCompromised);
    } finally {
      await clearLockHolder(target, held.holder);
      // A failed release leaves a lock folder that the next writer takes over once it is stale: nothing to do here.
      await held.release().catch(() => undefined);
    }
  } catch (error) {
    throw asAtlasSsoError(filePath, error);
  }
}

/**
 * Refuses, without creating or locking anything, a file editFileAtomically would fail on: read-only, a folder in
 * its place, or a folder that cannot be written (or created). Run before spending a sign-in on keys to save there.
 */
export async function checkFileEditable(filePath: string): Promise<void> {
  try {
    const target = await resolveTarget(filePath, false);
    const existing = await stat(target).catch((error: unknown) => {
      if (hasCode(error, 'ENOENT')) return undefined;
      throw error;
    });
    if (existing?.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    if (existing !== undefined) refuseReadOnly(filePath, existing.mode);
    await access(await nearestExistingFolder(dirname(target)), constants.W_OK | constants.X_OK);
  } catch (error) {
    throw asAtlasSsoError(filePath, error);
  }
}

/** The folder the file goes in, or the closest ancestor that exists (the rest is created on the first write). */
async function nearestExistingFolder(folder: string): Promise<string> {
  for (let current = folder; ; current = dirname(current)) {
    const found = await stat(current).catch((error: unknown) => {
      if (hasCode(error, 'ENOENT') && dirname(current) !== current) return undefined;
      throw error;
    });
    if (found === undefined) continue;
    if (!found.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    return current;
  }
}

/**
 * The real file to replace: symlinks followed (also a dangling one, whose target gets created), the folder made
 * (0700, like ~/.aws) when missing. The lock is `<this path>.lock`, so every name for one file shares one lock.
 * Locking this path rather than the folder keeps credentials and config writers independent, and needs no empty
 * file to be created first (which a crash would leave behind).
 */
export async function resolveTarget(filePath: string, createFolder: boolean): Promise<string> {
  let current = resolve(filePath);
  for (let hop = 0; hop < maxSymlinkHops; hop += 1) {
    const stat = await lstat(current).catch((error: unknown) => {
      if (hasCode(error, 'ENOENT')) return undefined;
      throw error;
    });
    if (stat?.isSymbolicLink()) {
      current = resolve(dirname(current), await readlink(current));
      continue;
    }
    if (stat === undefined && !createFolder) return current;
    if (stat === undefined) await mkdir(dirname(current), { recursive: true, mode: 0o700 });
    return join(await realpath(dirname(current)), basename(current));
  }
  throw new AtlasSsoError('credentials-file-io', `Could not update ${filePath}: its symbolic links loop or are nested too deeply. Point it at a regular file and try again.`);
}

interface HeldLock {
  readonly release: () => Promise<void>;
  readonly isCompromised: () => boolean;
  readonly holder: LockHolder | undefined;
}

/** Waits for the lock with short polls up to a deadline; proper-lockfile takes over a stale lock on a poll. */
async function acquireLock(filePath: string, target: string, options: AtomicEditOptions): Promise<HeldLock> {
  // Loaded here, not at the top: `assume` and others import this module but write a file only when asked to.
  const { lock } = await import('proper-lockfile');
  const waitMs = options.lockWaitMs ?? 30_000;
  const deadline = Date.now() + waitMs;
  let compromised = false;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      const release = await lock(target, {
        realpath: false,
        stale: options.staleMs ?? 10_000,
        retries: 0,
        // Without a handler proper-lockfile throws from a timer; we refuse to rename instead.
        onCompromised: () => {
          compromised = true;
        },
      });
      return { release, isCompromised: () => compromised, holder: await recordLockHolder(target) };
    } catch (error) {
      if (!hasCode(error, 'ELOCKED')) throw error;
      if (await expireLockOfDeadHolder(target)) continue;
      if (Date.now() >= deadline) {
        const holder = await readLockHolder(target);
        const who = holder === undefined ? 'Another program' : `Another program (process ${holder.pid} on ${holder.host}, started ${holder.startedAt})`;
        throw new AtlasSsoError(
          'credentials-lock-timeout',
          `${who} has been updating ${filePath} for over ${Math.round(waitMs / 1000)} seconds. Wait for it to finish (or, if no AWS tool is running, remove the folder ${target}.lock), then try again.`,
        );
      }
      await sleep(delay + Math.random() * delay);
    }
  }
}

/** Temp files of a writer that was killed mid-write: under the lock, no live writer owns one. */
async function removeLeftoverTempFiles(target: string): Promise<void> {
  const name = new RegExp(`^${literal(tempPrefix(target))}\\d+-[0-9a-f]{${2 * tempRandomBytes}}\\.tmp$`);
  await removeStaleTempFiles(dirname(target), { name, isAbandoned: () => true });
}

function tempPrefix(target: string): string {
  return `.${basename(target)}.atlas-sso-`;
}

/**
 * Refuses a file its owner made read-only: they mean it, and the AWS CLI's own writer fails on it too.
 * Checked on the mode rather than by trying, so it holds for root as well.
 */
export function refuseReadOnly(filePath: string, mode: number): void {
  if ((mode & 0o200) !== 0) return;
  throw new AtlasSsoError(
    'credentials-file-io',
    `${filePath} is read-only, so the keys cannot be saved there. Make it writable (chmod u+w "${filePath}") or choose another file (AWS_SHARED_CREDENTIALS_FILE), then try again.`,
  );
}

async function replaceUnderLock(filePath: string, target: string, edit: FileEdit, isCompromised: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const before = await readIfExists(target);
    if (before !== undefined) refuseReadOnly(filePath, before.mode);
    const text = edit(before === undefined ? null : decodeUtf8(filePath, before.bytes));
    const temp = join(dirname(target), `${tempPrefix(target)}${process.pid}-${randomBytes(tempRandomBytes).toString('hex')}.tmp`);
    let renamed = false;
    try {
      await writeSynced(temp, text, modeFor(before?.mode));
      const now = await readIfExists(target);
      // Someone without our lock (an editor, `aws configure set`) wrote meanwhile: redo the edit on their content.
      if (!sameBytes(before?.bytes, now?.bytes)) continue;
      if (isCompromised()) {
        throw new AtlasSsoError('credentials-lock-timeout', `Another program took over the lock on ${filePath} while it was being updated, so nothing was written. Try again.`);
      }
      await rename(temp, target);
      renamed = true;
      await syncFolder(dirname(target));
      return;
    } finally {
      if (!renamed) await unlink(temp).catch(() => undefined);
    }
  }
  throw new AtlasSsoError('credentials-file-io', `${filePath} kept changing while it was being updated (another program is writing it). Try again in a moment.`);
}

/** Never wider than 0600 (a read-only file was refused before). */
function modeFor(existingMode: number | undefined): number {
  return existingMode === undefined ? 0o600 : (existingMode & 0o600) || 0o600;
}

async function readIfExists(path: string): Promise<{ readonly bytes: Buffer; readonly mode: number } | undefined> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    if (hasCode(error, 'ENOENT')) return undefined;
    throw error;
  });
  if (handle === undefined) return undefined;
  try {
    const { mode } = await handle.stat();
    return { bytes: await handle.readFile(), mode };
  } finally {
    await handle.close();
  }
}

/** Strict UTF-8, BOM kept: a lenient decode would silently change bytes we promise to keep. */
function decodeUtf8(filePath: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new AtlasSsoError('credentials-file-unparsable', `${filePath} is not UTF-8 text, and the AWS CLI cannot read it either. Save it as UTF-8, then try again.`);
  }
}

function sameBytes(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}

async function writeSynced(path: string, text: string, mode: number): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.chmod(mode); // open() applies the umask; set the mode we chose exactly
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes the rename itself durable. Windows cannot open a folder to fsync it; there the rename is all there is. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

const ioReasons: Readonly<Record<string, string>> = {
  EACCES: 'permission was denied; check who owns the file and its folder',
  EPERM: 'the operation was not permitted; check who owns the file and its folder',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of its path is a file, not a folder',
};

/** Each failure once as an AtlasSsoError naming the file, never its content. */
function asAtlasSsoError(filePath: string, error: unknown): AtlasSsoError {
  if (isAtlasSsoError(error)) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const reason = (code === undefined ? undefined : ioReasons[code]) ?? `the system reported ${code ?? 'an unexpected error'}`;
  return new AtlasSsoError('credentials-file-io', `Could not update ${filePath}: ${reason}.`, { cause: error });
}
