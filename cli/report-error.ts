import type { ErrorCode } from '../core/errors.js';
import { isAtlasSsoError } from '../core/errors.js';

/** Exit codes by family, so scripts can tell "sign in again" from "fix your input". */
export const exitCodes = { ok: 0, failure: 1, usage: 2, input: 3, aws: 4, files: 5, mongodb: 6, login: 7 } as const;

function exitCodeOf(code: ErrorCode): number {
  if (code.startsWith('sts-')) return exitCodes.aws;
  if (code.startsWith('credentials-') || code.startsWith('connections-')) return exitCodes.files;
  if (code.startsWith('mongodb-')) return exitCodes.mongodb;
  if (code.startsWith('login-')) return exitCodes.login;
  if (code === 'input-invalid') return exitCodes.usage;
  return exitCodes.input;
}

/** Writes one clear line for the person (more with --verbose, never a secret) and returns the exit code. */
export function reportError(error: unknown, stderr: NodeJS.WritableStream, verbose: boolean): number {
  if (isAtlasSsoError(error)) {
    stderr.write(`atlas-sso: ${error.message}\n`);
    if (verbose && error.details !== undefined) stderr.write(`  details: ${error.details}\n`);
    if (verbose) stderr.write(`  code: ${error.code}\n`);
    return exitCodeOf(error.code);
  }
  // Unknown failures may carry anything in their message: show only the type unless asked.
  const name = error instanceof Error ? error.name : typeof error;
  stderr.write(`atlas-sso: unexpected ${name}; run again with --verbose for details and report it.\n`);
  if (verbose && error instanceof Error) stderr.write(`${error.stack ?? error.message}\n`);
  return exitCodes.failure;
}
