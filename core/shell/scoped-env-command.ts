import { checkVariableName, envAssignment } from './env-exports.js';
import { quoteForShell } from './quote.js';
import type { Shell } from './shells.js';

/** A variable for one command: a value, or null to keep the calling shell's value away from that command. */
export type ScopedVariable = readonly [name: string, value: string | null];

export interface ScopedEnvCommand {
  readonly shell: Shell;
  /** Set (or hidden, when null) for this one command only; at least one, or there is nothing to scope. */
  readonly variables: readonly [ScopedVariable, ...ScopedVariable[]];
  /** The program, then its arguments; each is quoted for the shell. */
  readonly argv: readonly [program: string, ...args: string[]];
  /** Start with a space, which keeps the line out of fish's history and of bash/zsh's with ignorespace / HIST_IGNORE_SPACE. */
  readonly keepOutOfHistory?: boolean;
}

/** Program names that mean the same unquoted: POSIX-like shells take paths; cmd reads `/` as a switch, so only bare names. */
const plainProgram = /^[\w./][\w./+-]*$/;
const plainCmdProgram = /^\w[\w.-]*$/;

/**
 * One line that runs a program with extra environment variables and leaves the calling shell as it was.
 * Values never become argv of a helper (`env K=v prog` shows them in ps): the shell itself puts them in the environment.
 * bash, zsh and fish (3.1+) use prefix assignments; PowerShell sets `$env:` in a script block and restores the previous
 * values in `finally`; cmd sets them in the same cmd.exe and clears them afterwards — it cannot restore a previous value
 * without `%` expansion, so a variable hidden with null (or set) is gone from that cmd window afterwards.
 */
export function scopedEnvCommand(command: ScopedEnvCommand): string {
  const { shell, variables, argv } = command;
  const [program, ...args] = argv;
  for (const [name] of variables) checkVariableName(name);
  const quotedArgs = args.map((arg) => quoteForShell(shell, arg));
  switch (shell) {
    case 'bash':
    case 'zsh':
    case 'fish': {
      const prefix = variables.map(([name, value]) => `${name}=${value === null ? '' : quoteForShell(shell, value)}`);
      const line = [...prefix, programWord(shell, program), ...quotedArgs].join(' ');
      return command.keepOutOfHistory === true ? ` ${line}` : line;
    }
    case 'powershell': {
      const names = variables.map(([name]) => quoteForShell(shell, name)).join(', ');
      const sets = variables.map(([name, value]) => envAssignment(shell, name, value));
      const run = ['&', quoteForShell(shell, program), ...quotedArgs].join(' ');
      return `& { $saved = @{}; foreach ($name in ${names}) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }; try { ${[...sets, run].join('; ')} } finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } } }`;
    }
    case 'cmd': {
      const sets = variables.map(([name, value]) => envAssignment(shell, name, value));
      const run = [programWord(shell, program), ...quotedArgs].join(' ');
      const clears = variables.filter(([, value]) => value !== null).map(([name]) => `set "${name}="`);
      return [`(${[...sets, run].join(' & ')})`, ...clears].join(' & ');
    }
  }
}

function programWord(shell: Shell, program: string): string {
  return (shell === 'cmd' ? plainCmdProgram : plainProgram).test(program) ? program : quoteForShell(shell, program);
}
