import { Option } from 'commander';
import type { Command } from 'commander';
import { credentialProcessJson } from '../../core/credentials/credential-process-output.js';
import type { CliContext } from '../context.js';
import { openKeysCache } from '../../core/credentials/open-keys-cache.js';
import { openConnectionStore } from '../open-connection-store.js';
import { parseWholeSeconds } from '../parse-seconds.js';

interface CredentialProcessOptions {
  readonly connection: string;
  readonly role?: string;
  readonly browser?: string;
  readonly timeout?: number;
}

export function registerCredentialProcess(program: Command, context: CliContext): void {
  program
    .command('credential-process')
    .description('Print keys for credential_process in ~/.aws/config: cached ones while they last, else after a sign-in')
    .requiredOption('--connection <name>', 'the saved connection (its name or id)')
    .option('--role <roleArn|roleName>', "the role (default: the connection's default role, else the one used last)")
    .option('--browser <path>', 'the Chrome, Chromium or Edge to use when a sign-in is needed')
    .addOption(new Option('--timeout <seconds>', 'give up when sign-in takes longer (default 300)').argParser(parseWholeSeconds('--timeout', 1)))
    .action(async (options: CredentialProcessOptions) => {
      const store = openConnectionStore(context.io);
      const connection = await store.get(options.connection);
      const cache = openKeysCache(store.filePath, context.io.platform, context.io.env);
      const role = options.role ?? connection.defaultRole ?? connection.lastRole;
      // The fast path, run by every AWS SDK at every start: no browser, no STS, not even their modules.
      const cached = role === undefined ? undefined : await cache.get({ connectionId: connection.id, role });
      if (cached !== undefined) {
        context.io.stdout.write(`${credentialProcessJson(cached)}\n`);
        return;
      }
      const { signInWithSavedConnection } = await import('../connection-sign-in.js');
      const result = await signInWithSavedConnection(context, store, connection, { role, browser: options.browser, timeoutSeconds: options.timeout });
      const keys = result.assumed.credentials;
      const roles = new Set([role ?? result.role.roleArn, result.role.roleArn]);
      for (const cachedRole of roles) {
        await cache.put({ connectionId: connection.id, role: cachedRole }, keys).catch((error: unknown) => {
          context.warn([`The keys were not cached, so the next run signs in again: ${error instanceof Error ? error.message : String(error)}`]);
        });
      }
      context.io.stdout.write(`${credentialProcessJson(keys)}\n`);
    });
}
