/**
 * When cached keys are refreshed, as botocore does it: inside the advisory window a refresh is tried when it can
 * happen silently and the keys are served as they are when it cannot; inside the mandatory margin they are not served.
 */
export const advisoryRefreshMs = 15 * 60_000;
export const mandatoryRefreshMs = 10 * 60_000;

export type RefreshStage = 'fresh' | 'advisory' | 'mandatory';

/** Which stage keys expiring at `expiration` are in at `now`. */
export function refreshStage(expiration: Date, now: Date): RefreshStage {
  const left = expiration.getTime() - now.getTime();
  if (left > advisoryRefreshMs) return 'fresh';
  return left > mandatoryRefreshMs ? 'advisory' : 'mandatory';
}
