import { Option } from 'commander';
import type { Command } from 'commander';
import { credentialProcessJson } from '../../core/credentials/credential-process-output.js';
import { refreshStage } from '../../core/credentials/refresh-window.js';
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
      if (cached !== undefined && refreshStage(cached.expiration, new Date()) === 'fresh') {
        context.io.stdout.write(`${credentialProcessJson(cached)}\n`);
        return;
      }
      const { credentialProcessSignIn } = await import('../credential-process-sign-in.js');
      const keys = await credentialProcessSignIn(context, { store, connection, cache, role, browser: options.browser, timeoutSeconds: options.timeout });
      context.io.stdout.write(`${credentialProcessJson(keys)}\n`);
    });
}
