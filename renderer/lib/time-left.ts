/** "expires in 42 min" for a card, updated every second; under two minutes the seconds matter, so they show. */
export function timeLeftText(expiresAt: string, now: number): string {
  const seconds = Math.floor((Date.parse(expiresAt) - now) / 1000);
  if (!Number.isFinite(seconds) || seconds <= 0) return 'expired';
  if (seconds < 120) return `expires in ${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `expires in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `expires in ${hours} h ${minutes % 60} min`;
}

/** The clock time a session ends, in the person's locale, for a tooltip and screen readers. */
export function expiryClockTime(expiresAt: string): string {
  return new Date(expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
