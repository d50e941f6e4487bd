import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const cliPath = resolve('dist/cli/main.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `atlas-sso` as a person would, with only the environment given (plus PATH and HOME). */
export async function runCli(args: readonly string[], options: { readonly env?: NodeJS.ProcessEnv; readonly stdin?: string; readonly timeoutMs?: number } = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [cliPath, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: options.timeoutMs ?? 30_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.stdin ?? '');
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return { code, stdout, stderr };
}
