import { Command, CommanderError } from 'commander';
import { registerAssume } from './commands/assume.js';
import { registerRoles } from './commands/roles.js';
import type { CliContext } from './context.js';
import type { CliIo } from './io.js';
import { exitCodes, reportError } from './report-error.js';

const version = '0.1.0';

/** Runs one `atlas-sso` invocation against the given terminal and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command('atlas-sso');
  const verbose = (): boolean => program.opts<{ verbose?: true }>().verbose === true;
  const context: CliContext = {
    io,
    verbose,
    warn: (warnings) => {
      for (const warning of warnings) io.stderr.write(`warning: ${warning}\n`);
    },
  };
  program
    .description('Passwordless access to MongoDB Atlas with your company SAML sign-in, through AWS IAM')
    .version(version)
    .option('--verbose', 'say more on stderr (never secrets)')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  registerRoles(program, context);
  registerAssume(program, context);
  for (const command of program.commands) command.exitOverride();

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    return reportError(error, io.stderr, verbose());
  }
}
