#!/usr/bin/env node
// The terminal host's composition root: real process streams in, an exit code out. `credential-process` on a warm
// cache is answered before the rest of the CLI is even loaded, and before the compile cache is opened (which costs
// that path more than it saves it).
import { enableCompileCache } from './compile-cache.js';
import type { CliIo } from './io.js';
import { writeStdoutSync } from './write-stdout-sync.js';

// The AWS SDK warns on Node < 22 at every client start; that noise would break "one clear line on stderr".
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const argv = process.argv.slice(2);
// Getters: Node builds each standard stream on first use, and stdin's costs milliseconds most commands never need.
const io: CliIo = {
  get stdout() {
    return process.stdout;
  },
  get stderr() {
    return process.stderr;
  },
  get stdin() {
    return process.stdin;
  },
  env: process.env,
  platform: process.platform,
};

const served =
  argv[0] === 'credential-process' &&
  (await (await import('./credential-process-fast.js')).serveWarmKeys(argv.slice(1), { env: io.env, platform: io.platform, stdout: { write: writeStdoutSync } }));
if (!served) {
  enableCompileCache(process.platform, process.env);
  const { runCli } = await import('./program.js');
  process.exitCode = await runCli(argv, io);
}
