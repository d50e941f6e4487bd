import path from 'node:path';
import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import { AtlasSsoError } from '../errors.js';
import { quoteForShell } from '../shell/quote.js';
import { envValue } from '../shell/find-executable.js';
import { graphicalSessionAvailable } from '../graphical-session.js';

/** Stands in `args` for the one-shot script's path, which only the launcher knows (it makes the private folder). */
export const scriptPathArg = '{atlas-sso-launch-script}';

/** File name of the FIFO next to the script, through which the keys pass once, in memory only. */
export const keysFifoName = 'keys';

/** A script a terminal app runs when our environment cannot reach the shell it starts (macOS `open`). */
export interface OneShotScript {
  /** POSIX sh. Holds no secret: it reads the keys from the FIFO next to it, then deletes its folder. */
  readonly content: string;
  readonly mode: 0o700;
  readonly deleteAfter: true;
}

/** How to open mongosh in a new terminal window: pure data, no secret (the keys are added at launch). */
export interface TerminalLaunchPlan {
  /** The terminal's name, for messages. */
  readonly terminal: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Non-secret variables the launched process needs. */
  readonly envSet: Readonly<Record<string, string>>;
  /** Variables to drop so they cannot outrank the keys (the AWS SDK skips env keys when AWS_PROFILE is set). */
  readonly envUnset: readonly string[];
  /** The command hands the window to another process and exits: its exit status tells success. */
  readonly exitsAfterHandOff: boolean;
  /** Windows only: `args` are already quoted for cmd.exe. */
  readonly windowsVerbatimArguments: boolean;
  /** Present when the keys go through a one-shot script and a FIFO instead of the environment. */
  readonly script?: OneShotScript;
}

export interface PlanTerminalLaunchInput {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  /** True when a terminal command (Linux, Windows) or app (macOS) is installed. */
  readonly available: (command: string) => boolean;
  /** The terminal chosen in Settings: used alone when given, so a wrong setting is reported. */
  readonly preferred?: string;
  readonly mongoshPath: string;
  /** mongosh's arguments: the connection string and options, never a key. */
  readonly mongoshArgs: readonly string[];
}

/** Names the keys travel under to mongosh, which reads them like every AWS SDK. */
export const keyVariables = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'] as const;

/** Other credential sources that would win over (or mix with) our keys in mongosh's AWS credential chain. */
export const competingVariables = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SECURITY_TOKEN', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'] as const;

/** The keys as environment values, in `keyVariables` order; rejects values that could break a line-based hand-off. */
export function keyValues(credentials: TemporaryCredentials): readonly string[] {
  const values = [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken, credentials.expiration.toISOString()];
  if (values.some((value) => value === '' || /\p{Cc}/u.test(value))) {
    throw new AtlasSsoError('mongodb-terminal-launch-failed', 'The temporary keys are malformed (empty, or with control characters): sign in again.');
  }
  return values;
}

/** The bytes written into the FIFO: one key per line, in the order the script reads them. */
export function keyHandOff(credentials: TemporaryCredentials): string {
  return `${keyValues(credentials).join('\n')}\n`;
}

/** Keeps the window open when mongosh fails, so the person can read why. "$@" is mongosh and its arguments. */
const holdOnFailure = '"$@"; status=$?; if [ "$status" -ne 0 ]; then printf \'\\n%s\' "mongosh ended with status $status. Press Enter to close this window. "; read -r _; fi; exit "$status"';

/** Argument forms of the Linux terminals we know: each takes the command to run differently. */
const linuxTerminals: Readonly<Record<string, (command: readonly string[]) => readonly string[]>> = {
  'x-terminal-emulator': (command) => ['-e', ...command],
  // --wait keeps the client until the tab closes; the client forwards its environment to gnome-terminal-server.
  'gnome-terminal': (command) => ['--wait', '--', ...command],
  // --separate: a shared konsole process would start the shell with its own environment, not ours.
  konsole: (command) => ['--separate', '-e', ...command],
  // --disable-server: same reason, for the xfce4-terminal D-Bus server.
  'xfce4-terminal': (command) => ['--disable-server', '-x', ...command],
  kitty: (command) => [...command],
  alacritty: (command) => ['-e', ...command],
  wezterm: (command) => ['start', '--', ...command],
  foot: (command) => [...command],
  terminator: (command) => ['-x', ...command],
  xterm: (command) => ['-e', ...command],
};

