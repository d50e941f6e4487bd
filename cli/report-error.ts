import type { ErrorCode } from '../core/errors.js';
import { isAtlasSsoError } from '../core/errors.js';

/** Exit codes by family, so scripts can tell "sign in again" from "fix your input". */
export const exitCodes = { ok: 0, failure: 1, usage: 2, input: 3, aws: 4, files: 5, mongodb: 6, login: 7, signInImpossibleHere: 8 } as const;

/** Where the terminal offers more than the app's words: flags and commands a person can type. */
const terminalWording: Partial<Record<ErrorCode, string>> = {
  'login-no-display':
    'Sign-in needs a browser window, and there is no graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set, as in an SSH session without X forwarding): sign in from a desktop session, connect with `ssh -X` to forward X, or bring a SAMLResponse with `atlas-sso assume --saml-response FILE`.',
};

function exitCodeOf(code: ErrorCode): number {
  if (code === 'login-no-display') return exitCodes.signInImpossibleHere;
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
    stderr.write(`atlas-sso: ${terminalWording[error.code] ?? error.message}\n`);
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
