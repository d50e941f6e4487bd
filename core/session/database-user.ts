import type { Role } from '../aws/role.js';

/** The ARN Atlas knows an assumed role's database user by: Atlas maps `assumed-role/NAME/…` to the role without its IAM path. */
export function databaseUserArn(role: Pick<Role, 'partition' | 'accountId' | 'roleName'>): string {
  return `arn:${role.partition}:iam::${role.accountId}:role/${role.roleName}`;
}
