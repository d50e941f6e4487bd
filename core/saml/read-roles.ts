import type { Role } from '../aws/role.js';
import { parseRoleValue } from '../aws/role.js';

/** The roles a Role attribute offers, and how many of its values were not roles (the caller warns). */
export interface RoleValues {
  readonly roles: readonly Role[];
  readonly skipped: number;
}

/** Reads Role attribute values in assertion order; IdPs repeat pairs, so each role appears once. */
export function readRoles(values: readonly string[]): RoleValues {
  const roles: Role[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const value of values) {
    const role = parseRoleValue(value);
    if (role === undefined) {
      skipped += 1;
      continue;
    }
    const key = `${role.roleArn},${role.principalArn}`;
    if (seen.has(key)) continue;
    seen.add(key);
    roles.push(role);
  }
  return { roles, skipped };
}
