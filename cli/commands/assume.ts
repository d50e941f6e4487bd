import { Option } from 'commander';
import type { Command } from 'commander';
import type { OutputFormat } from '../../core/session/render-credentials.js';
import { outputFormats } from '../../core/session/render-credentials.js';
import type { Shell } from '../../core/shell/shells.js';
import { shells } from '../../core/shell/shells.js';
import type { AssumeStepOptions } from '../assume-options.js';
import { addAssumeOptions, prepareAssume } from '../assume-options.js';
import type { CliContext } from '../context.js';
import { checkCredentialsOutputBeforeSignIn, emitCredentials } from '../emit-credentials.js';

interface AssumeOptions extends AssumeStepOptions {
  readonly format?: OutputFormat;
  readonly cluster?: string;
  readonly shell?: Shell;
  readonly writeProfile?: string;
}

export function registerAssume(program: Command, context: CliContext): void {
  addAssumeOptions(program.command('assume').description('Exchange a SAML response (or a sign-in) for temporary AWS keys and print or save them'))
    .addOption(new Option('--format <format>', 'what to print').choices(outputFormats))
    .option('--cluster <uri>', 'the Atlas connection string (or a saved cluster name with --connection), for --format mongosh')
    .addOption(new Option('--shell <shell>', 'the shell the printed lines are for').choices(shells))
    .option('--write-profile <name>', 'also write the keys to this AWS credentials profile')
    .action(async (options: AssumeOptions) => {
      const prepared = await prepareAssume(options, context);
      const output = {
        format: options.format,
        cluster: options.cluster === undefined ? undefined : await prepared.cluster(options.cluster),
        shell: options.shell,
        writeProfile: options.writeProfile,
      };
      await checkCredentialsOutputBeforeSignIn(output, context.io.env);
      const { role, assumed } = await prepared.assume();
      await emitCredentials(context, output, role, assumed);
    });
}
