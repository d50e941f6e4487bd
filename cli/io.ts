import { readFile } from 'node:fs/promises';
import { AtlasSsoError } from '../core/errors.js';
import { fileProblem } from '../core/file-problem.js';

/** The terminal a command talks to; tests pass their own. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
}

/** Far above STS's 100,000-character limit (a form body or XML is larger than its base64), small enough to never exhaust memory. */
const maxInputBytes = 1024 * 1024;

/** Reads a SAML response from a file, or from standard input for `-`, as bytes: decoding them is core's strict rule. */
export async function readSamlInput(source: string, io: CliIo): Promise<Buffer> {
  const bytes = source === '-' ? await readStream(io.stdin) : await readFileOrExplain(source);
  if (bytes.length > maxInputBytes) {
    throw new AtlasSsoError('saml-too-large', `The SAML response in ${source === '-' ? 'standard input' : source} is over 1 MiB: that is not a SAML response AWS would accept (at most 100,000 characters).`);
  }
  return bytes;
}

async function readFileOrExplain(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new AtlasSsoError('input-unreadable', `${fileProblem(path, error)}: give the file the SAML response is in, or - to read standard input.`, { cause: error });
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > maxInputBytes) {
      throw new AtlasSsoError('saml-too-large', 'The SAML response on standard input is over 1 MiB: that is not a SAML response AWS would accept (at most 100,000 characters).');
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** A progress line on stderr, only where a person watches (a terminal) or asked (--verbose): scripts read stdout. */
export function progress(io: CliIo, verbose: boolean, message: string): void {
  if (verbose || io.stderr.isTTY === true) io.stderr.write(`${message}\n`);
}
