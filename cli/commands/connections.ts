import { writeFile } from 'node:fs/promises';
import { Option } from 'commander';
import type { Command } from 'commander';
import { serializeJson } from '../../core/connections/connections-file.js';
import type { NewConnection } from '../../core/connections/edit-connections.js';
import { connectionFieldIssues } from '../../core/connections/field-issues.js';
import type { Connection } from '../../core/connections/schema.js';
import { openKeysCache } from '../../core/credentials/open-keys-cache.js';
import { openBrowserSessionKeysCache } from '../../core/desktop/session-keys-cache.js';
import { AtlasSsoError } from '../../core/errors.js';
import { fileProblem } from '../../core/file-problem.js';
import { forgetCachedKeysOf } from '../../core/session/credential-process-sharing.js';
import type { CliContext } from '../context.js';
import { openConnectionStore } from '../open-connection-store.js';
import { forgetIdpSignIn } from '../forget-idp-sign-in.js';

interface AddOptions {
  readonly idpUrl: string;
  readonly acsUrl?: string;
  readonly region?: string;
  readonly role?: string;
  readonly duration?: number;
  readonly profile?: string;
  readonly cluster: readonly (readonly [string, string])[];
  readonly alias: readonly (readonly [string, string])[];
  readonly browser?: 'system' | 'embedded';
}

export function registerConnections(program: Command, context: CliContext): void {
  const { io } = context;
  const connections = program.command('connections').description('Add, list, show, remove, import and export saved connections, or forget their IdP sign-in');

  connections
    .command('add <name>')
    .description('Save a connection: where to sign in, and what to sign in to')
    .requiredOption('--idp-url <url>', "your IdP's sign-in URL for the AWS app")
    .option('--acs-url <url>', 'an extra ACS URL to capture, besides the AWS sign-in endpoints')
    .option('--region <region>', 'STS region (default: from where the IdP posts)')
    .option('--role <roleArn>', 'the role to use without asking')
    .addOption(new Option('--duration <seconds>', 'session length, 900 to 43200').argParser(parseDuration))
    .option('--profile <name>', 'the AWS credentials profile `login` writes when asked for nothing else')
    .option('--cluster <name=uri>', 'an Atlas cluster, by name (repeat for more)', collectPair('--cluster', 'NAME=URI'), [])
    .option('--alias <account=name>', 'a name for an AWS account ID (repeat for more)', collectPair('--alias', 'ACCOUNT=NAME'), [])
    .addOption(new Option('--browser <kind>', 'where the desktop app shows the IdP').choices(['system', 'embedded']))
    .action(async (name: string, options: AddOptions) => {
      const draft: NewConnection = {
        name,
        idpUrl: options.idpUrl,
        clusters: options.cluster.map(([clusterName, uri]) => ({ name: clusterName, uri })),
        accountAliases: Object.fromEntries(options.alias),
        ...(options.acsUrl === undefined ? {} : { acsUrl: options.acsUrl }),
        ...(options.region === undefined ? {} : { stsRegion: options.region }),
        ...(options.role === undefined ? {} : { defaultRole: options.role }),
        ...(options.duration === undefined ? {} : { durationSeconds: options.duration }),
        ...(options.profile === undefined ? {} : { profile: options.profile }),
        ...(options.browser === undefined ? {} : { loginBrowser: options.browser }),
      };
      // In the form's words, on one line: "Cluster 1: the connection string must start with mongodb:// or mongodb+srv://".
      const issues = connectionFieldIssues(draft);
      if (issues.length > 0) throw new AtlasSsoError('connection-invalid', `This connection cannot be saved: ${issues.map((issue) => issue.message.replace(/\.$/, '')).join('; ')}.`);
      const added = await openConnectionStore(io).add(draft);
      io.stdout.write(`Added connection "${added.name}" (id ${added.id}).\n`);
    });

  connections
    .command('list')
    .description('List saved connections')
    .option('--json', 'print JSON for scripts')
    .action(async (options: { readonly json?: true }) => {
      const saved = await openConnectionStore(io).list();
      if (options.json) {
        io.stdout.write(`${JSON.stringify(saved, null, 2)}\n`);
        return;
      }
      if (saved.length === 0) {
        io.stdout.write('No connections yet: add one with atlas-sso connections add NAME --idp-url URL.\n');
        return;
      }
      io.stdout.write(table(['ID', 'NAME', 'IDP URL', 'DEFAULT ROLE'], saved.map((connection) => [connection.id, connection.name, connection.idpUrl, connection.defaultRole ?? '-'])));
    });

  connections
    .command('show <name>')
    .description('Show one saved connection')
    .option('--json', 'print JSON for scripts')
    .action(async (name: string, options: { readonly json?: true }) => {
      const connection = await openConnectionStore(io).get(name);
      io.stdout.write(options.json ? `${JSON.stringify(connection, null, 2)}\n` : describe(connection));
    });

  connections
    .command('remove <name>')
    .description('Delete a saved connection')
    .action(async (name: string) => {
      const store = openConnectionStore(io);
      const connection = await store.get(name);
      // What the connection left behind goes first, while its roles (for the cached keys' names) are still known.
      await forgetCachedKeysOf(openKeysCache(store.filePath, io.platform, io.env), io.env, connection);
      await openBrowserSessionKeysCache(store.filePath, io.platform, io.env).forget(connection.id);
      await forgetIdpSignIn(store, connection, io.platform, io.env);
      await store.remove(connection.id);
      io.stdout.write(`Removed connection "${connection.name}" (id ${connection.id}), with its cached keys and its IdP sign-in.\n`);
    });

  connections
    .command('forget-sign-in <name>')
    .description("Forget the IdP's sign-in (\"Keep me signed in\") for a connection, so its next sign-in asks for your password again")
    .action(async (name: string) => {
      const store = openConnectionStore(io);
      const connection = await store.get(name);
      await forgetIdpSignIn(store, connection, io.platform, io.env);
      io.stdout.write(`Forgot the IdP sign-in of "${connection.name}": its next sign-in asks for your password again.\n`);
    });

  connections
    .command('import <file>')
    .description("Merge a team file an admin shared (nothing changes unless all of it is valid)")
    .action(async (file: string) => {
      const report = await openConnectionStore(io).importTeamFile(file);
      const list = (ids: readonly string[]): string => (ids.length === 0 ? 'none' : ids.join(', '));
      io.stdout.write(`Added: ${list(report.added)}\nUpdated: ${list(report.updated)}\nSkipped (unchanged): ${list(report.skipped)}\n`);
    });

  connections
    .command('export [names...]')
    .description('Write connections (all, or the named ones) as a team file, without your last roles')
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (names: readonly string[], options: { readonly output?: string }) => {
      const text = serializeJson(await openConnectionStore(io).exportTeamFile(names.length === 0 ? undefined : names));
      if (options.output === undefined) {
        io.stdout.write(text);
        return;
      }
      await writeFile(options.output, text, { mode: 0o644 }).catch((error: unknown) => {
        throw new AtlasSsoError('connections-file-io', `${fileProblem(options.output ?? '', error, 'write')}: check the folder exists and is writable.`, { cause: error });
      });
      io.stderr.write(`Wrote the team file ${options.output}.\n`);
    });
}

