import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { chmod, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import { AtlasSsoError } from '../errors.js';
import type { ExecutableSearch } from '../shell/find-executable.js';
import { pathCandidates } from '../shell/find-executable.js';
import type { TerminalLaunchPlan } from './plan-terminal-launch.js';
import { keyHandOff, keyValues, keyVariables, keysFifoName, scriptPathArg } from './plan-terminal-launch.js';

export interface LaunchOptions {
  /** The environment the terminal starts from (the keys are added to a copy); process.env by default. */
  readonly baseEnv?: NodeJS.ProcessEnv;
  /** How long the one-shot script may take to collect the keys (a terminal app's first start is slow). */
  readonly handOffTimeoutMs?: number;
  /** Where the private folder of a one-shot script is made; the OS temp folder by default. */
  readonly tempDir?: string;
}

export interface LaunchedTerminal {
  readonly terminal: string;
  readonly pid: number | undefined;
}

const defaultHandOffTimeoutMs = 60_000;

/** True when `file` is a file or app bundle that exists (and, for files, may be executed). */
function present(file: string, executable: boolean): boolean {
  try {
    accessSync(file, executable ? constants.X_OK : constants.F_OK);
    return !executable || statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The `available` check planTerminalLaunch needs: commands on PATH, or macOS apps in the usual Applications folders. */
export function terminalAvailability(search: ExecutableSearch, homeDir: string = homedir()): (command: string) => boolean {
  return (command) => {
    if (search.platform === 'darwin' && !command.includes('/')) {
      return ['/Applications', '/System/Applications/Utilities', path.posix.join(homeDir, 'Applications')].some((folder) => present(path.posix.join(folder, `${command}.app`), false));
    }
    if (/[\\/]/.test(command)) return present(command, true);
    return pathCandidates(command, search).some((candidate) => present(candidate, true));
  };
}

/** Our environment, minus what would outrank the keys, plus the plan's values and (when given) the keys. */
function childEnv(base: NodeJS.ProcessEnv, plan: TerminalLaunchPlan, keys: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of plan.envUnset) delete env[name];
  return { ...env, ...plan.envSet, ...keys };
}

interface Started {
  readonly child: ChildProcess;
  readonly exitCode: Promise<number | null>;
}

/** Spawns detached and resolves once the OS has started the process (or says why it could not). */
async function start(plan: TerminalLaunchPlan, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(plan.command, args, { env, detached: true, stdio: 'ignore', windowsHide: false, windowsVerbatimArguments: plan.windowsVerbatimArguments });
  const exitCode = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AtlasSsoError('mongodb-terminal-not-found', `${plan.terminal} (${plan.command}) is not installed: install it, or choose another terminal in Settings.`, { cause: error });
    throw new AtlasSsoError('mongodb-terminal-launch-failed', `${plan.terminal} could not be started (${code ?? 'error'}): choose another terminal in Settings, or copy the mongosh command instead.`, { cause: error });
  }
  return { child, exitCode };
}

/** For commands that hand the window over and exit (open, start, wt): a non-zero status means no window. */
async function handedOver(plan: TerminalLaunchPlan, started: Started): Promise<void> {
  const code = await started.exitCode;
  if (code !== 0) {
    throw new AtlasSsoError('mongodb-terminal-launch-failed', `${plan.terminal} could not open a window (${plan.command} ended with status ${String(code)}): choose another terminal in Settings, or copy the mongosh command instead.`);
  }
}

async function makeFifo(file: string): Promise<void> {
  try {
    await promisify(execFile)('mkfifo', ['-m', '600', file]);
  } catch (error) {
    throw new AtlasSsoError('mongodb-terminal-launch-failed', 'Could not prepare the private hand-over of the keys (mkfifo failed): copy the mongosh command instead.', { cause: error });
  }
}

/**
 * Writes the keys into the FIFO once the script has opened it for reading.
 * O_NONBLOCK makes the open fail (ENXIO) instead of blocking a thread while no reader is there, so we can give up.
 */
async function handOffKeys(fifo: string, payload: string, signal: AbortSignal, terminal: string, timeoutMs: number): Promise<void> {
  for (;;) {
    if (signal.aborted) {
      throw new AtlasSsoError('mongodb-terminal-launch-failed', `${terminal} did not start mongosh within ${Math.round(timeoutMs / 1000)} s: try again, or copy the mongosh command instead.`);
    }
    try {
      const handle = await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
      try {
        // Loop on short writes: a non-blocking FIFO may take fewer bytes than offered.
        const bytes = Buffer.from(payload);
        for (let offset = 0; offset < bytes.length; ) offset += (await handle.write(bytes, offset)).bytesWritten;
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENXIO') throw new AtlasSsoError('mongodb-terminal-launch-failed', `Could not hand the keys to ${terminal} (${code ?? 'error'}): try again, or copy the mongosh command instead.`, { cause: error });
    }
    await sleep(50);
  }
}

/** Runs a plan that passes the keys through a one-shot script and a FIFO in a private folder, removed afterwards. */
async function launchWithScript(plan: TerminalLaunchPlan & { readonly script: NonNullable<TerminalLaunchPlan['script']> }, credentials: TemporaryCredentials, baseEnv: NodeJS.ProcessEnv, options: LaunchOptions): Promise<LaunchedTerminal> {
  const payload = keyHandOff(credentials);
  const folder = await mkdtemp(path.join(options.tempDir ?? tmpdir(), 'atlas-sso-mongosh-'));
  try {
    await chmod(folder, 0o700);
    const scriptPath = path.join(folder, 'open-mongosh.command');
    await writeFile(scriptPath, plan.script.content, { mode: plan.script.mode, flag: 'wx' });
    await chmod(scriptPath, plan.script.mode);
    const fifo = path.join(folder, keysFifoName);
    await makeFifo(fifo);
    const args = plan.args.map((arg) => (arg === scriptPathArg ? scriptPath : arg));
    const started = await start(plan, args, childEnv(baseEnv, plan, {}));
    started.child.unref();
    const timeoutMs = options.handOffTimeoutMs ?? defaultHandOffTimeoutMs;
    const failed = new AbortController();
    const stop = AbortSignal.any([AbortSignal.timeout(timeoutMs), failed.signal]);
    const handOff = handOffKeys(fifo, payload, stop, plan.terminal, timeoutMs);
    const watched = plan.exitsAfterHandOff ? handedOver(plan, started).catch((error: unknown) => {
      failed.abort();
      throw error;
    }) : undefined;
    await Promise.all([handOff, watched]);
    return { terminal: plan.terminal, pid: started.child.pid };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * Opens mongosh in a new terminal window as planned. The keys reach it through the child's environment
 * (or the one-shot FIFO on macOS): never argv, never a file. Resolves once the terminal has started.
 */
export async function launchInTerminal(plan: TerminalLaunchPlan, credentials: TemporaryCredentials, options: LaunchOptions = {}): Promise<LaunchedTerminal> {
  const baseEnv = options.baseEnv ?? process.env;
  if (plan.script !== undefined) return await launchWithScript({ ...plan, script: plan.script }, credentials, baseEnv, options);
  const values = keyValues(credentials);
  const keys = Object.fromEntries(keyVariables.map((name, index) => [name, values[index] ?? '']));
  const started = await start(plan, plan.args, childEnv(baseEnv, plan, keys));
  started.child.unref();
  if (plan.exitsAfterHandOff) await handedOver(plan, started);
  return { terminal: plan.terminal, pid: started.child.pid };
}
