import os from 'node:os';
import { connectionsFilePath } from '../core/connections/config-path.js';
import type { ConnectionStore } from '../core/connections/connection-store.js';
import { createConnectionStore } from '../core/connections/connection-store.js';
import type { CliIo } from './io.js';

/** The connections file this terminal's environment names (ATLAS_SSO_CONFIG, else the OS config folder). */
export function openConnectionStore(io: CliIo): ConnectionStore {
  return createConnectionStore(connectionsFilePath({ platform: io.platform, env: io.env, homeDir: io.env.HOME ?? os.homedir() }));
}

