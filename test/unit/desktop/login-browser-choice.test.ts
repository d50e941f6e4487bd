import { describe, expect, it } from 'vitest';
import type { LoginBrowserKind } from '../../../core/desktop/login-browser-choice.js';
import { chooseLoginBrowser } from '../../../core/desktop/login-browser-choice.js';
import type { CaptureRequest, LoginBrowser } from '../../../core/login/login-browser.js';

function recorder(kind: LoginBrowserKind, log: string[]): LoginBrowser {
  return {
    capture: (request) => {
      log.push(`${kind} capture ${request.profileDir}`);
      return Promise.resolve({ samlResponse: kind, relayState: null, acsUrl: 'https://signin.aws.amazon.com/saml' });
    },
    forget: (profileDir) => {
      log.push(`${kind} forget ${profileDir}`);
      return Promise.resolve();
    },
  };
}

describe('chooseLoginBrowser', () => {
  it("signs in with the window each connection asks for, and forgets in both", async () => {
    const log: string[] = [];
    const browser = chooseLoginBrowser({ embedded: recorder('embedded', log), system: recorder('system', log) }, (profileDir) => Promise.resolve(profileDir.endsWith('passkeys') ? 'system' : 'embedded'));
    const request = (profileDir: string): CaptureRequest => ({ startUrl: 'https://login.example.com', profileDir, timeoutMs: 1000 });
    expect((await browser.capture(request('/p/passkeys'))).samlResponse).toBe('system');
    expect((await browser.capture(request('/p/plain'))).samlResponse).toBe('embedded');
    await browser.forget('/p/plain');
    expect(log).toEqual(['system capture /p/passkeys', 'embedded capture /p/plain', 'embedded forget /p/plain', 'system forget /p/plain']);
  });
});
