import { spawn } from 'node:child_process';
import path from 'node:path';

/** What the person's login shell said about a command: where it runs it from, that it has none, or nothing (not asked, no answer in time). */
export type LoginShellAnswer = { readonly asked: true; readonly path: string | undefined } | { readonly asked: false };

export interface LoginShellLookup {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  /** Default 3 s: rc files that load slowly (nvm, conda) must not hold up a copy for long. */
  readonly deadlineMs?: number;
}

const defaultDeadlineMs = 3_000;
/** One question per shell, home and command for this process: rc files rarely change while the app runs. */
const answers = new Map<string, Promise<LoginShellAnswer>>();

/**
 * Where a new terminal would find `command`: asks the login shell in $SHELL, interactive and login so that the rc files
 * count (`$SHELL -ilc 'command -v NAME'`), once per process. Windows has no such shell to ask: not asked.
 */
export function findInLoginShell(command: string, lookup: LoginShellLookup): Promise<LoginShellAnswer> {
  const shell = lookup.env.SHELL?.trim();
  if (lookup.platform === 'win32' || shell === undefined || shell === '' || !path.isAbsolute(shell) || !/^[\w.-]+$/.test(command)) {
    return Promise.resolve({ asked: false });
  }
  const key = [shell, lookup.env.HOME ?? '', command].join('\0');
  const cached = answers.get(key);
  if (cached !== undefined) return cached;
  const answer = askShell(shell, command, lookup.env, lookup.deadlineMs ?? defaultDeadlineMs);
  answers.set(key, answer);
  return answer;
}

function askShell(shell: string, command: string, env: NodeJS.ProcessEnv, deadlineMs: number): Promise<LoginShellAnswer> {
  return new Promise((resolve) => {
    // Own process group, so a deadline stops whatever the rc files started too.
    const child = spawn(shell, ['-ilc', `command -v ${command}`], { env, stdio: ['ignore', 'pipe', 'ignore'], detached: true });
    let stdout = '';
    const timer = setTimeout(() => {
      stop();
      resolve({ asked: false });
    }, deadlineMs);
    const stop = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', () => {
      clearTimeout(timer);
      resolve({ asked: false });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      // rc files may print greetings first: the answer is the last line, and only an absolute path is a program
      // (an alias or a function is not something another shell's command line can run).
      const last = stdout.trim().split('\n').at(-1)?.trim() ?? '';
      if (code === 0 && path.isAbsolute(last)) resolve({ asked: true, path: last });
      else if (code === 0 || code === 1 || code === 127) resolve({ asked: true, path: undefined });
      else resolve({ asked: false });
    });
  });
}
