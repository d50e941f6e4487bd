import { readFileSync } from 'node:fs';
import os from 'node:os';
import { connectionsFilePath } from '../core/connections/config-path.js';
import { peekConnection } from '../core/connections/peek-connection.js';
import { credentialProcessJson } from '../core/credentials/credential-process-output.js';
import { keysCacheStores } from '../core/credentials/open-keys-cache.js';
import { peekFreshKeys } from '../core/credentials/peek-fresh-keys.js';
import type { TemporaryCredentials } from '../core/aws/temporary-credentials.js';
import type { CliIo } from './io.js';

/** The options of `credential-process` the warm path reads; the others only matter when a sign-in is needed. */
interface WarmCall {
  readonly connection: string;
  readonly role?: string;
}

const takesValue = new Set(['--connection', '--role', '--browser', '--timeout']);

/**
 * The arguments after `credential-process` when they are plainly valid (each known option once, with a value), else
 * undefined: anything else (help, --verbose, a bad --timeout, a typo) goes to the full command, which explains it.
 */
export function warmCall(args: readonly string[]): WarmCall | undefined {
  const values = new Map<string, string>();
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index] ?? '';
    const equals = word.indexOf('=');
    const name = equals === -1 ? word : word.slice(0, equals);
    const value = equals === -1 ? args[(index += 1)] : word.slice(equals + 1);
    if (!takesValue.has(name) || values.has(name) || value === undefined || value.startsWith('-')) return undefined;
    values.set(name, value);
  }
  const connection = values.get('--connection');
  const timeout = values.get('--timeout');
  if (connection === undefined || (timeout !== undefined && !/^0*[1-9]\d{0,8}$/.test(timeout))) return undefined;
  const role = values.get('--role');
  return role === undefined ? { connection } : { connection, role };
}

/** What the warm path uses of the terminal: main.ts gives it a stdout that writes without building a stream. */
export interface WarmIo extends Pick<CliIo, 'env' | 'platform'> {
  readonly stdout: { write(text: string): unknown };
}

/**
 * `atlas-sso credential-process` when its keys are cached and need no refresh: prints them and returns true, having
 * loaded only this and the cache read (every AWS SDK runs it at every start). Returns false, having printed nothing,
 * whenever anything else is the case; the full command then runs with its checks and messages.
 */
export async function serveWarmKeys(args: readonly string[], io: WarmIo, now: Date = new Date()): Promise<boolean> {
  const keys = await warmKeys(args, io, now).catch(() => undefined);
  if (keys === undefined) return false;
  // Outside the fallback: once printing has begun, the full command must not print the keys a second time.
  io.stdout.write(`${credentialProcessJson(keys)}\n`);
  return true;
}

async function warmKeys(args: readonly string[], io: WarmIo, now: Date): Promise<TemporaryCredentials | undefined> {
  const call = warmCall(args);
  if (call === undefined) return undefined;
  const filePath = connectionsFilePath({ platform: io.platform, env: io.env, homeDir: io.env.HOME ?? os.homedir() });
  // Sync: one small file, and the first asynchronous read would start libuv's thread pool (milliseconds here).
  const connection = peekConnection(readFileSync(filePath, 'utf8'), call.connection);
  const role = call.role ?? connection?.defaultRole ?? connection?.lastRole;
  if (connection === undefined || role === undefined) return undefined;
  return peekFreshKeys(keysCacheStores(filePath, io.platform, io.env), { connectionId: connection.id, role }, now);
}
