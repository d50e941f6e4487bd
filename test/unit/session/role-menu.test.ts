import { describe, expect, it } from 'vitest';
import type { Role } from '../../../core/aws/role.js';
import { parseRoleValue } from '../../../core/aws/role.js';
import { clustersForRole, roleMenu, roleMenuEntries } from '../../../core/session/role-menu.js';

function role(account: string, path: string): Role {
  const parsed = parseRoleValue(`arn:aws:iam::${account}:role/${path},arn:aws:iam::${account}:saml-provider/Corp`);
  if (parsed === undefined) throw new Error(path);
  return parsed;
}

const prod = '012345678901';
const lab = '210987654321';
const roles = [role(prod, 'AtlasDba'), role(lab, 'Analyst'), role(prod, 'team/AtlasReader'), role(lab, 'Admin')];
const aliases = { [lab]: 'Lab' };

describe('roleMenu', () => {
  it('groups roles by account, in the order the IdP sent them, with aliases', () => {
    const menu = roleMenu(roles, { accountAliases: aliases });
    expect(menu.map((group) => group.accountLabel)).toEqual([prod, `Lab (${lab})`]);
    expect(menu.map((group) => group.entries.map((entry) => entry.label))).toEqual([['AtlasDba', 'team/AtlasReader'], ['Analyst', 'Admin']]);
  });

  it('puts the account and role used last first, and marks the default', () => {
    const menu = roleMenu(roles, { accountAliases: aliases, lastRole: roles[3]?.roleArn, defaultRole: roles[0]?.roleArn });
    expect(roleMenuEntries(menu).map((entry) => entry.label)).toEqual(['Admin', 'Analyst', 'AtlasDba', 'team/AtlasReader']);
    expect(roleMenuEntries(menu).map((entry) => [entry.lastUsed, entry.isDefault])).toEqual([[true, false], [false, false], [false, true], [false, false]]);
  });

  it('filters by every typed word, across alias, account ID and role ARN, ignoring case', () => {
    const labels = (filter: string) => roleMenuEntries(roleMenu(roles, { accountAliases: aliases, filter })).map((entry) => entry.label);
    expect(labels('lab')).toEqual(['Analyst', 'Admin']);
    expect(labels('LAB adm')).toEqual(['Admin']);
    expect(labels('team/')).toEqual(['team/AtlasReader']);
    expect(labels(`${prod} dba`)).toEqual(['AtlasDba']);
    expect(labels('   ')).toHaveLength(4);
    expect(roleMenu(roles, { filter: 'nothing-matches' })).toEqual([]);
  });
});

describe('cluster marks', () => {
  const clusters = [
    { name: 'Orders', roles: [`arn:aws:iam::${prod}:role/AtlasDba`, 'analyst'] },
    { name: 'Reports', roles: ['team/AtlasReader', 'Analyst'] },
    { name: 'Unlisted' },
  ];

  it('names the clusters that list a role by ARN, by name or by path and name, names ignoring case', () => {
    const marks = Object.fromEntries(roleMenuEntries(roleMenu(roles, { clusters })).map((entry) => [entry.label, entry.clusters]));
    expect(marks).toEqual({ AtlasDba: ['Orders'], 'team/AtlasReader': ['Reports'], Analyst: ['Orders', 'Reports'], Admin: [] });
  });

  it('does not take an ARN of another account, or a name that is only part of the path, for the role', () => {
    const reader = role(prod, 'team/AtlasReader');
    expect(clustersForRole([{ name: 'Other account', roles: [`arn:aws:iam::${lab}:role/team/AtlasReader`] }], reader)).toEqual([]);
    expect(clustersForRole([{ name: 'Path only', roles: ['team'] }], reader)).toEqual([]);
    expect(clustersForRole([{ name: 'By name', roles: ['AtlasReader'] }], reader)).toEqual(['By name']);
  });

  it('marks nothing when no cluster lists roles', () => {
    expect(roleMenuEntries(roleMenu(roles, { clusters: [{ name: 'Unlisted' }] })).every((entry) => entry.clusters.length === 0)).toBe(true);
  });
});
