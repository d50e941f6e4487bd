import { createCipheriv, randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AtlasSsoError, isAtlasSsoError } from '../errors.js';
import { entryPath, keyBytes, keyFileName, readIfExists } from './keys-cache-file-read.js';
import { isProcessGone, literal, removeStaleTempFiles } from './stale-temp-files.js';

const ivBytes = 12;
const tempRandomBytes = 6;
/** The temp files writeFileReplacing makes: `<entry or key file>.<pid>-<random>.tmp`. */
const tempName = new RegExp(`^(?:[0-9a-f]{40}\\.json|${literal(keyFileName)})\\.(\\d+)-[0-9a-f]{${2 * tempRandomBytes}}\\.tmp$`);
/** A temp file is written and renamed within milliseconds; one this old was left by a writer that died. */
const abandonedAfterMs = 60_000;

/** Encrypts `secret` into its entry in `folder` (made or narrowed to 0700 first), with a message a person can act on. */
export async function writeEncryptedEntry(folder: string, account: string, secret: string): Promise<void> {
  try {
    await ownPrivateFolder(folder);
    await removeStaleTempFiles(folder, { name: tempName, isAbandoned: abandonedTemp });
    const key = await loadOrCreateKey(folder);
    await writeFileReplacing(entryPath(folder, account), encrypt(secret, key, account));
  } catch (error) {
    if (isAtlasSsoError(error)) throw error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'an unexpected error';
    throw new AtlasSsoError('credentials-file-io', `Could not write the keys cache in ${folder} (${code}): check that the folder is yours and writable.`, { cause: error });
  }
}

/**
 * Makes the folder (0700), or narrows an existing one to 0700: keys are never written where others can list or
 * reach them. A folder another user owns is refused rather than used (they could read or swap what is in it).
 */
async function ownPrivateFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return; // modes and owners mean nothing there: the profile folder's ACL protects it
  const stat = await lstat(folder);
  if (!stat.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  if (stat.uid !== process.getuid?.()) {
    throw new AtlasSsoError('credentials-file-io', `The keys cache folder ${folder} belongs to another user, so no keys are written there. Remove it (or give it to your user), then try again.`);
  }
  if ((stat.mode & 0o077) !== 0) await chmod(folder, 0o700);
}

/** Another writer's temp file is left alone while that writer runs: no lock guards this folder. */
function abandonedTemp(name: string, modifiedMs: number): boolean {
  const pid = Number(tempName.exec(name)?.[1]);
  return isProcessGone(pid) || Date.now() - modifiedMs > abandonedAfterMs;
}

function encrypt(secret: string, key: Buffer, account: string): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The account is authenticated too: an entry renamed to another entry's file fails to decrypt.
  cipher.setAAD(Buffer.from(account));
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${JSON.stringify({ version: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') })}\n`;
}

/** The folder's key; a missing or damaged one is replaced (old entries then simply stop decrypting). */
async function loadOrCreateKey(folder: string): Promise<Buffer> {
  const path = join(folder, keyFileName);
  const existing = readIfExists(path);
  if (existing?.length === keyBytes) return existing;
  const key = randomBytes(keyBytes);
  await writeFileReplacing(path, key);
  return key;
}

/** Temp file (0600) then rename: a reader sees the old file or the new one, never half of one. */
export async function writeFileReplacing(path: string, content: string | Buffer): Promise<void> {
  const temp = `${path}.${process.pid}-${randomBytes(tempRandomBytes).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      await handle.chmod(0o600);
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
