import { describe, expect, it } from 'vitest';
import { isSigninSamlPath, stsLocationOfSigninUrl } from '../../../core/aws/signin-endpoints.js';

describe('stsLocationOfSigninUrl', () => {
  it.each([
    ['https://signin.aws.amazon.com/saml', 'aws', 'us-east-1'],
    ['https://eu-west-1.signin.aws.amazon.com/saml', 'aws', 'eu-west-1'],
    ['https://ap-southeast-2.signin.aws.amazon.com/saml/acs/SAMLSPD0ABC', 'aws', 'ap-southeast-2'],
    ['https://signin.amazonaws-us-gov.com/saml', 'aws-us-gov', 'us-gov-west-1'],
    ['https://us-gov-east-1.signin.amazonaws-us-gov.com/saml', 'aws-us-gov', 'us-gov-east-1'],
    ['https://signin.amazonaws.cn/saml', 'aws-cn', 'cn-north-1'],
    ['https://cn-northwest-1.signin.amazonaws.cn/saml', 'aws-cn', 'cn-northwest-1'],
  ])('%s → %s %s', (url, partition, region) => {
    expect(stsLocationOfSigninUrl(url)).toEqual({ partition, region });
  });

  it.each([
    'http://signin.aws.amazon.com/saml',
    'https://signin.aws.amazon.com.evil.test/saml',
    'https://evil-signin.aws.amazon.com/saml',
    'https://x.y.signin.aws.amazon.com/saml',
    'not a url',
    'https://127.0.0.1:8443/saml',
  ])('is not an AWS sign-in endpoint: %s', (url) => {
    expect(stsLocationOfSigninUrl(url)).toBeUndefined();
  });

  it('knows the SAML paths', () => {
    expect(isSigninSamlPath('/saml')).toBe(true);
    expect(isSigninSamlPath('/saml/acs/SAMLSP123')).toBe(true);
    expect(isSigninSamlPath('/console')).toBe(false);
  });
});
