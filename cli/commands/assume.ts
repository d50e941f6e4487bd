import { Option } from 'commander';
import type { Command } from 'commander';
import { writeCredentialsProfile } from '../../core/credentials/write-profile.js';
import { AtlasSsoError } from '../../core/errors.js';
import { normalizeAtlasConnectionString } from '../../core/mongodb/connection-string.js';
import { readSamlResponse } from '../../core/saml/read-saml-response.js';
import { assumeFromResponse } from '../../core/session/assume-from-response.js';
import type { OutputFormat } from '../../core/session/render-credentials.js';
import { outputFormats, renderCredentials } from '../../core/session/render-credentials.js';
import type { Shell } from '../../core/shell/shells.js';
import { defaultShell, shells } from '../../core/shell/shells.js';
import type { CliContext } from '../context.js';
import { progress, readSamlInput } from '../io.js';

interface AssumeOptions {
  readonly samlResponse: string;
  readonly role: string;
  readonly principal?: string;
  readonly region?: string;
  readonly stsEndpoint?: string;
  readonly duration?: number;
  readonly format?: OutputFormat;
  readonly cluster?: string;
  readonly shell?: Shell;
  readonly writeProfile?: string;
}

export function registerAssume(program: Command, context: CliContext): void {
  program
    .command('assume')
    .description('Exchange a SAML response for temporary AWS keys and print or save them')
    .requiredOption('--saml-response <file|->', 'the SAMLResponse (base64, XML or the posted form body) in a file, or - for standard input')
    .requiredOption('--role <roleArn|roleName>', 'the role to assume: its ARN, or its name when that is unique')
    .option('--principal <arn>', 'the SAML provider ARN (needed for an encrypted assertion, or a role with two providers)')
    .option('--region <region>', 'STS region (default: from where the IdP posted the response)')
    .option('--sts-endpoint <url>', 'STS endpoint URL (default: AWS_ENDPOINT_URL_STS, else the regional endpoint)')
    .addOption(new Option('--duration <seconds>', 'session length, 900 to 43200 (default 3600, capped by the IdP)').argParser(parseSeconds))
    .addOption(new Option('--format <format>', 'what to print').choices(outputFormats))
    .option('--cluster <uri>', 'the Atlas connection string, for --format mongosh')
    .addOption(new Option('--shell <shell>', 'the shell the printed lines are for').choices(shells))
    .option('--write-profile <name>', 'also write the keys to this AWS credentials profile')
    .action(async (options: AssumeOptions) => {
      const format = options.format ?? (options.cluster !== undefined ? 'mongosh' : undefined);
      if (format === undefined && options.writeProfile === undefined) {
        throw new AtlasSsoError('input-invalid', 'Say what to do with the keys: --format credential-process|env|mongosh|json, or --write-profile NAME.');
      }
      const clusterUri = options.cluster === undefined ? undefined : normalizeAtlasConnectionString(options.cluster);
      if (format === 'mongosh' && clusterUri === undefined) {
        throw new AtlasSsoError('input-invalid', 'The mongosh format needs the cluster: add --cluster with the connection string from Atlas → Connect.');
      }
      const response = readSamlResponse(await readSamlInput(options.samlResponse, context.io));
      progress(context.io, context.verbose(), 'Asking AWS STS for temporary keys…');
      const { role, assumed, warnings } = await assumeFromResponse({
        response,
        choice: { role: options.role, principalArn: options.principal },
        region: options.region,
        endpoint: options.stsEndpoint,
        durationSeconds: options.duration,
        env: context.io.env,
      });
      context.warn([...warnings, ...(clusterUri?.warnings ?? [])]);
      if (options.writeProfile !== undefined) {
        const written = await writeCredentialsProfile({ profile: options.writeProfile, credentials: assumed.credentials, env: context.io.env });
        context.warn(written.warnings);
        context.io.stderr.write(`Wrote profile ${options.writeProfile} to ${written.filePath} (expires ${assumed.credentials.expiration.toISOString()}).\n`);
      }
      if (format === undefined) return;
      context.io.stdout.write(renderCredentials({
        format,
        role,
        assumed,
        shell: options.shell ?? defaultShell(context.io.env, context.io.platform),
        clusterUri: clusterUri?.uri,
        writtenProfile: options.writeProfile,
      }));
    });
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(seconds)) {
    throw new AtlasSsoError('input-invalid', `--duration takes whole seconds (900 to 43200), not "${value}".`);
  }
  return seconds;
}
