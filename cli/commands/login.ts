import { Option } from 'commander';
import type { Command } from 'commander';
import type { RoleStepOptions } from '../assume-options.js';
import { addRoleOptions } from '../assume-options.js';
import type { OutputFormat } from '../../core/session/render-credentials.js';
import { outputFormats } from '../../core/session/render-credentials.js';
import type { Shell } from '../../core/shell/shells.js';
import { shells } from '../../core/shell/shells.js';
import type { CliContext } from '../context.js';
import { openKeysCache } from '../../core/credentials/open-keys-cache.js';
import { openConnectionStore } from '../open-connection-store.js';

interface LoginOptions extends RoleStepOptions {
  readonly connection: string;
  readonly format?: OutputFormat;
  readonly cluster?: string;
  readonly shell?: Shell;
  readonly writeProfile?: string;
}

export function registerLogin(program: Command, context: CliContext): void {
  addRoleOptions(
    program
      .command('login')
      .description('Sign in with a saved connection in your browser, then print or save temporary AWS keys')
      .requiredOption('--connection <name>', 'the saved connection (its name or id)'),
  )
    .addOption(new Option('--format <format>', 'what to print').choices(outputFormats))
    .option('--cluster <name|uri>', "one of the connection's clusters, or a connection string, for --format mongosh")
    .addOption(new Option('--shell <shell>', 'the shell the printed lines are for').choices(shells))
    .option('--write-profile <name>', "also write the keys to this AWS credentials profile (default: the connection's profile when nothing is printed)")
    .action(async (options: LoginOptions) => {
      const store = openConnectionStore(context.io);
      const connection = await store.get(options.connection);
      const [{ clusterUriFor }, { checkCredentialsOutputBeforeSignIn, emitCredentials }, { signInWithSavedConnection }] = await Promise.all([
        import('../../core/session/sign-in.js'),
        import('../emit-credentials.js'),
        import('../connection-sign-in.js'),
      ]);
      const writeProfile = options.writeProfile ?? (options.format === undefined && options.cluster === undefined ? connection.profile : undefined);
      const output = {
        format: options.format,
        cluster: options.cluster === undefined ? undefined : clusterUriFor(connection, options.cluster),
        shell: options.shell,
        writeProfile,
      };
      // Before the browser opens: a person should not sign in only to learn the flags were incomplete.
      await checkCredentialsOutputBeforeSignIn(output, context.io.env);
      const { role, assumed } = await signInWithSavedConnection(context, store, connection, {
        role: options.role,
        principal: options.principal,
        browser: options.browser,
        timeoutSeconds: options.timeout,
        stsEndpoint: options.stsEndpoint,
        region: options.region,
        durationSeconds: options.duration,
      });
      await openKeysCache(store.filePath, context.io.platform, context.io.env).put({ connectionId: connection.id, role: role.roleArn }, assumed.credentials).catch((error: unknown) => {
        context.warn([`The keys were not cached for credential-process: ${error instanceof Error ? error.message : String(error)}`]);
      });
      await emitCredentials(context, output, role, assumed);
    });
}
