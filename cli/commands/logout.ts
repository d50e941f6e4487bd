import type { Command } from 'commander';
import { openKeysCache } from '../../core/credentials/open-keys-cache.js';
import { forgetCachedKeysOf } from '../../core/session/credential-process-sharing.js';
import type { CliContext } from '../context.js';
import { openConnectionStore } from '../open-connection-store.js';
import { forgetIdpSignIn } from '../forget-idp-sign-in.js';

interface LogoutOptions {
  readonly connection: string;
  readonly forgetSignIn?: true;
}

export function registerLogout(program: Command, context: CliContext): void {
  program
    .command('logout')
    .description('Remove the keys cached for credential-process for a connection, so the next use signs in again')
    .requiredOption('--connection <name>', 'the saved connection (its name or id)')
    .option('--forget-sign-in', "also forget the IdP's sign-in, so the next sign-in asks for your password again")
    .action(async (options: LogoutOptions) => {
      const { io } = context;
      const store = openConnectionStore(io);
      const connection = await store.get(options.connection);
      await forgetCachedKeysOf(openKeysCache(store.filePath, io.platform, io.env), io.env, connection);
      if (options.forgetSignIn === true) await forgetIdpSignIn(store, connection, io.platform, io.env);
      io.stdout.write(
        [
          `Signed out of "${connection.name}": no keys of it are cached any more, so its AWS profiles sign in again when next used.`,
          options.forgetSignIn === true ? "The IdP's sign-in is forgotten too: the next sign-in asks for your password." : `Your IdP may still remember you; add --forget-sign-in to forget that too.`,
          'Keys already handed to a program stay valid at AWS until they expire.',
        ].join('\n') + '\n',
      );
    });
}