/** Commander's collector for a repeatable `KEY=VALUE` flag. */
function collectPair(flag: string, shape: string) {
  return (value: string, previous: readonly (readonly [string, string])[]): readonly (readonly [string, string])[] => {
    const at = value.indexOf('=');
    if (at <= 0 || at === value.length - 1) throw new AtlasSsoError('input-invalid', `${flag} takes ${shape}, such as ${flag === '--alias' ? '012345678901=Production' : 'prod=mongodb+srv://cluster0.abcde.mongodb.net/'}; got "${value}".`);
    return [...previous, [value.slice(0, at).trim(), value.slice(at + 1).trim()]];
  };
}

function parseDuration(value: string): number {
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(seconds)) throw new AtlasSsoError('input-invalid', `--duration takes whole seconds (900 to 43200), not "${value}".`);
  return seconds;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  return [header, ...rows].map((cells) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}

function describe(connection: Connection): string {
  const lines: (readonly [string, string | undefined])[] = [
    ['Name', connection.name],
    ['Id', connection.id],
    ['IdP URL', connection.idpUrl],
    ['Extra ACS URL', connection.acsUrl],
    ['STS region', connection.stsRegion],
    ['Default role', connection.defaultRole],
    ['Last role', connection.lastRole],
    ['Duration', connection.durationSeconds === undefined ? undefined : `${connection.durationSeconds} s`],
    ['AWS profile', connection.profile],
    ['Sign-in browser', connection.loginBrowser],
    ...connection.clusters.map((cluster): readonly [string, string] => [`Cluster ${cluster.name}`, cluster.uri]),
    ...Object.entries(connection.accountAliases).map(([account, alias]): readonly [string, string] => [`Account ${account}`, alias]),
  ];
  const shown = lines.filter((line): line is readonly [string, string] => line[1] !== undefined);
  const width = Math.max(...shown.map(([label]) => label.length));
  return shown.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}`).join('\n') + '\n';
}
