import { expiryClockTime } from './time-left.js';

interface Copied {
  readonly cluster: string;
  readonly expiresAt: string;
  /** 0: the clipboard is left alone (a profile command holds no key). */
  readonly clearAfterSeconds: number;
  readonly variant: 'keys' | 'profile';
}

/** "Copied · keys valid until 14:32": what went to the clipboard and how long it works. */
export function copiedText({ cluster, expiresAt, clearAfterSeconds, variant }: Copied): string {
  const what = variant === 'keys' ? `mongosh command for ${cluster}` : `mongosh command for ${cluster} (AWS profile)`;
  const clears = clearAfterSeconds > 0 ? ` The clipboard clears in ${clearAfterSeconds} s.` : '';
  return `Copied ${what} · keys valid until ${expiryClockTime(expiresAt)}.${clears}`;
}
