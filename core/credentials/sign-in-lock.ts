import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AtlasSsoError, errorCodes, isAtlasSsoError } from '../errors.js';
import { parseJsonObject } from '../parse-json-object.js';
import { writeFileReplacing } from './keys-cache-file-write.js';

/**
 * One sign-in at a time per connection and role across processes (AWS CLIs, SDKs and mongosh shells calling
 * credential_process at once). The lock is a folder `<name>.lock` (proper-lockfile, as for the AWS files); beside it
 * the holder leaves who it is (`.holder.json`) and how its sign-in ended (`.outcome.json`: an error's code and message,
 * never a secret), so those waiting can serve what it cached or fail with its message.
 */
export interface SignInLockRequest<T> {
  /** The folder for the lock files (made 0700). */
  readonly folder: string;
  /** What the sign-in is for, e.g. `<connection id>|<role>`; only a hash of it names the files. */
  readonly name: string;
  /** How long to wait for another process's sign-in: its sign-in timeout plus the STS call after it. */
  readonly waitMs: number;
  /** For the message when waiting runs out: `"Demo"`. */
  readonly label: string;
  /** What another process just cached, if it serves: checked under the lock before signing in. */
  readonly ready: () => Promise<T | undefined>;
  /** Signs in and caches the result, under the lock. */
  readonly signIn: () => Promise<T>;
  /** Called once when another process holds the lock, e.g. to say so on stderr. */
  readonly onWaiting?: () => void;
  /** A failure this recent is also the answer for callers that came after it. Default 10 s. */
  readonly failureKeptMs?: number;
}

/** proper-lockfile refreshes a live holder's lock every half of this; a lock older than this is taken over. */
const staleMs = 10_000;
const pollMs = 100;

/** Waits for any other sign-in, then serves what it cached, fails with its message, or signs in itself. */
export async function signInOnce<T>(request: SignInLockRequest<T>): Promise<T> {
  const outcome = await underLock(request, 'wait');
  if (outcome.kind === 'busy') throw new Error('unreachable: a waiting lock is never busy');
  return outcome.value;
}

/** Signs in only when no other process is signing in (an advisory refresh); 'busy' when one is. */
export async function signInIfFree<T>(request: Omit<SignInLockRequest<T>, 'waitMs' | 'onWaiting'>): Promise<T | 'busy'> {
  const outcome = await underLock({ ...request, waitMs: 0 }, 'try');
  return outcome.kind === 'busy' ? 'busy' : outcome.value;
}

type Held<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'busy' };

async function underLock<T>(request: SignInLockRequest<T>, mode: 'wait' | 'try'): Promise<Held<T>> {
  const files = lockFiles(request.folder, request.name);
  await mkdir(request.folder, { recursive: true, mode: 0o700 });
  const since = Date.now();
  let told = false;
  for (;;) {
    const release = await tryLock(files.lock);
    if (release !== undefined) {
      try {
        return { kind: 'done', value: await holdAndSignIn(request, files, since) };
      } finally {
        // The record goes before the lock: a later lock folder can get the same inode, and this record would then match it.
        await rm(files.holder, { force: true }).catch(() => undefined);
        await release().catch(() => undefined);
      }
    }
    if (mode === 'try') return { kind: 'busy' };
    if (!told) request.onWaiting?.();
    told = true;
    if (await takeOverDeadHolder(files)) continue;
    if (Date.now() - since > request.waitMs) {
      throw new AtlasSsoError(
        'login-timeout',
        `Another atlas-sso run has been signing in to ${request.label} for over ${Math.round(request.waitMs / 1000)} seconds. Finish or close its sign-in window, then try again.`,
      );
    }
    await sleep(pollMs + Math.random() * pollMs);
  }
}

interface LockFiles {
  readonly lock: string;
  readonly holder: string;
  readonly outcome: string;
}

function lockFiles(folder: string, name: string): LockFiles {
  const base = join(folder, createHash('sha256').update(name).digest('hex').slice(0, 32));
  return { lock: `${base}.lock`, holder: `${base}.holder.json`, outcome: `${base}.outcome.json` };
}

