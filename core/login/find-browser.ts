import os from 'node:os';
import { AtlasSsoError } from '../errors.js';
import { firstExisting, isExecutableFile } from '../shell/find-executable.js';
import { browserCandidates } from './browser-candidates.js';

/** The browser to drive: the one the person named (`--browser PATH`), else the first installed Chrome/Chromium/Edge. */
export async function findBrowserExecutable(override: string | undefined): Promise<string> {
  if (override !== undefined) {
    if (await isExecutableFile(override)) return override;
    throw new AtlasSsoError('login-browser-not-found', `The browser "${override}" does not exist or cannot be run: give the full path of Chrome, Chromium or Edge.`);
  }
  const candidates = browserCandidates(process.platform, process.env, os.homedir());
  const found = await firstExisting(candidates, isExecutableFile);
  if (found !== undefined) return found;
  throw new AtlasSsoError(
    'login-browser-not-found',
    'No Chrome, Chromium or Edge was found to show your company sign-in page: install one, or give its path with --browser PATH.',
    { details: `Looked in: ${candidates.join(', ')}` },
  );
}
