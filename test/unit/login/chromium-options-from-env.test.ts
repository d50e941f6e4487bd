import { describe, expect, it } from 'vitest';
import { isAtlasSsoError } from '../../../core/errors.js';
import { chromiumOptionsFromEnv } from '../../../core/login/chromium-options-from-env.js';

describe('chromiumOptionsFromEnv', () => {
  it('opens a visible window with no DevTools port unless the environment says otherwise', () => {
    expect(chromiumOptionsFromEnv({}, undefined)).toEqual({ headless: false });
    expect(chromiumOptionsFromEnv({}, '/opt/chrome')).toEqual({ executablePath: '/opt/chrome', headless: false });
  });

  it('reads the headless switch and the test-only DevTools port and extra switches', () => {
    const env = { ATLAS_SSO_BROWSER_HEADLESS: '1', ATLAS_SSO_TEST_BROWSER_DEBUG_PORT: '9333', ATLAS_SSO_TEST_BROWSER_ARGS: '["--lang=en"]' };
    expect(chromiumOptionsFromEnv(env, undefined)).toEqual({ headless: true, remoteDebuggingPort: 9333, extraArgs: ['--lang=en'] });
    expect(chromiumOptionsFromEnv({ ATLAS_SSO_TEST_BROWSER_DEBUG_PORT: '0' }, undefined)).toEqual({ headless: false, remoteDebuggingPort: 0 });
  });

  it.each([
    [{ ATLAS_SSO_TEST_BROWSER_DEBUG_PORT: '99999' }, /port number/],
    [{ ATLAS_SSO_TEST_BROWSER_DEBUG_PORT: 'x' }, /port number/],
    [{ ATLAS_SSO_TEST_BROWSER_DEBUG_PORT: '-1' }, /port number/],
    [{ ATLAS_SSO_TEST_BROWSER_ARGS: '--lang=en' }, /JSON array/],
    [{ ATLAS_SSO_TEST_BROWSER_ARGS: '[1]' }, /JSON array/],
  ])('refuses %j', (env, sentence) => {
    try {
      chromiumOptionsFromEnv(env, undefined);
      expect.unreachable();
    } catch (error) {
      expect(isAtlasSsoError(error, 'input-invalid')).toBe(true);
      expect((error as Error).message).toMatch(sentence);
    }
  });
});
