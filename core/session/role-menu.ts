import type { Role } from '../aws/role.js';
import { rolePathAndName } from '../aws/role.js';

/** One role as a picker shows it. */
export interface RoleMenuEntry {
  readonly role: Role;
  /** The role's path and name (`team/AtlasReader`): what people recognise. */
  readonly label: string;
  readonly lastUsed: boolean;
  readonly isDefault: boolean;
  /** Names of the clusters that list this role: where signing in as it reaches a database user. */
  readonly clusters: readonly string[];
}

/** The roles of one account, under the name the person gave it. */
export interface RoleMenuGroup {
  readonly accountId: string;
  /** `Production (012345678901)` with an alias, else the bare account ID. */
  readonly accountLabel: string;
  readonly entries: readonly RoleMenuEntry[];
}

export interface RoleMenuOptions {
  readonly accountAliases?: Readonly<Record<string, string>>;
  readonly lastRole?: string | undefined;
  readonly defaultRole?: string | undefined;
  /** The connection's clusters, each with the roles that have a database user there. */
  readonly clusters?: readonly ClusterRoles[];
  /** What the person typed; every word must match the alias, account ID, role name or ARN. */
  readonly filter?: string;
}

/** A cluster as the menu needs it: its name and the roles (ARNs or names, with or without a path) it lists. */
export interface ClusterRoles {
  readonly name: string;
  readonly roles?: readonly string[] | undefined;
}

/**
 * The names of the clusters that list `role`, by ARN or by name (with or without its path). IAM role names are unique
 * per account ignoring case, so names compare that way; a cluster that lists no roles says nothing about any role.
 */
export function clustersForRole(clusters: readonly ClusterRoles[], role: Pick<Role, 'roleArn' | 'roleName'>): readonly string[] {
  const names = [role.roleName.toLowerCase(), rolePathAndName(role.roleArn).toLowerCase()];
  return clusters
    .filter((cluster) => (cluster.roles ?? []).some((listed) => listed === role.roleArn || names.includes(listed.toLowerCase())))
    .map((cluster) => cluster.name);
}

/**
 * The model behind every role picker (terminal and UI): roles grouped by account, the account and role used last
 * first (people mostly pick the same one again), otherwise in the order the IdP sent them; filtered by typed words.
 */
export function roleMenu(roles: readonly Role[], options: RoleMenuOptions = {}): readonly RoleMenuGroup[] {
  const aliases = options.accountAliases ?? {};
  const words = (options.filter ?? '').toLowerCase().split(/\s+/).filter((word) => word !== '');
  const groups = new Map<string, RoleMenuEntry[]>();
  for (const role of roles) {
    const alias = aliases[role.accountId];
    const haystack = `${alias ?? ''} ${role.accountId} ${role.roleArn}`.toLowerCase();
    if (!words.every((word) => haystack.includes(word))) continue;
    const entries = groups.get(role.accountId) ?? [];
    entries.push({
      role,
      label: rolePathAndName(role.roleArn),
      lastUsed: role.roleArn === options.lastRole,
      isDefault: role.roleArn === options.defaultRole,
      clusters: clustersForRole(options.clusters ?? [], role),
    });
    groups.set(role.accountId, entries);
  }
  const lastFirst = (a: { readonly lastUsed: boolean }, b: { readonly lastUsed: boolean }): number => Number(b.lastUsed) - Number(a.lastUsed);
  return [...groups]
    .map(([accountId, entries]) => {
      const alias = aliases[accountId];
      const sorted = [...entries].sort(lastFirst);
      return { accountId, accountLabel: alias === undefined ? accountId : `${alias} (${accountId})`, entries: sorted, lastUsed: sorted.some((entry) => entry.lastUsed) };
    })
    .sort(lastFirst)
    .map(({ accountId, accountLabel, entries }) => ({ accountId, accountLabel, entries }));
}

/** The entries in the order a picker walks them with the arrow keys. */
export function roleMenuEntries(groups: readonly RoleMenuGroup[]): readonly RoleMenuEntry[] {
  return groups.flatMap((group) => group.entries);
}
