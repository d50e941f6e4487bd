import type { Role, RoleValueReading } from '../aws/role.js';
import { readRoleValue } from '../aws/role.js';

/** One value of the Role attribute as the IdP sent it, and how it reads. */
export interface RoleValue {
  readonly value: string;
  readonly reading: RoleValueReading;
}

/** The roles a Role attribute offers, and how many of its values were not roles (the caller warns). */
export interface RoleValues {
  readonly roles: readonly Role[];
  readonly skipped: number;
  /** Every value in assertion order, duplicates included: what the IdP sent, for people who set it up. */
  readonly values: readonly RoleValue[];
}

/** Reads Role attribute values in assertion order; IdPs repeat pairs, so each role appears once. */
export function readRoles(values: readonly string[]): RoleValues {
  const roles: Role[] = [];
  const read: RoleValue[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const value of values) {
    const reading = readRoleValue(value);
    read.push({ value: value.trim(), reading });
    if (reading.kind !== 'role') {
      skipped += 1;
      continue;
    }
    const key = `${reading.role.roleArn},${reading.role.principalArn}`;
    if (seen.has(key)) continue;
    seen.add(key);
    roles.push(reading.role);
  }
  return { roles, skipped, values: read };
}
