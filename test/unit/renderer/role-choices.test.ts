import { describe, expect, it } from 'vitest';
import type { RolesReady } from '../../../core/api.js';
import { roleChoices, roleOptionId } from '../../../renderer/lib/role-choices.js';

const provider = (account: string) => `arn:aws:iam::${account}:saml-provider/DemoCorp`;
const option = (account: string, path: string, flags: { readonly lastUsed?: boolean; readonly isDefault?: boolean; readonly clusters?: readonly string[] } = {}) => ({
  roleArn: `arn:aws:iam::${account}:role/${path}`,
  principalArn: provider(account),
  accountId: account,
  roleName: path.split('/').pop() ?? path,
  rolePath: path,
  lastUsed: flags.lastUsed ?? false,
  isDefault: flags.isDefault ?? false,
  clusters: flags.clusters ?? [],
});

const ready: RolesReady = {
  connectionId: 'demo',
  subject: 'alice',
  encrypted: false,
  notOnOrAfter: null,
  warnings: [],
  groups: [
    { accountId: '012345678901', accountAlias: 'Production', roles: [option('012345678901', 'AtlasDba', { isDefault: true, clusters: ['Orders', 'Billing'] }), option('012345678901', 'team/AtlasReader', { clusters: ['Orders'] })] },
    { accountId: '210987654321', accountAlias: null, roles: [option('210987654321', 'Analyst', { lastUsed: true })] },
  ],
};

describe('the role picker model', () => {
  it('puts the last used account and role first and labels accounts with alias and id', () => {
    const groups = roleChoices(ready, '');
    expect(groups.map((group) => group.accountLabel)).toEqual(['210987654321', 'Production (012345678901)']);
    expect(groups[0]?.entries[0]?.lastUsed).toBe(true);
    expect(groups[1]?.entries.map((entry) => entry.label)).toEqual(['AtlasDba', 'team/AtlasReader']);
  });

  it('filters by every typed word, over alias, account and role', () => {
    expect(roleChoices(ready, 'prod reader').flatMap((group) => group.entries.map((entry) => entry.label))).toEqual(['team/AtlasReader']);
    expect(roleChoices(ready, 'nothing-like-this')).toEqual([]);
  });

  it('marks the connection default role', () => {
    const entries = roleChoices(ready, 'dba').flatMap((group) => group.entries);
    expect(entries.map((entry) => entry.isDefault)).toEqual([true]);
  });

  it('keeps the clusters the host marked on each role, and none on the others', () => {
    const clusters = Object.fromEntries(roleChoices(ready, '').flatMap((group) => group.entries.map((entry) => [entry.label, entry.clusters])));
    expect(clusters).toEqual({ AtlasDba: ['Orders', 'Billing'], 'team/AtlasReader': ['Orders'], Analyst: [] });
  });

  it('makes option ids that are valid and distinct for every role and provider', () => {
    const a = roleOptionId('arn:aws:iam::012345678901:role/team/AtlasReader', provider('012345678901'));
    const b = roleOptionId('arn:aws:iam::012345678901:role/team/AtlasReader', 'arn:aws:iam::012345678901:saml-provider/Other');
    expect(a).toMatch(/^[A-Za-z][\w-]*$/);
    expect(a).not.toBe(b);
  });
});
