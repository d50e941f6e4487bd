import { describe, expect, it } from 'vitest';
import { parseRoleValue, rolePathAndName } from '../../../core/aws/role.js';

const role = 'arn:aws:iam::012345678901:role/team/Dba';
const provider = 'arn:aws:iam::012345678901:saml-provider/Corp';

describe('parseRoleValue', () => {
  it('reads role,provider and provider,role alike, keeping leading zeros', () => {
    const expected = { roleArn: role, principalArn: provider, accountId: '012345678901', roleName: 'Dba', partition: 'aws' };
    expect(parseRoleValue(`${role},${provider}`)).toEqual(expected);
    expect(parseRoleValue(` ${provider} , ${role} `)).toEqual(expected);
  });

  it('reads GovCloud and China partitions', () => {
    expect(parseRoleValue('arn:aws-us-gov:iam::111122223333:role/R,arn:aws-us-gov:iam::111122223333:saml-provider/P')?.partition).toBe('aws-us-gov');
    expect(parseRoleValue('arn:aws-cn:iam::111122223333:role/R,arn:aws-cn:iam::111122223333:saml-provider/P')?.partition).toBe('aws-cn');
  });

  it.each([
    ['one ARN only', role],
    ['three parts', `${role},${provider},${provider}`],
    ['two roles', `${role},${role}`],
    ['mixed partitions', `${role},arn:aws-cn:iam::012345678901:saml-provider/Corp`],
    ['different accounts', `${role},arn:aws:iam::999999999999:saml-provider/Corp`],
    ['short account id', 'arn:aws:iam::1234:role/R,arn:aws:iam::1234:saml-provider/P'],
    ['not an IAM role', 'arn:aws:iam::012345678901:user/bob,arn:aws:iam::012345678901:saml-provider/P'],
  ])('refuses %s', (_name, value) => {
    expect(parseRoleValue(value)).toBeUndefined();
  });

  it('gives the path and name', () => {
    expect(rolePathAndName(role)).toBe('team/Dba');
  });
});
