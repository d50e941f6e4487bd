/** The Atlas built-in database-user roles the emulator knows. */
export type AtlasRoleName = 'read' | 'readWrite' | 'dbAdmin' | 'atlasAdmin';

/** One role grant of a database user, as the Atlas UI shows it ("readWrite@sales"). */
export interface RoleGrant {
  readonly role: AtlasRoleName;
  readonly db: string;
}

/** What a command needs on its database: reading data, writing data, or managing collections. */
export type Privilege = 'read' | 'write' | 'manage';

const grants: Readonly<Record<AtlasRoleName, readonly Privilege[]>> = {
  read: ['read'],
  readWrite: ['read', 'write', 'manage'],
  dbAdmin: ['manage'],
  atlasAdmin: ['read', 'write', 'manage'],
};

/** True when one of the roles grants `privilege` on `db` (atlasAdmin grants everything on every database). */
export function isAllowed(roles: readonly RoleGrant[], privilege: Privilege, db: string): boolean {
  return roles.some((grant) => (grant.role === 'atlasAdmin' || grant.db === db) && grants[grant.role].includes(privilege));
}

/** True when the user may see `db` in listDatabases: any grant on it, or atlasAdmin. */
export function canSeeDatabase(roles: readonly RoleGrant[], db: string): boolean {
  return roles.some((grant) => grant.role === 'atlasAdmin' || grant.db === db);
}
