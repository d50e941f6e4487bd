import { Command, CommanderError } from 'commander';
import type { CliContext } from './context.js';
import type { CliIo } from './io.js';
import { exitCodes, reportError } from './report-error.js';

const version = '0.1.0';

const exitCodesHelp =
  'Exit codes: 0 done, 1 unexpected, 2 usage, 3 input (SAML, role, no usable AWS identity), 4 AWS STS, 5 files, 6 MongoDB, ' +
  '7 sign-in window, 8 sign-in not possible here (no graphical display: sign in from a desktop session, forward X, or use --saml-response).';

type Register = (program: Command, context: CliContext) => void;

/**
 * Each command's module, loaded only when that command runs (all of them for the top-level help):
 * `credential-process` runs at every AWS SDK start, so it must not load the SDK, the driver or the browser.
 */
const commands: Readonly<Record<string, () => Promise<Register>>> = {
  roles: async () => (await import('./commands/roles.js')).registerRoles,
  assume: async () => (await import('./commands/assume.js')).registerAssume,
  login: async () => (await import('./commands/login.js')).registerLogin,
  logout: async () => (await import('./commands/logout.js')).registerLogout,
  mongosh: async () => (await import('./commands/mongosh.js')).registerMongosh,
  compass: async () => (await import('./commands/compass.js')).registerCompass,
  exec: async () => (await import('./commands/exec.js')).registerExec,
  'test-connection': async () => (await import('./commands/test-connection.js')).registerTestConnection,
  connections: async () => (await import('./commands/connections.js')).registerConnections,
  'credential-process': async () => (await import('./commands/credential-process.js')).registerCredentialProcess,
  'setup-profile': async () => (await import('./commands/setup-profile.js')).registerSetupProfile,
  ui: async () => (await import('./commands/ui.js')).registerUi,
  'desktop-entry': async () => (await import('./commands/desktop-entry.js')).registerDesktopEntry,
  whoami: async () => (await import('./commands/whoami.js')).registerWhoami,
};

/** Runs one `atlas-sso` invocation against the given terminal and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command('atlas-sso');
  const verbose = (): boolean => program.opts<{ verbose?: true }>().verbose === true;
  let childStatus: number | undefined;
  const context: CliContext = {
    io,
    verbose,
    warn: (warnings) => {
      for (const warning of warnings) io.stderr.write(`warning: ${warning}\n`);
    },
    reportStatus: (status) => {
      childStatus = status;
    },
  };
  program
    .description('Passwordless access to MongoDB Atlas with your company SAML sign-in, through AWS IAM')
    .version(version)
    .option('--verbose', 'say more on stderr (never secrets)')
    .addHelpText('after', `\n${exitCodesHelp}`)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  try {
    // Global options take no value, so the first word that is not an option names the command.
    const named = argv.find((word) => !word.startsWith('-'));
    const load = named === undefined ? undefined : commands[named];
    // `--version` alone needs none of them: the top-level help is what lists every command.
    const versionOnly = named === undefined && argv.some((word) => word === '--version' || word === '-V') && !argv.some((word) => word === '--help' || word === '-h');
    const registers = load !== undefined ? [await load()] : versionOnly ? [] : await Promise.all(Object.values(commands).map((loadOne) => loadOne()));
    for (const register of registers) register(program, context);
    for (const command of program.commands) unknownOptionsFirst(command.exitOverride());
    await program.parseAsync(argv, { from: 'user' });
    return childStatus ?? exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    return reportError(error, io.stderr, verbose());
  }
}

/**
 * Commander checks required options before unknown ones, so a mistyped required option (`--saml-respons`) read as
 * missing. Checked in preAction instead, which runs after the unknown-option check and its suggestion.
 */
function unknownOptionsFirst(command: Command): void {
  const required = command.options.filter((option) => option.mandatory);
  for (const option of required) option.mandatory = false;
  if (required.length > 0) {
    command.hook('preAction', (thisCommand) => {
      const missing = required.find((option) => thisCommand.getOptionValue(option.attributeName()) === undefined);
      if (missing !== undefined) thisCommand.error(`error: required option '${missing.flags}' not specified`, { code: 'commander.missingMandatoryOptionValue' });
    });
  }
  for (const sub of command.commands) unknownOptionsFirst(sub.exitOverride());
}
