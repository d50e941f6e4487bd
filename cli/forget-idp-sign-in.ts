import { loginProfileDir } from '../core/connections/config-path.js';
import type { ConnectionStore } from '../core/connections/connection-store.js';
import type { Connection } from '../core/connections/schema.js';

/** Deletes the connection's browser profile (the IdP's "Keep me signed in" cookies) and its kept IdP session cookies. */
export async function forgetIdpSignIn(store: ConnectionStore, connection: Connection, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Promise<void> {
  // Loaded here only: playwright-core is heavy, and every command that imports this would pay for it.
  const [{ createChromiumLoginBrowser }, { openIdpSessionStore }] = await Promise.all([import('../core/login/chromium-login-browser.js'), import('../core/login/idp-session-store.js')]);
  const idpSessions = openIdpSessionStore(store.filePath, platform, env);
  await createChromiumLoginBrowser({ idpSessions }).forget(loginProfileDir(store.filePath, connection.id, platform));
}
