import type { Role } from '../aws/role.js';
import { parseRoleValue, rolePathAndName } from '../aws/role.js';
import { AtlasSsoError } from '../errors.js';

export interface RoleChoice {
  /** A role ARN, a role name (`Dba`) or its path and name (`team/Dba`). */
  readonly role: string;
  /** Needed only when the assertion is encrypted (no roles to read) or a role has two providers. */
  readonly principalArn?: string | undefined;
}

/**
 * Finds the role a person named among the roles of an assertion.
 * With an encrypted assertion there is nothing to read, so the role ARN and principal must both be given.
 */
export function pickRole(roles: readonly Role[], choice: RoleChoice, options: { readonly encrypted: boolean }): Role {
  const wanted = choice.role.trim();
  if (options.encrypted) {
    const role = choice.principalArn === undefined ? undefined : parseRoleValue(`${wanted},${choice.principalArn}`);
    if (role === undefined) {
      throw new AtlasSsoError('role-not-found', 'The assertion is encrypted, so its roles cannot be read here: give the full role ARN with --role and the SAML provider ARN with --principal (or set them on the connection).');
    }
    return role;
  }
  const byArn = roles.filter((role) => role.roleArn === wanted);
  const candidates = byArn.length > 0 ? byArn : roles.filter((role) => matchesName(role, wanted));
  const matching = choice.principalArn === undefined ? candidates : candidates.filter((role) => role.principalArn === choice.principalArn);
  const [first, ...others] = matching;
  if (first === undefined) {
    const available = roles.map((role) => role.roleArn).join(', ');
    throw new AtlasSsoError('role-not-found', `Your sign-in does not grant the role "${wanted}"${choice.principalArn === undefined ? '' : ` through ${choice.principalArn}`}. Roles you can use: ${available || 'none'}.`);
  }
  if (others.length > 0) {
    const which = matching.map((role) => (byArn.length > 0 ? role.principalArn : role.roleArn)).join(', ');
    const flag = byArn.length > 0 ? '--principal' : '--role with the full ARN';
    throw new AtlasSsoError('role-ambiguous', `"${wanted}" matches several roles (${which}): say which with ${flag}.`);
  }
  return first;
}

/** True when `named` (a role ARN, a role name, or its path and name, as people write them) names `role`. */
export function namesRole(named: string, role: Role): boolean {
  return named === role.roleArn || matchesName(role, named);
}

function matchesName(role: Role, wanted: string): boolean {
  const lower = wanted.toLowerCase();
  return role.roleName.toLowerCase() === lower || rolePathAndName(role.roleArn).toLowerCase() === lower;
}
