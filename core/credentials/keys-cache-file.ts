import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AtlasSsoError, isAtlasSsoError } from '../errors.js';
import type { SecretStore } from './keys-cache.js';
import { isProcessGone, literal, removeStaleTempFiles } from './stale-temp-files.js';

const keyFileName = 'cache.key';
const keyBytes = 32;
const ivBytes = 12;
const tempRandomBytes = 6;
/** The temp files writeFileReplacing makes: `<entry or key file>.<pid>-<random>.tmp`. */
const tempName = new RegExp(`^(?:[0-9a-f]{40}\\.json|${literal(keyFileName)})\\.(\\d+)-[0-9a-f]{${2 * tempRandomBytes}}\\.tmp$`);
/** A temp file is written and renamed within milliseconds; one this old was left by a writer that died. */
const abandonedAfterMs = 60_000;

/**
 * Where keys rest when there is no OS keychain: one AES-256-GCM file per entry (0600, folder 0700), with the random
 * key in `cache.key` beside them. Be clear about what this protects: the key sits next to the data, so anyone who can
 * read this folder can decrypt it. It only keeps the keys out of casual reading, `grep`, search indexes and backups
 * that skip the key file; the real protection is the file mode, as for ~/.aws/credentials. An entry that does not
 * decrypt (corrupt, from another key, copied under another name) counts as missing and is replaced on the next write.
 */
export function createEncryptedFileStore(folder: string): SecretStore {
  return {
    description: `the encrypted cache file in ${folder}`,
    get: async (account) => {
      const [entry, key] = await Promise.all([readIfExists(entryPath(folder, account)), readIfExists(join(folder, keyFileName))]);
      if (entry === null || key?.length !== keyBytes) return null;
      return decrypt(entry, key, account);
    },
    set: async (account, secret) => {
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
    },
  };
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

/** Entry files are named by a hash: connection ids and role ARNs hold characters file systems refuse. */
function entryPath(folder: string, account: string): string {
  return join(folder, `${createHash('sha256').update(account).digest('hex').slice(0, 40)}.json`);
}

function encrypt(secret: string, key: Buffer, account: string): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The account is authenticated too: an entry renamed to another entry's file fails to decrypt.
  cipher.setAAD(Buffer.from(account));
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${JSON.stringify({ version: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') })}\n`;
}

function decrypt(entry: Buffer, key: Buffer, account: string): string | null {
  try {
    const parsed = JSON.parse(entry.toString('utf8')) as { version?: unknown; iv?: unknown; tag?: unknown; data?: unknown };
    if (parsed.version !== 1 || typeof parsed.iv !== 'string' || typeof parsed.tag !== 'string' || typeof parsed.data !== 'string') return null;
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parsed.iv, 'base64'));
    decipher.setAAD(Buffer.from(account));
    decipher.setAuthTag(Buffer.from(parsed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(parsed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** The folder's key; a missing or damaged one is replaced (old entries then simply stop decrypting). */
async function loadOrCreateKey(folder: string): Promise<Buffer> {
  const path = join(folder, keyFileName);
  const existing = await readIfExists(path);
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

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch {
    // Missing or unreadable: either way there is nothing usable here, and the next write says what is wrong.
    return null;
  }
}
