import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import { findMongosh } from '../mongodb/find-mongosh.js';
import { launchInTerminal, terminalAvailability } from '../mongodb/launch-in-terminal.js';
import { planTerminalLaunch } from '../mongodb/plan-terminal-launch.js';

/** The port that opens mongosh in a new terminal window: real on a desktop, a recorder in tests. */
export interface TerminalLauncher {
  open(request: {
    /** Credential-free connection string. */
    readonly uri: string;
    readonly credentials: TemporaryCredentials;
    /** From Settings; found on PATH or in the usual folders when absent. */
    readonly mongoshPath?: string | undefined;
    readonly terminal?: string | undefined;
  }): Promise<{ readonly terminal: string }>;
}

/**
 * The launcher for this computer: finds mongosh, plans the terminal for the OS, hands the keys over through its environment.
 * `onLaunched` hears each started terminal's process id (the demo closes its windows on Ctrl-C).
 */
export function createTerminalLauncher(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, onLaunched?: (pid: number) => void): TerminalLauncher {
  return {
    open: async ({ uri, credentials, mongoshPath, terminal }) => {
      const mongosh = await findMongosh({ env, platform, ...(mongoshPath === undefined ? {} : { configuredPath: mongoshPath }) });
      const plan = planTerminalLaunch({
        platform,
        env,
        available: terminalAvailability({ env, platform }),
        ...(terminal === undefined ? {} : { preferred: terminal }),
        mongoshPath: mongosh,
        mongoshArgs: [uri],
      });
      const launched = await launchInTerminal(plan, credentials, { baseEnv: env });
      if (launched.pid !== undefined) onLaunched?.(launched.pid);
      return { terminal: launched.terminal };
    },
  };
}
