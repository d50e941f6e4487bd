import type { Command } from 'commander';
import type { AssumeStepOptions } from '../assume-options.js';
import { addAssumeOptions, prepareAssume } from '../assume-options.js';
import type { CliContext } from '../context.js';
import { runWithKeys } from '../run-with-keys.js';

export function registerExec(program: Command, context: CliContext): void {
  addAssumeOptions(program.command('exec').description('Assume a role and run a command with the keys in its environment only; exits with its status'))
    .argument('<command...>', 'the command and its arguments, after --, e.g. -- aws sts get-caller-identity')
    .action(async ([command = '', ...args]: readonly string[], options: AssumeStepOptions) => {
      const { assumed } = await (await prepareAssume(options, context)).assume();
      await runWithKeys(context, command, args, assumed);
    });
}
