import { useEffect, useState } from 'react';

/** setTimeout fires at once past 2^31-1 ms; sessions last 12 h at most, so capping loses nothing. */
const maxDelayMs = 2 ** 31 - 1;

/**
 * True once `expiresAt` has passed by this page's clock: a laptop that slept, or a host event that never came,
 * must not leave a card saying "signed in" with dead keys.
 */
export function useLapsed(expiresAt: string | null): boolean {
  const [lapsed, setLapsed] = useState(false);
  useEffect(() => {
    const leftMs = expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(expiresAt) - Date.now();
    setLapsed(leftMs <= 0);
    if (leftMs <= 0 || !Number.isFinite(leftMs)) return;
    const timer = setTimeout(() => setLapsed(true), Math.min(leftMs, maxDelayMs));
    return () => clearTimeout(timer);
  }, [expiresAt]);
  return lapsed;
}
