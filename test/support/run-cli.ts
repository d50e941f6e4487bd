import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const cliPath = resolve('dist/cli/main.js');

/** A terminal's PATH on a plain machine: the system folders and where `node` lives, never node_modules/.bin. */
export const terminalPath = [...new Set(['/usr/bin', '/bin', dirname(process.execPath)])].join(':');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Variables for one run; a name set to undefined is removed from what the terminal would have. */
export type TerminalEnv = Readonly<Record<string, string | undefined>>;

export interface TerminalRunOptions {
  /** What the test adds: wins over the terminal's own (give HOME, PATH, DISPLAY… here). */
  readonly env?: TerminalEnv;
  readonly stdin?: string;
  readonly timeoutMs?: number;
  readonly cwd?: string;
}

/**
 * The environment a person's new terminal gives a command: their HOME, a plain PATH (/usr/bin, /bin and node's folder),
 * a locale, and nothing of this test process — no DISPLAY or WAYLAND_DISPLAY (no graphical session unless the test
 * gives one), no AWS_* or AWS_PROFILE left over, and AWS_EC2_METADATA_DISABLED so nothing reaches 169.254.169.254.
 */
export function terminalEnv(home: string, env: TerminalEnv = {}): NodeJS.ProcessEnv {
  const merged: Record<string, string | undefined> = { HOME: home, PATH: terminalPath, LANG: 'C.UTF-8', TERM: 'dumb', AWS_EC2_METADATA_DISABLED: 'true', ...env };
  return Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * Starts `command` as a person's terminal would (see terminalEnv). Without a HOME in `env`, the run gets an empty
 * temporary home of its own, removed afterwards.
 */
export async function runInTerminal(command: string, args: readonly string[], options: TerminalRunOptions = {}): Promise<CliRun> {
  const ownHome = options.env !== undefined && 'HOME' in options.env ? undefined : await mkdtemp(join(tmpdir(), 'atlas-sso-home-'));
  try {
    const child = spawn(command, args, {
      env: terminalEnv(ownHome ?? '', options.env),
      cwd: options.cwd ?? ownHome ?? options.env?.HOME,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.on('error', () => undefined).end(options.stdin ?? '');
    const code = await new Promise<number | null>((done, fail) => {
      child.on('error', fail);
      child.on('close', done);
    });
    return { code, stdout, stderr };
  } finally {
    if (ownHome !== undefined) await rm(ownHome, { recursive: true, force: true });
  }
}

/** Runs the built `atlas-sso` from a person's terminal (see runInTerminal). */
export function runCli(args: readonly string[], options: TerminalRunOptions = {}): Promise<CliRun> {
  return runInTerminal(process.execPath, [cliPath, ...args], options);
}
