import type { Command } from 'commander';
import { checkCommandExists } from '../../core/session/find-command.js';
import { startFailureStatus } from '../../core/session/run-child.js';
import type { CliContext } from '../context.js';
import type { CredentialSourceOptions } from '../credential-source.js';
import { addCredentialSourceOptions, prepareKeys } from '../credential-source.js';
import { reportError } from '../report-error.js';
import { runWithKeys } from '../run-with-keys.js';

export function registerExec(program: Command, context: CliContext): void {
  addCredentialSourceOptions(program.command('exec').description('Assume a role and run a command with the keys in its environment only; exits with its status'))
    .argument('<command...>', 'the command and its arguments, after --, e.g. -- aws sts get-caller-identity')
    .action(async ([command = '', ...args]: readonly string[], options: CredentialSourceOptions) => {
      const prepared = await prepareKeys(options, context);
      try {
        await checkCommandExists(command, { env: context.io.env, platform: context.io.platform });
      } catch (error) {
        // Exit as a shell would (127), before the sign-in is spent.
        reportError(error, context.io.stderr, context.verbose());
        context.reportStatus(startFailureStatus['child-command-not-found'] ?? 127);
        return;
      }
      const assumed = await prepared.obtain();
      await runWithKeys(context, command, args, assumed);
    });
}
