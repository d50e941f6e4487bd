import { app } from 'electron';

/**
 * The `atlas-sso` command as the packaged app answers it (deb/rpm put `/usr/bin/atlas-sso` on PATH, a launcher that
 * runs this binary with `--cli -- <arguments…>`): with the RunAsNode fuse off the binary cannot be `node`, so it hosts
 * the CLI itself, with no window and no single-instance lock, then exits with the CLI's code.
 */
export async function runCliMode(args: readonly string[]): Promise<void> {
  // The terminal host is a second composition root packed beside this one (dist/cli), loaded only in this mode.
  const { runCli } = await import('../cli/program.js');
  const code = await runCli(args, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, platform: process.platform });
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  app.exit(code);
}

/** Resolves once what was written has been handed to the OS: `credential-process` output must not be cut short. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
