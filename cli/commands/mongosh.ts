import type { Command } from 'commander';
import { findMongosh } from '../../core/mongodb/find-mongosh.js';
import { launchInTerminal, terminalAvailability } from '../../core/mongodb/launch-in-terminal.js';
import { planTerminalLaunch } from '../../core/mongodb/plan-terminal-launch.js';
import { clusterHelp } from '../assume-options.js';
import type { CliContext } from '../context.js';
import type { CredentialSourceOptions } from '../credential-source.js';
import { addCredentialSourceOptions, prepareKeys } from '../credential-source.js';
import { runWithKeys } from '../run-with-keys.js';

interface MongoshOptions extends CredentialSourceOptions {
  readonly cluster: string;
  readonly mongosh?: string;
  readonly newWindow?: true;
}

export function registerMongosh(program: Command, context: CliContext): void {
  addCredentialSourceOptions(program.command('mongosh').description('Assume a role and open mongosh on an Atlas cluster with the keys in its environment only'))
    .requiredOption('--cluster <uri>', clusterHelp)
    .option('--mongosh <path>', 'the mongosh to run (default: the first on PATH, then the usual install folders)')
    .option('--new-window', 'open mongosh in a new terminal window instead of this terminal')
    .argument('[mongosh-args...]', 'more mongosh arguments after --, e.g. -- --quiet --eval "db.stats()"')
    .action(async (mongoshArgs: readonly string[], options: MongoshOptions) => {
      const { env, platform } = context.io;
      // Everything that can fail without the keys fails first: the assertion can be redeemed only once, within 5 minutes.
      const prepared = await prepareKeys(options, context);
      const cluster = await prepared.cluster(options.cluster);
      const mongoshPath = await findMongosh({ ...(options.mongosh === undefined ? {} : { configuredPath: options.mongosh }), env, platform });
      const args = [cluster.uri, ...mongoshArgs];
      const plan = options.newWindow === true ? planTerminalLaunch({ platform, env, available: terminalAvailability({ env, platform }), mongoshPath, mongoshArgs: args }) : undefined;
      const assumed = await prepared.obtain();
      context.warn(cluster.warnings);
      if (plan === undefined) {
        await runWithKeys(context, mongoshPath, args, assumed);
        return;
      }
      const launched = await launchInTerminal(plan, assumed.credentials, { baseEnv: env });
      context.io.stderr.write(`Opened mongosh on ${cluster.host} in a new ${launched.terminal} window (keys valid until ${assumed.credentials.expiration.toISOString()}).\n`);
    });
}
