import { AtlasSsoError } from '../errors.js';
import { cmdVariableValue, quoteForShell } from './quote.js';
import type { Shell } from './shells.js';

const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Refuses names a shell would read as something else (`$env:A-B`, `set -gx 'A B'`); names never hold secrets, so they may be shown. */
export function checkVariableName(name: string): string {
  if (!variableName.test(name)) {
    throw new AtlasSsoError('mongodb-unsupported-shell-value', `"${name}" cannot be an environment variable name here: use letters, digits and underscores only, not starting with a digit.`);
  }
  return name;
}

/** One statement that sets and exports `name` in the shell that runs it (not in a child), or removes it when `value` is null. */
export function envAssignment(shell: Shell, name: string, value: string | null): string {
  checkVariableName(name);
  if (value === null) return envRemoval(shell, name);
  switch (shell) {
    case 'bash':
    case 'zsh':
      return `export ${name}=${quoteForShell(shell, value)}`;
    case 'fish':
      return `set -gx ${name} ${quoteForShell(shell, value)}`;
    case 'powershell':
      return `$env:${name} = ${quoteForShell(shell, value)}`;
    case 'cmd':
      if (value === '') {
        throw new AtlasSsoError('mongodb-unsupported-shell-value', `cmd.exe cannot hold ${name} as an empty variable (setting it empty removes it): use PowerShell instead (--shell powershell).`);
      }
      return `set "${name}=${cmdVariableValue(value)}"`;
  }
}

function envRemoval(shell: Shell, name: string): string {
  switch (shell) {
    case 'bash':
    case 'zsh':
      return `unset ${name}`;
    case 'fish':
      // `set -e` fails on a variable that is not set; `; or true` keeps `| source` from ending on that status.
      return `set -e ${name}; or true`;
    case 'powershell':
      return `$env:${name} = $null`;
    case 'cmd':
      return `set "${name}="`;
  }
}

/**
 * Lines that set variables in the CURRENT shell, in order (a Map, pairs or a record; null removes the variable), for `eval "$(atlas-sso assume --format env)"`
 * (fish: `| source`, PowerShell: `| Invoke-Expression`, cmd: `for /f` or a .cmd file).
 */
export function envExportLines(shell: Shell, variables: Iterable<readonly [string, string | null]> | Readonly<Record<string, string | null>>): readonly string[] {
  const entries = Symbol.iterator in variables ? [...variables] : Object.entries(variables);
  return entries.map(([name, value]) => envAssignment(shell, name, value));
}
