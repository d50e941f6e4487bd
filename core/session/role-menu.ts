import type { Role } from '../aws/role.js';
import { rolePathAndName } from '../aws/role.js';

/** One role as a picker shows it. */
export interface RoleMenuEntry {
  readonly role: Role;
  /** The role's path and name (`team/AtlasReader`): what people recognise. */
  readonly label: string;
  readonly lastUsed: boolean;
  readonly isDefault: boolean;
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
  /** What the person typed; every word must match the alias, account ID, role name or ARN. */
  readonly filter?: string;
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
    entries.push({ role, label: rolePathAndName(role.roleArn), lastUsed: role.roleArn === options.lastRole, isDefault: role.roleArn === options.defaultRole });
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
