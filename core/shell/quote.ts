import { AtlasSsoError } from '../errors.js';
import type { Shell } from './shells.js';

// Written by hand on purpose: shescape quotes only for the shells of the platform it runs on (no fish or
// PowerShell on Linux), and we print commands for any shell from any platform.

/** Every quote character PowerShell ends a single-quoted string on: ASCII and the typographic ‘ ’ ‚ ‛. */
const powershellSingleQuotes = /['\u2018\u2019\u201a\u201b]/g;

/** What cmd.exe cannot carry literally even between double quotes (expansion, escapes, line ends). */
const cmdUnsafeInQuotes: Readonly<Record<string, string>> = {
  '"': 'a double quote (")',
  '%': 'a percent sign (%)',
  '!': 'an exclamation mark (!)',
  '^': 'a caret (^)',
  '\n': 'a line break',
  '\r': 'a line break',
};

/** What we also keep out of `set "K=v"` values: inert inside the quotes, but they run as commands wherever %K% is later used unquoted. */
const cmdUnsafeInVariables: Readonly<Record<string, string>> = {
  ...cmdUnsafeInQuotes,
  '&': 'an ampersand (&)',
  '|': 'a vertical bar (|)',
  '<': 'a less-than sign (<)',
  '>': 'a greater-than sign (>)',
};

/** `value` as one word for `shell`, read back by the shell exactly as given, with nothing expanded. */
export function quoteForShell(shell: Shell, value: string): string {
  refuseNul(value);
  switch (shell) {
    case 'bash':
    case 'zsh':
      return `'${value.replaceAll("'", "'\\''")}'`;
    case 'fish':
      return `'${value.replace(/[\\']/g, '\\$&')}'`;
    case 'powershell':
      return `'${value.replace(powershellSingleQuotes, '$&$&')}'`;
    case 'cmd':
      refuseFor(value, cmdUnsafeInQuotes);
      // Programs split their command line by the C runtime's rules, where `\"` is a quote, so trailing backslashes are doubled.
      return `"${value.replace(/\\+$/, '$&$&')}"`;
  }
}

/** `value` checked to sit inside cmd's `set "K=value"` unchanged (cmd has no escape that works there). */
export function cmdVariableValue(value: string): string {
  refuseNul(value);
  refuseFor(value, cmdUnsafeInVariables);
  return value;
}

function refuseNul(value: string): void {
  if (value.includes('\u0000')) {
    throw new AtlasSsoError('mongodb-unsupported-shell-value', 'A value holds a NUL character, which no shell can pass to a program: check where it came from.');
  }
}

function refuseFor(value: string, unsafe: Readonly<Record<string, string>>): void {
  const found = [...value].find((character) => Object.hasOwn(unsafe, character));
  if (found !== undefined) {
    throw new AtlasSsoError('mongodb-unsupported-shell-value', `A value holds ${unsafe[found] ?? found}, which cmd.exe cannot carry safely in a command: use PowerShell instead (--shell powershell).`);
  }
}
