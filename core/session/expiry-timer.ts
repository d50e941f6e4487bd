/** Time as the session service sees it: injected, so expiry can be tested without waiting an hour. */
export interface Clock {
  now(): Date;
  /** Runs `callback` once after `delayMs`; returns the cancel. */
  setTimer(callback: () => void, delayMs: number): () => void;
}

/** setTimeout fires at once beyond 2^31-1 ms (24.8 days); sessions last 12 h at most, so capping loses nothing. */
const maxDelayMs = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => new Date(),
  setTimer: (callback, delayMs) => {
    const timer = setTimeout(callback, Math.min(Math.max(0, delayMs), maxDelayMs));
    // A pending warning must not keep a CLI or a test process alive.
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export interface ExpiryHandlers {
  /** Once, `warnBeforeMinutes` before expiry (at once when already that close); not at all when warnBeforeMinutes is 0. */
  readonly onExpiring: (minutesLeft: number) => void;
  readonly onExpired: () => void;
}

/**
 * Schedules the "expires soon" warning and the expiry of one session's keys; returns the cancel for both
 * (sign-out, refresh or a new role replace the session and its timers).
 */
export function scheduleExpiry(clock: Clock, expiresAt: Date, warnBeforeMinutes: number, handlers: ExpiryHandlers): () => void {
  const leftMs = expiresAt.getTime() - clock.now().getTime();
  const cancels: (() => void)[] = [];
  if (warnBeforeMinutes > 0 && leftMs > 0) {
    const warnInMs = leftMs - warnBeforeMinutes * 60_000;
    cancels.push(clock.setTimer(() => handlers.onExpiring(Math.max(0, Math.ceil((expiresAt.getTime() - clock.now().getTime()) / 60_000))), warnInMs));
  }
  cancels.push(clock.setTimer(handlers.onExpired, leftMs));
  return () => {
    for (const cancel of cancels) cancel();
  };
}