const linuxSearchOrder = ['x-terminal-emulator', 'gnome-terminal', 'konsole', 'xfce4-terminal', 'kitty', 'alacritty', 'wezterm', 'foot', 'terminator', 'xterm'] as const;

function linuxPlan(input: PlanTerminalLaunchInput): TerminalLaunchPlan {
  if (!graphicalSessionAvailable(input.env, 'linux')) {
    throw new AtlasSsoError('mongodb-terminal-launch-failed', 'There is no graphical session here (DISPLAY and WAYLAND_DISPLAY are unset), so no terminal window can open: copy the mongosh command instead.');
  }
  const preferred = nonEmpty(input.preferred);
  const fromEnv = nonEmpty(input.env.TERMINAL);
  let terminal: string | undefined;
  if (preferred !== undefined) {
    if (!input.available(preferred)) throw terminalNotFound(`The terminal set in Settings (${preferred}) was not found: install it, or choose another one in Settings.`);
    terminal = preferred;
  } else {
    terminal = [fromEnv, ...linuxSearchOrder].find((candidate): candidate is string => candidate !== undefined && input.available(candidate));
  }
  if (terminal === undefined) {
    throw terminalNotFound(`No terminal program was found (looked for ${linuxSearchOrder.join(', ')}): install one (xterm works everywhere), set one in Settings, or copy the mongosh command instead.`);
  }
  // Unknown terminals ($TERMINAL, Settings) get `-e`, the convention most of them follow.
  const form = linuxTerminals[path.posix.basename(terminal)] ?? ((command: readonly string[]) => ['-e', ...command]);
  return {
    terminal: path.posix.basename(terminal),
    command: terminal,
    args: form(['/bin/sh', '-c', holdOnFailure, 'mongosh', input.mongoshPath, ...input.mongoshArgs]),
    envSet: {},
    envUnset: competingVariables,
    exitsAfterHandOff: false,
    windowsVerbatimArguments: false,
  };
}

/** The one-shot script for macOS: reads the keys from the FIFO, deletes its own folder, then becomes mongosh. */
export function oneShotScript(mongoshPath: string, mongoshArgs: readonly string[]): OneShotScript {
  const reads = keyVariables.map((name) => `IFS= read -r ${name}`).join('; ');
  const content = [
    '#!/bin/sh',
    '# Atlas SSO: opens mongosh once. This file holds no secret: the keys arrive through the FIFO next to it.',
    'here=$(dirname "$0")',
    `{ ${reads}; } < "$here/${keysFifoName}"`,
    'rm -rf "$here"',
    'if [ -z "$AWS_SESSION_TOKEN" ]; then echo "Atlas SSO could not hand over the keys: open mongosh again from Atlas SSO."; exit 1; fi',
    `unset ${competingVariables.join(' ')}`,
    `export ${keyVariables.join(' ')}`,
    `exec ${[mongoshPath, ...mongoshArgs].map((word) => quoteForShell('bash', word)).join(' ')}`,
    '',
  ].join('\n');
  return { content, mode: 0o700, deleteAfter: true };
}

/**
 * macOS: `open -a Terminal` asks Launch Services, so the shell in the new window gets Terminal's environment, not ours.
 * Writing the keys into the script would leave them on disk, and argv (osascript `do script`) is visible in `ps`.
 * So the script, in a private 0700 folder, reads them once from a FIFO there: they pass through kernel memory only,
 * only this user can open the FIFO, and the script deletes the folder before it execs mongosh.
 */
