import { loginProfileDir } from '../core/connections/config-path.js';
import type { ConnectionStore } from '../core/connections/connection-store.js';
import type { Connection } from '../core/connections/schema.js';

/** Deletes the connection's browser profile, where the IdP's "Keep me signed in" cookies live. */
export async function forgetIdpSignIn(store: ConnectionStore, connection: Connection, platform: NodeJS.Platform): Promise<void> {
  // Loaded here only: playwright-core is heavy, and every command that imports this would pay for it.
  const { createChromiumLoginBrowser } = await import('../core/login/chromium-login-browser.js');
  await createChromiumLoginBrowser().forget(loginProfileDir(store.filePath, connection.id, platform));
}
