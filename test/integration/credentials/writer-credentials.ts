import type { TemporaryCredentials } from '../../../core/aws/temporary-credentials.js';

/** The keys a test writer writes for update number `n` of `profile`: every field carries `n`, so a torn or mixed section shows. */
export function writerCredentials(profile: string, n: number): TemporaryCredentials {
  return {
    accessKeyId: `ASIA${profile.toUpperCase()}${String(n).padStart(8, '0')}`,
    secretAccessKey: `secret/${profile}/${n}`,
    sessionToken: `token+${profile}+${n}`,
    expiration: new Date(Date.UTC(2026, 10, 29, 10, 0, 0) + n * 1000),
  };
}

/** The update number in a key written by writerCredentials. */
export function updateNumber(accessKeyId: string): number {
  return Number(/(\d{8})$/.exec(accessKeyId)?.[1] ?? Number.NaN);
}
