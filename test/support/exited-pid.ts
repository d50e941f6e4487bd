import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** The pid of a process that has run and exited (and been reaped): what a writer killed with -9 leaves in its records. */
export async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  if (child.pid === undefined) throw new Error('the child process got no pid');
  return child.pid;
}
