import { AtlasSsoError } from '../errors.js';
import type { Shell } from './shell-names.js';
import { shells } from './shell-names.js';

export type { Shell } from './shell-names.js';
export { shells } from './shell-names.js';

/** Program names as they appear in $SHELL or on a command line, and the syntax they speak (sh, dash and ksh speak POSIX like bash). */
const shellOfProgram: Readonly<Record<string, Shell>> = {
  bash: 'bash',
  sh: 'bash',
  dash: 'bash',
  ash: 'bash',
  ksh: 'bash',
  mksh: 'bash',
  zsh: 'zsh',
  fish: 'fish',
  pwsh: 'powershell',
  powershell: 'powershell',
  cmd: 'cmd',
};

/** The shell a name or path stands for (`/usr/bin/zsh`, `pwsh.exe`, `PowerShell`), or undefined when we do not know it. */
export function shellNamed(nameOrPath: string): Shell | undefined {
  const program = nameOrPath.trim().split(/[\\/]/).pop()?.toLowerCase().replace(/\.exe$/, '') ?? '';
  return Object.hasOwn(shellOfProgram, program) ? shellOfProgram[program] : undefined;
}

/** A shell named by a person (`--shell`), refused with the list of known ones when unknown. */
export function parseShell(name: string): Shell {
  const shell = shellNamed(name);
  if (shell === undefined) {
    throw new AtlasSsoError('input-invalid', `"${name}" is not a shell Atlas SSO writes commands for: use one of ${shells.join(', ')}.`);
  }
  return shell;
}

/**
 * The shell a pasted command most likely lands in: PowerShell on Windows (the default of Windows Terminal),
 * else the login shell in $SHELL, else the platform's default (zsh on macOS, bash elsewhere).
 */
export function defaultShell(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Shell {
  if (platform === 'win32') return 'powershell';
  const fromEnv = env.SHELL === undefined ? undefined : shellNamed(env.SHELL);
  if (fromEnv !== undefined) return fromEnv;
  return platform === 'darwin' ? 'zsh' : 'bash';
}
