import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import { findCompass } from '../mongodb/find-compass.js';
import { assertCompassNotRunning, launchCompass } from '../mongodb/launch-compass.js';
import { childEnvWithKeys } from './child-env.js';

/** The port that opens MongoDB Compass on a cluster: real on a desktop, a stand-in executable in tests. */
export interface CompassLauncher {
  open(request: {
    /** Credential-free connection string. */
    readonly uri: string;
    readonly credentials: TemporaryCredentials;
    readonly region: string;
  }): Promise<{ readonly compassPath: string }>;
}

/** Finds Compass, refuses while one runs (it would get no keys), and starts it with the keys in its environment only. */
export function createCompassLauncher(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): CompassLauncher {
  return {
    open: async ({ uri, credentials, region }) => {
      const compassPath = await findCompass({ env, platform });
      await assertCompassNotRunning(compassPath, platform);
      await launchCompass({ compassPath, uri, env: childEnvWithKeys({ base: env, credentials, region, platform }) });
      return { compassPath };
    },
  };
}
