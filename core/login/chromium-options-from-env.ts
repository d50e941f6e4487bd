import { AtlasSsoError } from '../errors.js';
import type { ChromiumLoginBrowserOptions } from './chromium-login-browser.js';

/**
 * The Chromium options: `--browser PATH`, and the environment's switches — `ATLAS_SSO_BROWSER_HEADLESS=1`, and for
 * tests only `ATLAS_SSO_TEST_BROWSER_ARGS` (a JSON array of extra switches) and `ATLAS_SSO_TEST_BROWSER_DEBUG_PORT`
 * (lets a test type into the IdP page over DevTools; 0 lets Chromium pick the port and write it to DevToolsActivePort
 * in the profile folder; it would let any local process do so too, so it is never set by default).
 */
export function chromiumOptionsFromEnv(env: NodeJS.ProcessEnv, browser: string | undefined): ChromiumLoginBrowserOptions {
  const port = env.ATLAS_SSO_TEST_BROWSER_DEBUG_PORT;
  const args = env.ATLAS_SSO_TEST_BROWSER_ARGS;
  return {
    ...(browser === undefined ? {} : { executablePath: browser }),
    headless: env.ATLAS_SSO_BROWSER_HEADLESS === '1',
    ...(port === undefined || port === '' ? {} : { remoteDebuggingPort: parsePort(port) }),
    ...(args === undefined || args === '' ? {} : { extraArgs: parseArgs(args) }),
  };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new AtlasSsoError('input-invalid', `ATLAS_SSO_TEST_BROWSER_DEBUG_PORT must be a port number (1 to 65535, or 0 for one the browser picks), not "${text}".`);
  }
  return port;
}

function parseArgs(text: string): readonly string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || !value.every((arg) => typeof arg === 'string')) {
    throw new AtlasSsoError('input-invalid', 'ATLAS_SSO_TEST_BROWSER_ARGS must be a JSON array of browser switches, such as ["--lang=en"].');
  }
  return value;
}
