import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';

export interface Xvfb {
  readonly display: string;
  stop(): Promise<void>;
}

/** Starts Xvfb on a display it picks itself (-displayfd), like a server on port 0; no TCP, no auth file needed by clients. */
export async function startXvfb(screen = '800x600x16'): Promise<Xvfb> {
  const child: ChildProcess = spawn('/usr/bin/Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', screen], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const pipe = child.stdio[3];
  if (pipe === null || pipe === undefined || !('on' in pipe)) throw new Error('no displayfd pipe');
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    pipe.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited with ${String(code)}`)));
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
