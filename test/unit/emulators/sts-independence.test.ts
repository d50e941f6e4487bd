import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roleNameOf, roleProviderPair, signinAcsLocation } from '../../emulators/sts/aws-names.js';

const stsFolder = 'test/emulators/sts';

describe('the STS emulator judges core without sharing its code', () => {
  it('imports nothing from core/ (role parsing and sign-in checks are its own)', () => {
    const files = readdirSync(stsFolder).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const importsOfCore = files.flatMap((name) =>
      [...readFileSync(join(stsFolder, name), 'utf8').matchAll(/\bfrom\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g)]
        .map((match) => match[1] ?? match[2] ?? '')
        .filter((specifier) => /(?:^|\/)core\//.test(specifier))
        .map((specifier) => `${name}: ${specifier}`),
    );
    expect(importsOfCore).toEqual([]);
  });

  it('reads role values as STS documents them: either order, one partition and account', () => {
    const role = 'arn:aws:iam::123456789012:role/team/AtlasDba';
    const provider = 'arn:aws:iam::123456789012:saml-provider/Okta';
    expect(roleProviderPair(`${role},${provider}`)).toEqual({ roleArn: role, principalArn: provider });
    expect(roleProviderPair(` ${provider} , ${role} `)).toEqual({ roleArn: role, principalArn: provider });
    expect(roleProviderPair(`${role},arn:aws:iam::999999999999:saml-provider/Okta`)).toBeUndefined();
    expect(roleProviderPair(`${role},arn:aws-cn:iam::123456789012:saml-provider/Okta`)).toBeUndefined();
    expect(roleProviderPair(`${role},${role}`)).toBeUndefined();
    expect(roleProviderPair(`${role},${provider},x`)).toBeUndefined();
    expect(roleNameOf(role)).toBe('AtlasDba');
  });

  it('knows the sign-in SAML endpoints of each partition and region', () => {
    expect(signinAcsLocation('https://signin.aws.amazon.com/saml')).toEqual({ partition: 'aws', region: 'us-east-1' });
    expect(signinAcsLocation('https://eu-west-1.signin.aws.amazon.com/saml/acs/SAMLSP4X')).toEqual({ partition: 'aws', region: 'eu-west-1' });
    expect(signinAcsLocation('https://signin.amazonaws-us-gov.com/saml')).toEqual({ partition: 'aws-us-gov', region: 'us-gov-west-1' });
    expect(signinAcsLocation('https://signin.amazonaws.cn/saml')).toEqual({ partition: 'aws-cn', region: 'cn-north-1' });
    for (const url of ['http://signin.aws.amazon.com/saml', 'https://signin.aws.amazon.com/console', 'https://evil.test/saml', 'https://signin.aws.amazon.com.evil.test/saml', 'https://x.signin.aws.amazon.com/saml']) {
      expect(signinAcsLocation(url)).toBeUndefined();
    }
  });
});
