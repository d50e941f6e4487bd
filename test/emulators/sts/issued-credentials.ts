import { createHash, randomBytes } from 'node:crypto';
import { roleNameOf } from './aws-names.js';

/** Temporary keys the emulator handed out, with who they belong to (what GetCallerIdentity answers). */
export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
  readonly arn: string;
  readonly accountId: string;
  /** `AROA…:SESSION`, the assumed role's id and the session name. */
  readonly userId: string;
}

const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const secretAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function pick(alphabet: string, bytes: Buffer): string {
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length] ?? '').join('');
}

/** The role's unique id, stable for a role ARN as in IAM (`AROA` + 17 characters). */
function roleIdOf(roleArn: string): string {
  return `AROA${pick(base32, createHash('sha256').update(roleArn).digest().subarray(0, 17))}`;
}

/** Fresh random keys shaped like STS's: `ASIA` + 16 characters, a 40-character secret, a long token. */
export function newCredentials(roleArn: string, sessionName: string, expiration: Date): IssuedCredentials {
  const [, partition = 'aws', , , accountId = ''] = roleArn.split(':');
  const roleName = roleNameOf(roleArn);
  return {
    accessKeyId: `ASIA${pick(base32, randomBytes(16))}`,
    secretAccessKey: pick(secretAlphabet, randomBytes(40)),
    sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(480).toString('base64')}`,
    expiration,
    arn: `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    accountId,
    userId: `${roleIdOf(roleArn)}:${sessionName}`,
  };
}
