import type { LoginBrowser } from '../login/login-browser.js';

/** Which window a connection signs in with: Electron's own, or the person's browser (passkeys and FIDO2 MFA need it). */
export type LoginBrowserKind = 'embedded' | 'system';

/**
 * One LoginBrowser for the session service that uses, per sign-in, the kind the connection asks for
 * (`preferenceOf` reads it, by profile folder); "forget" clears both, since either may hold the IdP's cookies.
 */
export function chooseLoginBrowser(browsers: Readonly<Record<LoginBrowserKind, LoginBrowser>>, preferenceOf: (profileDir: string) => Promise<LoginBrowserKind>): LoginBrowser {
  return {
    capture: async (request) => browsers[await preferenceOf(request.profileDir)].capture(request),
    forget: async (profileDir) => {
      await Promise.all([browsers.embedded.forget(profileDir), browsers.system.forget(profileDir)]);
    },
  };
}
