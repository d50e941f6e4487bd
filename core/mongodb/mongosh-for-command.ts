import { homedir } from 'node:os';
import type { ExecutableSearch } from '../shell/find-executable.js';
import { firstExisting, isExecutableFile, pathCandidates } from '../shell/find-executable.js';
import { installFolderCandidates } from './find-mongosh.js';
import type { LoginShellAnswer } from './login-shell-path.js';
import { findInLoginShell } from './login-shell-path.js';

/**
 * How a command to paste names mongosh: bare, because the person's terminal finds it (`on-path`); by its absolute path,
 * found only elsewhere — Settings, an install folder not on the shell's PATH, the app's own PATH (`by-path`); or bare
 * although nothing was found (`missing`: the person is told before pasting, with how to get it).
 */
export type MongoshForCommand =
  | { readonly found: 'on-path'; readonly program: 'mongosh' }
  | { readonly found: 'by-path'; readonly program: string }
  | { readonly found: 'missing'; readonly program: 'mongosh'; readonly installHint: string };

export interface MongoshForCommandOptions extends ExecutableSearch {
  /** The mongosh path set in Settings. */
  readonly configuredPath?: string | undefined;
  readonly homeDir?: string;
  readonly exists?: (file: string) => Promise<boolean>;
  /** The login shell's answer; asking $SHELL by default. */
  readonly askLoginShell?: (command: string) => Promise<LoginShellAnswer>;
}

/** Where to get mongosh, in one sentence for people (the UI and the CLI say the same). */
export const mongoshInstallHint =
  'mongosh is not installed: get it from MongoDB\'s download page (https://www.mongodb.com/try/download/shell), with `brew install mongosh` on macOS, or from MongoDB\'s apt or yum repository on Linux (https://www.mongodb.com/docs/mongodb-shell/install/).';

/** Finds mongosh the way the person's terminal will, for a command they paste there. */
export async function mongoshForCommand(options: MongoshForCommandOptions): Promise<MongoshForCommand> {
  const exists = options.exists ?? isExecutableFile;
  const askLoginShell = options.askLoginShell ?? ((command: string) => findInLoginShell(command, options));
  const shell = await askLoginShell('mongosh');
  const onShellPath = shell.asked ? shell.path : undefined;
  const configured = options.configuredPath?.trim();
  if (configured !== undefined && configured !== '' && (await exists(configured))) {
    return configured === onShellPath ? { found: 'on-path', program: 'mongosh' } : { found: 'by-path', program: configured };
  }
  if (onShellPath !== undefined) return { found: 'on-path', program: 'mongosh' };
  // Anything the shell did not confirm (or could not be asked about) is named by its absolute path: that runs anywhere.
  const elsewhere = await firstExisting([...new Set([...installFolderCandidates(options, options.homeDir ?? options.env.HOME ?? homedir()), ...pathCandidates('mongosh', options)])], exists);
  if (elsewhere !== undefined) return { found: 'by-path', program: elsewhere };
  return { found: 'missing', program: 'mongosh', installHint: mongoshInstallHint };
}
