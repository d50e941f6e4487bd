import { spawn } from 'node:child_process';
import { AtlasSsoError } from '../errors.js';
import { isCompassRunning } from './compass-running.js';

export interface CompassLaunchRequest {
  readonly compassPath: string;
  /** Credential-free MONGODB-AWS connection string: the only argument Compass gets. */
  readonly uri: string;
  /** Compass's whole environment, the keys in it and AWS_PROFILE removed (core/session/child-env.ts makes it). */
  readonly env: NodeJS.ProcessEnv;
}

/** How long Compass has to start before the launch counts as failed. */
const startDeadlineMs = 10_000;

/**
 * Refuses while Compass runs: Compass is single-instance, so a second start hands the connection string to the running
 * Compass, whose environment holds no keys, and its sign-in to Atlas would fail. Checked before any sign-in is spent.
 */
export async function assertCompassNotRunning(compassPath: string, platform: NodeJS.Platform, running = isCompassRunning): Promise<void> {
  if (await running(compassPath, platform)) {
    throw new AtlasSsoError(
      'mongodb-compass-running',
      'MongoDB Compass is already running, and a running Compass would get the connection without the keys: quit Compass (all its windows), then open it from Atlas SSO again.',
    );
  }
}

/**
 * Starts Compass on its own (it outlives this process) with the connection string as its only argument; the keys travel
 * in `env` only. Compass keeps those keys until they expire: it cannot refresh them, so it is opened again after a new sign-in.
 */
export async function launchCompass(request: CompassLaunchRequest): Promise<void> {
  const child = spawn(request.compassPath, [request.uri], { env: request.env, detached: true, stdio: 'ignore', windowsHide: false });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new AtlasSsoError('mongodb-compass-launch-failed', `MongoDB Compass (${request.compassPath}) did not start within ${startDeadlineMs / 1000} s.`)), startDeadlineMs);
    child.once('spawn', () => {
      clearTimeout(timer);
      resolve();
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new AtlasSsoError('mongodb-compass-launch-failed', `MongoDB Compass (${request.compassPath}) could not be started (${error.code ?? 'error'}): check the path, or reinstall Compass.`, { cause: error }));
    });
  });
  child.unref();
}
