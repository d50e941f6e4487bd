import { createDecipheriv, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reading one entry of the encrypted keys-cache folder (keys-cache-file.ts): nothing but node:fs's sync read and the
 * cipher, since every AWS SDK waits on this read at each start (credential_process), and an asynchronous read would
 * first start libuv's thread pool. Writing lives in keys-cache-file-write.ts, loaded only to write.
 */

export const keyFileName = 'cache.key';
export const keyBytes = 32;

/** The secret kept under `account` in `folder`, or null when there is none or it does not decrypt. */
export function readEncryptedEntry(folder: string, account: string): string | null {
  const entry = readIfExists(entryPath(folder, account));
  const key = readIfExists(join(folder, keyFileName));
  if (entry === null || key?.length !== keyBytes) return null;
  return decrypt(entry, key, account);
}

/** Entry files are named by a hash: connection ids and role ARNs hold characters file systems refuse. */
export function entryPath(folder: string, account: string): string {
  return join(folder, `${createHash('sha256').update(account).digest('hex').slice(0, 40)}.json`);
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

export function readIfExists(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    // Missing or unreadable: either way there is nothing usable here, and the next write says what is wrong.
    return null;
  }
}
