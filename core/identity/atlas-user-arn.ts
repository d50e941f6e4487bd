import type { Partition } from '../aws/partitions.js';
import { isPartition } from '../aws/partitions.js';
import type { Role } from '../aws/role.js';

/** The database user Atlas maps a caller to: what to create under Database Access → AWS IAM. */
export interface AtlasUser {
  /** The ARN to enter in Atlas. */
  readonly arn: string;
  /** Atlas's "AWS IAM Type": IAM Role or IAM User; `unsupported` for callers Atlas cannot map (root, federated users). */
  readonly kind: 'role' | 'user' | 'unsupported';
  readonly partition: Partition;
  readonly accountId: string;
}

/** The ARN Atlas knows an assumed role's database user by: Atlas maps `assumed-role/NAME/…` to the role without its IAM path. */
export function databaseUserArn(role: Pick<Role, 'partition' | 'accountId' | 'roleName'>): string {
  return `arn:${role.partition}:iam::${role.accountId}:role/${role.roleName}`;
}

const callerArnShape = /^arn:([\w-]+):(sts|iam)::(\d{12}):(.+)$/;

/**
 * The Atlas database user ARN for a caller ARN from GetCallerIdentity: `assumed-role/ROLE/SESSION` becomes
 * `arn:PARTITION:iam::ACCT:role/ROLE` (Atlas drops the session and the role's path), an IAM user stays as it is.
 * Undefined when the text is not an AWS caller ARN at all.
 */
export function atlasUserOfCaller(callerArn: string): AtlasUser | undefined {
  const match = callerArnShape.exec(callerArn);
  if (!match) return undefined;
  const [, partition = '', service = '', accountId = '', resource = ''] = match;
  if (!isPartition(partition)) return undefined;
  const assumed = service === 'sts' ? /^assumed-role\/([\w+=,.@-]{1,64})\/[\w+=,.@-]+$/.exec(resource) : null;
  if (assumed) return { arn: databaseUserArn({ partition, accountId, roleName: assumed[1] ?? '' }), kind: 'role', partition, accountId };
  if (service === 'iam' && /^user\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/.test(resource)) return { arn: callerArn, kind: 'user', partition, accountId };
  return { arn: callerArn, kind: 'unsupported', partition, accountId };
}
