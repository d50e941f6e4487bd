import { describe, expect, it } from 'vitest';
import type { Role } from '../../../core/aws/role.js';
import { parseRoleValue } from '../../../core/aws/role.js';
import { isAtlasSsoError } from '../../../core/errors.js';
import { pickRole } from '../../../core/session/pick-role.js';

function role(value: string): Role {
  const parsed = parseRoleValue(value);
  if (parsed === undefined) throw new Error(`bad fixture ${value}`);
  return parsed;
}

const dbaProd = role('arn:aws:iam::111111111111:role/Dba,arn:aws:iam::111111111111:saml-provider/Corp');
const dbaDev = role('arn:aws:iam::222222222222:role/Dba,arn:aws:iam::222222222222:saml-provider/Corp');
const reader = role('arn:aws:iam::111111111111:role/team/Reader,arn:aws:iam::111111111111:saml-provider/Corp');
const roles = [dbaProd, dbaDev, reader];

describe('pickRole', () => {
  it('finds a role by ARN, by name, by path and name', () => {
    expect(pickRole(roles, { role: dbaDev.roleArn }, { encrypted: false })).toBe(dbaDev);
    expect(pickRole(roles, { role: 'reader' }, { encrypted: false })).toBe(reader);
    expect(pickRole(roles, { role: 'team/Reader' }, { encrypted: false })).toBe(reader);
  });

  it('refuses an ambiguous name and lists the candidates', () => {
    expect(() => pickRole(roles, { role: 'Dba' }, { encrypted: false })).toThrow(/matches several roles \(arn:aws:iam::111111111111:role\/Dba, arn:aws:iam::222222222222:role\/Dba\)/);
  });

  it('refuses a role the sign-in does not grant, listing those it does', () => {
    try {
      pickRole(roles, { role: 'Admin' }, { encrypted: false });
      expect.unreachable();
    } catch (error) {
      expect(isAtlasSsoError(error, 'role-not-found')).toBe(true);
      expect((error as Error).message).toContain(reader.roleArn);
    }
  });

  it('needs the full role and principal when the assertion is encrypted', () => {
    expect(pickRole([], { role: dbaProd.roleArn, principalArn: dbaProd.principalArn }, { encrypted: true })).toEqual(dbaProd);
    expect(() => pickRole([], { role: 'Dba' }, { encrypted: true })).toThrow(/encrypted/);
  });
});
