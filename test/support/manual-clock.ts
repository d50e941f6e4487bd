import type { Clock } from '../../core/session/expiry-timer.js';

/** Time that moves only when the test says so; timers fire as it passes them. */
export function manualClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  const timers: { at: number; callback: () => void; done: boolean }[] = [];
  const now = (): number => Date.now() + offset;
  return {
    now: () => new Date(now()),
    setTimer: (callback, delayMs) => {
      const timer = { at: now() + delayMs, callback, done: false };
      timers.push(timer);
      return () => {
        timer.done = true;
      };
    },
    advance(ms) {
      offset += ms;
      for (const timer of timers.filter((candidate) => !candidate.done && candidate.at <= now())) {
        timer.done = true;
        timer.callback();
      }
    },
  };
}
