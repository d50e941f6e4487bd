import { writeSync } from 'node:fs';

/**
 * Writes to standard output through its file descriptor. `process.stdout` on a pipe, which is how every AWS SDK reads
 * a credential_process, builds a socket stream first: net and the streams, about 30 modules and 2 ms of each warm call.
 * When the descriptor is non-blocking and full (EAGAIN), the rest goes through `process.stdout`, which waits.
 */
export function writeStdoutSync(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    process.stdout.write(bytes.subarray(written));
  }
}
