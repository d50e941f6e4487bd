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

/** One Role attribute value as read, for people who set up the IdP: which part is which and what is wrong. */
export type RoleValueReading =
  | { readonly kind: 'role'; readonly role: Role; readonly order: 'role,provider' | 'provider,role' }
  /** Not exactly one role ARN and one SAML provider ARN. */
  | { readonly kind: 'not-a-pair' }
  /** A role and a provider, but of different accounts or partitions: STS refuses the pair. */
  | { readonly kind: 'mismatch'; readonly order: 'role,provider' | 'provider,role'; readonly roleArn: string; readonly principalArn: string; readonly roleAccount: string; readonly providerAccount: string; readonly rolePartition: string; readonly providerPartition: string };

/** Reads one value of the SAML Role attribute, `role-arn,provider-arn` in either order (IdPs differ). */
export function readRoleValue(value: string): RoleValueReading {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length !== 2) return { kind: 'not-a-pair' };
  const [first = '', second = ''] = parts;
  const roleFirst = roleArnPattern.test(first);
  const [roleArn, principalArn] = roleFirst ? [first, second] : [second, first];
  const role = roleArnPattern.exec(roleArn);
  const provider = providerArnPattern.exec(principalArn);
  if (!role || !provider) return { kind: 'not-a-pair' };
  const [, partition = '', accountId = '', roleName = ''] = role;
  const [, providerPartition = '', providerAccount = ''] = provider;
  if (!isPartition(partition) || providerPartition !== partition || providerAccount !== accountId) {
    return { kind: 'mismatch', order: roleFirst ? 'role,provider' : 'provider,role', roleArn, principalArn, roleAccount: accountId, providerAccount, rolePartition: partition, providerPartition };
  }
  return { kind: 'role', role: { roleArn, principalArn, accountId, roleName, partition }, order: roleFirst ? 'role,provider' : 'provider,role' };
}

/** The role a Role attribute value names, or undefined unless it is one role and one provider of the same partition and account. */
export function parseRoleValue(value: string): Role | undefined {
  const reading = readRoleValue(value);
  return reading.kind === 'role' ? reading.role : undefined;
}

/** The role's own name with its path, as Atlas and IAM show it (`team/dba`). */
export function rolePathAndName(roleArn: string): string {
  return roleArn.slice(roleArn.indexOf(':role/') + ':role/'.length);
}