function macPlan(input: PlanTerminalLaunchInput): TerminalLaunchPlan {
  const preferred = nonEmpty(input.preferred);
  let app = 'Terminal';
  if (preferred !== undefined && !/^terminal(\.app)?$/i.test(preferred)) {
    if (!/^iterm2?(\.app)?$/i.test(preferred)) throw terminalNotFound(`On macOS Atlas SSO opens mongosh in Terminal or iTerm, not ${preferred}: choose one of them in Settings.`);
    if (!input.available('iTerm')) throw terminalNotFound('iTerm, set in Settings, is not installed: install it, or choose Terminal in Settings.');
    app = 'iTerm';
  }
  return {
    terminal: app,
    command: 'open',
    args: ['-a', app, scriptPathArg],
    envSet: {},
    envUnset: [],
    exitsAfterHandOff: true,
    windowsVerbatimArguments: false,
    script: oneShotScript(input.mongoshPath, input.mongoshArgs),
  };
}

/**
 * Windows: `start` opens a new console whose process inherits cmd's environment, hence ours, keys included.
 * The arguments reach it as !variables! under delayed expansion, so `&`, `%` and `^` in a connection string stay literal.
 * Windows Terminal (`wt.exe`) only when chosen in Settings: depending on its version a new tab drops the caller's
 * environment (microsoft/terminal#11094, #15496); --inheritEnvironment (1.19+) asks it to keep it.
 */
function windowsPlan(input: PlanTerminalLaunchInput): TerminalLaunchPlan {
  const words = [input.mongoshPath, ...input.mongoshArgs];
  // Programs split their command line by the C runtime's rules: `"` or a trailing `\` would shift the words.
  if (words.some((word) => word.includes('"') || word.endsWith('\\'))) {
    throw new AtlasSsoError('mongodb-terminal-launch-failed', 'The mongosh path or connection string contains a double quote (") or ends with a backslash, which Windows cannot pass on safely: fix it, or copy the mongosh command instead.');
  }
  const preferred = nonEmpty(input.preferred);
  if (preferred !== undefined && /^(wt(\.exe)?|windows terminal)$/i.test(preferred)) {
    if (!input.available('wt.exe')) throw terminalNotFound('Windows Terminal, set in Settings, is not installed: install it from the Microsoft Store, or choose the Windows console in Settings.');
    return {
      terminal: 'Windows Terminal',
      command: 'wt.exe',
      args: ['-w', 'new', 'new-tab', '--inheritEnvironment', '--title', 'Atlas SSO', '--', ...words.map((word) => word.replaceAll(';', '\\;'))],
      envSet: {},
      envUnset: competingVariables,
      exitsAfterHandOff: true,
      windowsVerbatimArguments: false,
    };
  }
  if (preferred !== undefined && !/^(cmd(\.exe)?|console|windows console)$/i.test(preferred)) {
    throw terminalNotFound(`On Windows Atlas SSO opens mongosh in the Windows console or Windows Terminal, not ${preferred}: choose one of them in Settings.`);
  }
  const names = words.map((_, index) => `ATLAS_SSO_ARG_${index}`);
  return {
    terminal: 'Windows console',
    command: envValue(input.env, 'ComSpec', 'win32') ?? 'cmd.exe',
    args: ['/d', '/v:on', '/s', '/c', `"start "Atlas SSO" ${names.map((name) => `"!${name}!"`).join(' ')}"`],
    envSet: Object.fromEntries(names.map((name, index) => [name, words[index] ?? ''])),
    envUnset: competingVariables,
    exitsAfterHandOff: true,
    windowsVerbatimArguments: true,
  };
}

/** How to open mongosh in a new terminal window on this OS, with the keys kept out of argv and off disk. */
export function planTerminalLaunch(input: PlanTerminalLaunchInput): TerminalLaunchPlan {
  switch (input.platform) {
    case 'darwin':
      return macPlan(input);
    case 'win32':
      return windowsPlan(input);
    default:
      return linuxPlan(input);
  }
}

function terminalNotFound(message: string): AtlasSsoError {
  return new AtlasSsoError('mongodb-terminal-not-found', message);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
