import { AtlasSsoError } from '../errors.js';
import { graphicalSessionAvailable } from '../graphical-session.js';

/** Chromium's own words when it started without a display anyway (e.g. DISPLAY names a server that is gone). */
export function isMissingDisplayFailure(message: string): boolean {
  return /Missing X server or \$DISPLAY|cannot open display|Failed to connect to Wayland display/i.test(message);
}

/**
 * Sign-in is not possible on this machine at all: the cause in people's words, with no command-line flag (the app shows
 * it as it is; the CLI adds what it offers instead).
 */
export function loginNoDisplay(): AtlasSsoError {
  return new AtlasSsoError(
    'login-no-display',
    'Sign-in needs a browser window, and this computer has no graphical display to show one (for example, it was reached over SSH): sign in from a desktop session on this computer, or connect with X forwarding.',
  );
}

/** Throws loginNoDisplay() before a browser is started that could only fail, unless it runs headless. */
export function checkDisplayForLogin(headless: boolean, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): void {
  if (!headless && !graphicalSessionAvailable(env, platform)) throw loginNoDisplay();
}
