/**
 * Resolves on Ctrl-C or a polite kill; the caller then stops everything it started. The listeners stay registered:
 * signal-exit (loaded by proper-lockfile at the first lock, which may come after this) re-raises a signal that no
 * other listener is left to handle, and would kill the process before its clean-up ran.
 */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
}
