import { Option } from 'commander';
import type { Command } from 'commander';
import { AtlasSsoError } from '../core/errors.js';
import type { AtlasConnectionString } from '../core/mongodb/connection-string.js';
import { normalizeAtlasConnectionString } from '../core/mongodb/connection-string.js';
import { readSamlResponse } from '../core/saml/read-saml-response.js';
import type { AssumeFromResponseResult } from '../core/session/assume-from-response.js';
import { assumeFromResponse } from '../core/session/assume-from-response.js';
import type { CliContext } from './context.js';
import { progress, readSamlInput } from './io.js';
import { parseWholeSeconds } from './parse-seconds.js';

/** The role, STS and sign-in options every command that gets keys takes, `login` included; a saved connection's values are their defaults. */
export interface RoleStepOptions {
  readonly role?: string;
  readonly principal?: string;
  readonly region?: string;
  readonly stsEndpoint?: string;
  readonly duration?: number;
  readonly browser?: string;
  readonly timeout?: number;
}

/** The options of every command that gets keys for one role: from a SAML response, or by signing in with a saved connection. */
export interface AssumeStepOptions extends RoleStepOptions {
  readonly samlResponse?: string;
  readonly connection?: string;
}

/** Help for `--cluster` where the command needs the cluster itself (not only a printed command). */
export const clusterHelp = "the Atlas connection string, as Atlas → Connect shows it, or the name of one of the connection's clusters";

/** Adds where the sign-in comes from, then the role, STS and sign-in options, so every command that assumes a role takes them the same way. */
export function addAssumeOptions(command: Command): Command {
  return addRoleOptions(
    command
      .option('--saml-response <file|->', 'the SAMLResponse (base64, XML or the posted form body) in a file, or - for standard input')
      .option('--connection <name>', 'sign in with this saved connection in your browser (instead of --saml-response)'),
  );
}

/** The role, STS and sign-in options (`login` takes them after its required --connection). */
export function addRoleOptions(command: Command): Command {
  return command
    .option('--role <roleArn|roleName>', "the role to assume: its ARN, or its name when unique (with --connection, default: the connection's default role, else you pick)")
    .option('--principal <arn>', 'the SAML provider ARN (needed for an encrypted assertion, or a role with two providers)')
    .option('--region <region>', "STS region (default: the saved connection's, else from where the IdP posted the response)")
    .option('--sts-endpoint <url>', 'STS endpoint URL (default: AWS_ENDPOINT_URL_STS, else the regional endpoint)')
    .addOption(new Option('--duration <seconds>', "session length, 900 to 43200 (default: the saved connection's, else 3600; capped by the IdP)").argParser(parseWholeSeconds('--duration', 900)))
    .option('--browser <path>', 'with --connection: the Chrome, Chromium or Edge to sign in with (default: the first one installed)')
    .addOption(new Option('--timeout <seconds>', 'with --connection: give up when sign-in takes longer (default 300)').argParser(parseWholeSeconds('--timeout', 1)));
}

/** The two steps of a command that assumes a role: resolve what can fail cheaply first, then get the keys. */
export interface PreparedAssume {
  /** A cluster by saved name (with --connection) or connection string, normalized. */
  readonly cluster: (nameOrUri: string) => Promise<AtlasConnectionString>;
  /** Signs in or reads the response, then redeems it at once (AWS accepts an assertion for 5 minutes). */
  readonly assume: () => Promise<AssumeFromResponseResult>;
  /** With --connection: the saved connection and its file, so what Atlas says about the role can be remembered. */
  readonly saved?: { readonly connectionId: string; readonly connectionsFile: string };
}

/** Checks the flags and opens the saved connection before anything signs in, so a mistake costs no sign-in. */
export async function prepareAssume(options: AssumeStepOptions, context: CliContext): Promise<PreparedAssume> {
  if ((options.samlResponse === undefined) === (options.connection === undefined)) {
    throw new AtlasSsoError('input-invalid', 'Say where the sign-in comes from: --connection NAME (signs in in your browser) or --saml-response FILE.');
  }
  if (options.connection === undefined) {
    const samlResponse = options.samlResponse ?? '-';
    if (options.role === undefined) throw new AtlasSsoError('input-invalid', 'Say which role to assume with --role (see `atlas-sso roles`).');
    const role = options.role;
    return {
      cluster: (nameOrUri) => Promise.resolve(normalizeAtlasConnectionString(nameOrUri)),
      assume: () => assumeFromFile(samlResponse, role, options, context),
    };
  }
  const [{ openConnectionStore }, { clusterUriFor }, { signInWithSavedConnection }] = await Promise.all([
    import('./open-connection-store.js'),
    import('../core/session/sign-in.js'),
    import('./connection-sign-in.js'),
  ]);
  const store = openConnectionStore(context.io);
  const connection = await store.get(options.connection);
  return {
    saved: { connectionId: connection.id, connectionsFile: store.filePath },
    cluster: (nameOrUri) => Promise.resolve(clusterUriFor(connection, nameOrUri)),
    assume: () => signInWithSavedConnection(context, store, connection, {
      role: options.role,
      principal: options.principal,
      browser: options.browser,
      timeoutSeconds: options.timeout,
      stsEndpoint: options.stsEndpoint,
      region: options.region,
      durationSeconds: options.duration,
    }),
  };
}

async function assumeFromFile(source: string, role: string, options: AssumeStepOptions, context: CliContext): Promise<AssumeFromResponseResult> {
  const response = readSamlResponse(await readSamlInput(source, context.io));
  progress(context.io, context.verbose(), 'Asking AWS STS for temporary keys…');
  const result = await assumeFromResponse({
    response,
    choice: { role, principalArn: options.principal },
    region: options.region,
    endpoint: options.stsEndpoint,
    durationSeconds: options.duration,
    env: context.io.env,
  });
  context.warn(result.warnings);
  return result;
}
