import type { AssumedRole } from '../core/aws/assume-role-with-saml.js';
import { isAtlasSsoError } from '../core/errors.js';
import { childEnvWithKeys } from '../core/session/child-env.js';
import { runChild, startFailureStatus } from '../core/session/run-child.js';
import type { CliContext } from './context.js';
import { reportError } from './report-error.js';

/**
 * Runs a program in this terminal with the keys in its environment only, and reports its exit status.
 * A program that cannot start gets one line on stderr and the status a shell would give (127 not found, 126 not executable).
 */
export async function runWithKeys(context: CliContext, command: string, args: readonly string[], assumed: AssumedRole): Promise<void> {
  const env = childEnvWithKeys({ base: context.io.env, credentials: assumed.credentials, region: assumed.region, platform: context.io.platform });
  try {
    context.reportStatus(await runChild({ command, args, env }));
  } catch (error) {
    const status = isAtlasSsoError(error) ? startFailureStatus[error.code] : undefined;
    if (status === undefined) throw error;
    reportError(error, context.io.stderr, context.verbose());
    context.reportStatus(status);
  }
}
