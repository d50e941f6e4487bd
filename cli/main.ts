#!/usr/bin/env node
// The terminal host's composition root: real process streams in, an exit code out.
import { runCli } from './program.js';

// The AWS SDK warns on Node < 22 at every client start; that noise would break "one clear line on stderr".
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  platform: process.platform,
});
