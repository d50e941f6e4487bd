import { constants } from 'node:os';
import spawn from 'cross-spawn';
import { displayText } from '../display-text.js';
import type { ErrorCode } from '../errors.js';
import { AtlasSsoError } from '../errors.js';

export interface RunChildRequest {
  readonly command: string;
  /** Arguments only: never a key (argv is visible to every user in `ps`); the keys travel in `env`. */
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** Sent to this process alone (`kill`, a supervisor): the child would never hear them unless passed on. */
const alwaysForwarded = ['SIGTERM', 'SIGHUP'] as const;
/**
 * Sent by the terminal to the whole foreground process group, so the child already gets them: passing the first on would
 * deliver it twice (a second Ctrl+C makes many programs quit at once). One sent to us alone is passed on when it repeats.
 */
const forwardedWhenRepeated = ['SIGINT', 'SIGQUIT'] as const;

/** The status a shell reports when it cannot start a command, so scripts see the usual 127 and 126. */
export const startFailureStatus: Readonly<Partial<Record<ErrorCode, number>>> = {
  'child-command-not-found': 127,
  'child-command-not-executable': 126,
  'child-command-failed': 126,
};

function startFailure(command: string, error: NodeJS.ErrnoException): AtlasSsoError {
  const name = displayText(command, 200);
  switch (error.code) {
    case 'ENOENT':
      return new AtlasSsoError('child-command-not-found', `command not found: ${name}`, { cause: error });
    case 'EACCES':
    case 'EISDIR':
    case 'ENOEXEC':
      return new AtlasSsoError('child-command-not-executable', `${name} cannot be run (${error.code}): check that it is a program and that you may execute it.`, { cause: error });
    default:
      return new AtlasSsoError('child-command-failed', `${name} could not be started (${error.code ?? 'error'}).`, { cause: error });
  }
}

/**
 * Runs a program in this terminal (stdin, stdout and stderr shared) and resolves with its exit status as a shell
 * reports it: its own code, or 128 + the signal number that ended it. Signals for it are passed on while it runs.
 * `cross-spawn`, because on Windows Node refuses to start a `.cmd` (npm's `mongosh.cmd`, `npx.cmd`) without a shell,
 * and a shell there needs cmd's quoting rules applied to every argument; elsewhere it is Node's own `spawn`.
 */
export async function runChild(request: RunChildRequest): Promise<number> {
  const child = spawn(request.command, request.args, { env: request.env, stdio: 'inherit' });
  const exited = new Promise<number>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal === null ? 0 : constants.signals[signal])));
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.on('error', (error: NodeJS.ErrnoException) => reject(startFailure(request.command, error)));
  });

  const handlers = new Map<NodeJS.Signals, () => void>();
  for (const signal of alwaysForwarded) handlers.set(signal, () => child.kill(signal));
  for (const signal of forwardedWhenRepeated) {
    let seen = false;
    handlers.set(signal, () => {
      if (seen) child.kill(signal);
      seen = true;
    });
  }
  for (const [signal, handler] of handlers) process.on(signal, handler);
  try {
    return await exited;
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}
