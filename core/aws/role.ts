import type { Partition } from './partitions.js';
import { isPartition } from './partitions.js';

/** An IAM role someone may assume through SAML: the role and the SAML provider that vouches for them. */
export interface Role {
  readonly roleArn: string;
  readonly principalArn: string;
  /** 12 digits, kept as a string: account IDs can start with zeros. */
  readonly accountId: string;
  /** Last segment of the role's path (`arn:aws:iam::1:role/team/dba` → `dba`). */
  readonly roleName: string;
  readonly partition: Partition;
}

const roleArnPattern = /^arn:(aws|aws-us-gov|aws-cn):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const providerArnPattern = /^arn:(aws|aws-us-gov|aws-cn):iam::(\d{12}):saml-provider\/[\w.-]{1,128}$/;

/**
 * Reads one value of the SAML Role attribute, `role-arn,provider-arn` in either order (IdPs differ).
 * Returns undefined for anything that is not exactly one role and one provider of the same partition and account.
 */
export function parseRoleValue(value: string): Role | undefined {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length !== 2) return undefined;
  const [first = '', second = ''] = parts;
  const [roleArn, principalArn] = roleArnPattern.test(first) ? [first, second] : [second, first];
  const role = roleArnPattern.exec(roleArn);
  const provider = providerArnPattern.exec(principalArn);
  if (!role || !provider) return undefined;
  const [, partition = '', accountId = '', roleName = ''] = role;
  if (!isPartition(partition) || provider[1] !== partition || provider[2] !== accountId) return undefined;
  return { roleArn, principalArn, accountId, roleName, partition };
}

/** The role's own name with its path, as Atlas and IAM show it (`team/dba`). */
export function rolePathAndName(roleArn: string): string {
  return roleArn.slice(roleArn.indexOf(':role/') + ':role/'.length);
}
