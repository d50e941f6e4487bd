import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { configFilePath, credentialsFilePath } from '../../core/credentials/aws-file-paths.js';
import { credentialProcessCommandLine, credentialProcessProgram, hasStaticKeys, profileRegionFor } from '../../core/credentials/credential-process-profile.js';
import { writeConfigProfile } from '../../core/credentials/write-profile.js';
import { AtlasSsoError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { openConnectionStore } from '../open-connection-store.js';

interface SetupProfileOptions {
  readonly connection: string;
  readonly profile: string;
  readonly role?: string;
}

/** This very CLI, so the profile runs the same build that wrote it (dist/cli/main.js). */
const cliScript = fileURLToPath(new URL('../main.js', import.meta.url));

export function registerSetupProfile(program: Command, context: CliContext): void {
  program
    .command('setup-profile')
    .description('Write an AWS config profile whose credential_process runs atlas-sso, so the AWS CLI, SDKs and mongosh sign in by themselves')
    .requiredOption('--connection <name>', 'the saved connection (its name or id)')
    .requiredOption('--profile <name>', 'the AWS profile to write, in ~/.aws/config (or AWS_CONFIG_FILE)')
    .option('--role <roleArn|roleName>', "the role (default: the connection's default role, else the one used last)")
    .action(async (options: SetupProfileOptions) => {
      const { io } = context;
      const connection = await openConnectionStore(io).get(options.connection);
      const role = options.role ?? connection.defaultRole ?? connection.lastRole;
      if (role === undefined) {
        throw new AtlasSsoError('role-not-chosen', `Say which role the profile is for with --role (or set a default role on "${connection.name}", or sign in once with atlas-sso login).`);
      }
      const program = credentialProcessProgram(io.env, process.execPath, cliScript);
      const command = credentialProcessCommandLine([...program, 'credential-process', '--connection', connection.id, '--role', role], io.platform);
      const written = await writeConfigProfile({ profile: options.profile, entries: [['credential_process', command], ['region', profileRegionFor(connection, role)]], env: io.env });
      context.warn(written.warnings);
      const credentialsFile = credentialsFilePath(io.env);
      const credentialsText = await readFile(credentialsFile, 'utf8').catch(() => '');
      if (hasStaticKeys(credentialsText, options.profile)) {
        context.warn([`${credentialsFile} also has keys in [${options.profile}], and the AWS CLI and SDKs use those before credential_process: remove that section (or its keys) for the profile to sign in through Atlas SSO.`]);
      }
      io.stdout.write(`Wrote profile ${options.profile} to ${configFilePath(io.env)}: AWS tools now get keys with "AWS_PROFILE=${options.profile}" (role ${role}).\n`);
    });
}
