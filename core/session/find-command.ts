import { displayText } from '../display-text.js';
import { AtlasSsoError } from '../errors.js';
import type { ExecutableSearch } from '../shell/find-executable.js';
import { firstExisting, isExecutableFile, pathCandidates } from '../shell/find-executable.js';

/**
 * Checks that a command can be found before any sign-in: an assertion can be redeemed only once, within 5 minutes,
 * so "command not found" should not cost one. A name with a path separator is left to the start itself, which tells
 * "not found" (127) from "not executable" (126) as shells do.
 */
export async function checkCommandExists(command: string, search: ExecutableSearch, exists: (file: string) => Promise<boolean> = isExecutableFile): Promise<void> {
  const hasPath = command.includes('/') || (search.platform === 'win32' && command.includes('\\'));
  if (hasPath) return;
  if ((await firstExisting(pathCandidates(command, search), exists)) === undefined) {
    throw new AtlasSsoError('child-command-not-found', `command not found: ${displayText(command, 200)} (nothing was signed in)`);
  }
}