async function tryLock(lockDir: string): Promise<(() => Promise<void>) | undefined> {
  // Loaded here, not at the top: only a sign-in takes this lock.
  const { lock } = await import('proper-lockfile');
  try {
    // Without onCompromised proper-lockfile throws from a timer. A lost lock costs at most a second sign-in: the cache write is atomic.
    return await lock(lockDir, { lockfilePath: lockDir, realpath: false, stale: staleMs, retries: 0, onCompromised: () => undefined });
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ELOCKED') return undefined;
    throw new AtlasSsoError('credentials-file-io', `Could not take the sign-in lock ${lockDir}: check that the folder is yours and writable.`, { cause: error });
  }
}

/**
 * Under the lock: serve what another process cached meanwhile, else fail with the message of a sign-in that failed
 * while this process waited, else sign in and leave the outcome for those waiting.
 */
async function holdAndSignIn<T>(request: SignInLockRequest<T>, files: LockFiles, since: number): Promise<T> {
  const cached = await request.ready();
  if (cached !== undefined) return cached;
  const previous = await readOutcome(files.outcome);
  // The AWS SDKs' default chain runs a failed credential_process again at once: that is no reason to reopen a window just closed.
  if (previous !== undefined && previous.at >= since - (request.failureKeptMs ?? 10_000) && previous.error !== undefined) throw previous.error;
  const lockIno = (await stat(files.lock)).ino;
  await writeFileReplacing(files.holder, `${JSON.stringify({ pid: process.pid, host: hostname(), lockIno, startedAt: new Date().toISOString(), attempt: randomUUID() })}\n`);
  try {
    const value = await request.signIn();
    await writeOutcome(files.outcome, undefined);
    return value;
  } catch (error) {
    await writeOutcome(files.outcome, error);
    throw error;
  }
}

interface Outcome {
  readonly at: number;
  readonly error: AtlasSsoError | undefined;
}

/** Only the code and the message, which AtlasSsoErrors keep free of secrets; any other failure by its type alone. */
async function writeOutcome(path: string, error: unknown): Promise<void> {
  const failure = error === undefined ? undefined : isAtlasSsoError(error) ? { code: error.code, message: error.message } : { code: 'host-unexpected', message: unexpectedMessage };
  await writeFileReplacing(path, `${JSON.stringify({ at: Date.now(), ...(failure === undefined ? {} : { failure }) })}\n`).catch(() => undefined);
}

const unexpectedMessage = 'The sign-in failed unexpectedly. Run atlas-sso credential-process --verbose to see why.';

async function readOutcome(path: string): Promise<Outcome | undefined> {
  const entry = parseJsonObject(await readFile(path, 'utf8').catch(() => ''));
  if (entry === undefined || typeof entry.at !== 'number') return undefined;
  const failure = typeof entry.failure === 'object' && entry.failure !== null ? (entry.failure as Record<string, unknown>) : undefined;
  if (failure === undefined) return { at: entry.at, error: undefined };
  const code = errorCodes.find((known) => known === failure.code) ?? 'host-unexpected';
  return { at: entry.at, error: new AtlasSsoError(code, typeof failure.message === 'string' ? failure.message : unexpectedMessage) };
}

/**
 * A holder on this computer whose process is gone (killed, crashed) is taken over at once rather than after the stale
 * time. The lock folder must be the one that holder made (same inode): a lock just re-made by another waiter stays.
 */
async function takeOverDeadHolder(files: LockFiles): Promise<boolean> {
  const holder = parseJsonObject(await readFile(files.holder, 'utf8').catch(() => ''));
  if (holder === undefined || holder.host !== hostname() || typeof holder.pid !== 'number' || isAlive(holder.pid)) return false;
  const current = await stat(files.lock).catch(() => undefined);
  if (current === undefined || current.ino !== holder.lockIno) return false;
  await rm(files.holder, { force: true }).catch(() => undefined);
  await rmdir(files.lock).catch(() => undefined);
  return true;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, run by someone else.
    return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPERM';
  }
}
