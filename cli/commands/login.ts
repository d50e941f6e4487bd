import { Option } from 'commander';
import type { Command } from 'commander';
import { parseWholeSeconds } from '../parse-seconds.js';
import type { OutputFormat } from '../../core/session/render-credentials.js';
import { outputFormats } from '../../core/session/render-credentials.js';
import type { Shell } from '../../core/shell/shells.js';
import { shells } from '../../core/shell/shells.js';
import type { CliContext } from '../context.js';
import { openKeysCache } from '../../core/credentials/open-keys-cache.js';
import { openConnectionStore } from '../open-connection-store.js';

interface LoginOptions {
  readonly connection: string;
  readonly role?: string;
  readonly format?: OutputFormat;
  readonly cluster?: string;
  readonly shell?: Shell;
  readonly writeProfile?: string;
  readonly browser?: string;
  readonly timeout?: number;
  readonly stsEndpoint?: string;
}

export function registerLogin(program: Command, context: CliContext): void {
  program
    .command('login')
    .description('Sign in with a saved connection in your browser, then print or save temporary AWS keys')
    .requiredOption('--connection <name>', 'the saved connection (its name or id)')
    .option('--role <roleArn|roleName>', "the role to assume (default: the connection's default role, else you pick)")
    .addOption(new Option('--format <format>', 'what to print').choices(outputFormats))
    .option('--cluster <name|uri>', "one of the connection's clusters, or a connection string, for --format mongosh")
    .addOption(new Option('--shell <shell>', 'the shell the printed lines are for').choices(shells))
    .option('--write-profile <name>', "also write the keys to this AWS credentials profile (default: the connection's profile when nothing is printed)")
    .option('--browser <path>', 'the Chrome, Chromium or Edge to use (default: the first one installed)')
    .addOption(new Option('--timeout <seconds>', 'give up when sign-in takes longer (default 300)').argParser(parseWholeSeconds('--timeout', 1)))
    .option('--sts-endpoint <url>', 'STS endpoint URL (default: AWS_ENDPOINT_URL_STS, else the regional endpoint)')
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
        browser: options.browser,
        timeoutSeconds: options.timeout,
        stsEndpoint: options.stsEndpoint,
      });
      await openKeysCache(store.filePath, context.io.platform, context.io.env).put({ connectionId: connection.id, role: role.roleArn }, assumed.credentials).catch((error: unknown) => {
        context.warn([`The keys were not cached for credential-process: ${error instanceof Error ? error.message : String(error)}`]);
      });
      await emitCredentials(context, output, role, assumed);
    });
}
