import type { RoleGroup, RoleOption, RolesReady } from '../../core/api.js';
import type { Role } from '../../core/aws/role.js';
import { parseRoleValue } from '../../core/aws/role.js';
import type { ClusterRoles, RoleMenuGroup } from '../../core/session/role-menu.js';
import { roleMenu } from '../../core/session/role-menu.js';

/**
 * The role picker's groups for what the person typed, from the host's rolesReady: the same model as the terminal
 * picker (core/session/role-menu), so both order and filter alike.
 */
export function roleChoices(ready: RolesReady, filter: string): readonly RoleMenuGroup[] {
  const options = ready.groups.flatMap((group) => group.roles);
  const roles = options
    .map((option) => parseRoleValue(`${option.roleArn},${option.principalArn}`))
    .filter((role): role is Role => role !== undefined);
  return roleMenu(roles, {
    accountAliases: aliasesOf(ready.groups),
    lastRole: options.find((option) => option.lastUsed)?.roleArn,
    defaultRole: options.find((option) => option.isDefault)?.roleArn,
    clusters: clustersOf(options),
    filter,
  });
}

/** The host's cluster marks, turned back into cluster → roles (by ARN) for the shared model, which marks the same roles. */
function clustersOf(options: readonly RoleOption[]): readonly ClusterRoles[] {
  const roles = new Map<string, string[]>();
  for (const option of options) for (const name of option.clusters) roles.set(name, [...(roles.get(name) ?? []), option.roleArn]);
  return [...roles].map(([name, listed]) => ({ name, roles: listed }));
}

function aliasesOf(groups: readonly RoleGroup[]): Readonly<Record<string, string>> {
  return Object.fromEntries(groups.flatMap((group) => (group.accountAlias === null ? [] : [[group.accountId, group.accountAlias] as const])));
}

/** A DOM id for a role option: ARNs hold ':' and '/', which ids and selectors dislike. */
export function roleOptionId(roleArn: string, principalArn: string): string {
  return `role-${`${roleArn} ${principalArn}`.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
