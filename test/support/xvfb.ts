/** A virtual X display for tests that open real windows (xterm, the app window): started on a display it picks, stopped after. */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface Xvfb {
  /** ":N", for DISPLAY. */
  readonly display: string;
  stop(): Promise<void>;
}

/** Starts Xvfb on a display it picks itself (-displayfd), like a server on port 0; no TCP, no auth file needed by clients. */
export async function startXvfb(screen = '1280x800x24'): Promise<Xvfb> {
  const child: ChildProcess = spawn('/usr/bin/Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', screen], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    let errors = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    (child.stdio[3] as Readable).setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.trim());
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${String(code)}) before giving a display: ${errors}`)));
  });
  return {
    display: `:${number}`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
