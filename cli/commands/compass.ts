import type { Command } from 'commander';
import { findCompass } from '../../core/mongodb/find-compass.js';
import { assertCompassNotRunning, launchCompass } from '../../core/mongodb/launch-compass.js';
import { childEnvWithKeys } from '../../core/session/child-env.js';
import { clusterHelp } from '../assume-options.js';
import type { CliContext } from '../context.js';
import type { CredentialSourceOptions } from '../credential-source.js';
import { addCredentialSourceOptions, prepareKeys } from '../credential-source.js';

interface CompassOptions extends CredentialSourceOptions {
  readonly cluster: string;
  readonly compass?: string;
}

export function registerCompass(program: Command, context: CliContext): void {
  addCredentialSourceOptions(program.command('compass').description('Assume a role and open MongoDB Compass on an Atlas cluster with the keys in its environment only'))
    .requiredOption('--cluster <uri>', clusterHelp)
    .option('--compass <path>', 'the Compass program to open (default: the first on PATH, then the usual install folders)')
    .action(async (options: CompassOptions) => {
      const { env, platform } = context.io;
      // Everything that can fail without the keys fails first: the assertion can be redeemed only once, within 5 minutes.
      const prepared = await prepareKeys(options, context);
      const cluster = await prepared.cluster(options.cluster);
      const compassPath = await findCompass({ ...(options.compass === undefined ? {} : { configuredPath: options.compass }), env, platform });
      await assertCompassNotRunning(compassPath, platform);
      const assumed = await prepared.obtain();
      context.warn(cluster.warnings);
      await launchCompass({ compassPath, uri: cluster.uri, env: childEnvWithKeys({ base: env, credentials: assumed.credentials, region: assumed.region, platform }) });
      context.io.stderr.write(
        `Opened MongoDB Compass on ${cluster.host} (keys valid until ${assumed.credentials.expiration.toISOString()}; Compass cannot refresh them: after that, quit Compass and run this again).\n`,
      );
    });
}
