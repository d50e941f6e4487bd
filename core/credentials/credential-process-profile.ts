import { isPartition, partitionFacts } from '../aws/partitions.js';
import { stsLocationOfSigninUrl } from '../aws/signin-endpoints.js';
import { AtlasSsoError } from '../errors.js';
import { scanIni } from './ini-sections.js';

/** A plain word needs no quotes in sh (the JS SDK runs the line through it) nor in botocore's shlex split. */
const plainWord = /^[\w@%+=:,./-]+$/;

/**
 * The program `credential_process` runs: this node and this CLI script, or — inside the packaged app, whose binary
 * cannot run a script as node — the launcher it named in ATLAS_SSO_CLI_LAUNCHER.
 */
export function credentialProcessProgram(env: NodeJS.ProcessEnv, nodePath: string, cliScript: string): readonly string[] {
  const launcher = env.ATLAS_SSO_CLI_LAUNCHER;
  return launcher === undefined || launcher === '' ? [nodePath, cliScript] : [launcher];
}

/**
 * The `credential_process` value: the words quoted so that botocore (shlex on POSIX, the MSVCRT rules on Windows)
 * and the JS SDK (which runs it with the system shell) both get the same argv back, also for paths with spaces.
 */
export function credentialProcessCommandLine(words: readonly string[], platform: NodeJS.Platform): string {
  return words.map((word) => (platform === 'win32' ? quoteForWindows(word) : quoteForPosix(word))).join(' ');
}

function quoteForPosix(word: string): string {
  if (plainWord.test(word)) return word;
  return `'${word.replaceAll("'", "'\\''")}'`;
}

function quoteForWindows(word: string): string {
  if (/["\r\n]/.test(word)) {
    throw new AtlasSsoError('credentials-invalid-value', 'A path or name with a double quote or line break cannot be written into credential_process on Windows: move or rename it.');
  }
  if (plainWord.test(word.replaceAll('\\', '/'))) return word;
  // cmd.exe and MSVCRT read a trailing backslash before the closing quote as an escaped quote: double it.
  return `"${word.replace(/(\\+)$/, '$1$1')}"`;
}

/** What the region choice reads of a saved connection (core/connections' Connection, which sits above this room). */
export interface RegionHints {
  readonly stsRegion?: string | undefined;
  readonly acsUrl?: string | undefined;
}

/**
 * The region to write beside credential_process, so AWS tools need none: the connection's STS region, else the one
 * its ACS URL names, else the default of the role's partition (us-gov-west-1, cn-north-1), else us-east-1.
 */
export function profileRegionFor(connection: RegionHints, role: string): string {
  if (connection.stsRegion !== undefined) return connection.stsRegion;
  const fromAcs = connection.acsUrl === undefined ? undefined : stsLocationOfSigninUrl(connection.acsUrl)?.region;
  if (fromAcs !== undefined) return fromAcs;
  const partition = /^arn:([\w-]+):iam::/.exec(role)?.[1] ?? 'aws';
  return partitionFacts[isPartition(partition) ? partition : 'aws'].defaultRegion;
}

/**
 * True when the credentials file gives `[profile]` static keys: the AWS CLI and SDKs use those before a
 * credential_process of the same profile, so the process would never run.
 */
export function hasStaticKeys(credentialsText: string, profile: string): boolean {
  return scanIni(credentialsText).sections.some((section) => section.name === profile && section.keys.some((key) => key.name === 'aws_access_key_id'));
}

/** The words of a command line, quotes removed: enough for the plain words `setup-profile` writes, quoted either way. */
function commandWords(line: string): readonly string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

/** The value after `--name` or in `--name=value`, where the words hold one. */
function optionValue(words: readonly string[], name: string): string | undefined {
  for (const [index, word] of words.entries()) {
    if (word === name) return words[index + 1];
    if (word.startsWith(`${name}=`)) return word.slice(name.length + 1);
  }
  return undefined;
}

/**
 * The `--role` of every `credential_process` in the AWS config that runs `atlas-sso credential-process` for this
 * connection, as written (an ARN or a name): where those runs look for cached keys, so an app sign-in can leave its
 * keys exactly there.
 */
export function credentialProcessRolesFor(configText: string, connectionId: string): readonly string[] {
  const roles = scanIni(configText)
    .sections.flatMap((section) => section.keys.filter((key) => key.name === 'credential_process'))
    .map((key) => commandWords(key.value))
    .filter((words) => words.includes('credential-process') && optionValue(words, '--connection') === connectionId)
    .map((words) => optionValue(words, '--role'))
    .filter((role): role is string => role !== undefined && role !== '');
  return [...new Set(roles)];
}
