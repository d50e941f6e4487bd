import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { CredentialSourceOptions } from '../credential-source.js';
import { addCredentialSourceOptions, prepareKeys } from '../credential-source.js';
import { runWithKeys } from '../run-with-keys.js';

export function registerExec(program: Command, context: CliContext): void {
  addCredentialSourceOptions(program.command('exec').description('Assume a role and run a command with the keys in its environment only; exits with its status'))
    .argument('<command...>', 'the command and its arguments, after --, e.g. -- aws sts get-caller-identity')
    .action(async ([command = '', ...args]: readonly string[], options: CredentialSourceOptions) => {
      const assumed = await (await prepareKeys(options, context)).obtain();
      await runWithKeys(context, command, args, assumed);
    });
}
