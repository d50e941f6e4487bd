import { describe, expect, it } from 'vitest';
import { isAwsAcsRequest } from '../../../core/login/match-acs.js';

const captured = [
  'https://signin.aws.amazon.com/saml',
  'https://signin.aws.amazon.com/saml/',
  'https://SIGNIN.AWS.AMAZON.COM/saml',
  'https://signin.aws.amazon.com:443/saml',
  'https://signin.aws.amazon.com/saml?SAMLRequest=x&RelayState=y',
  'https://signin.aws.amazon.com/saml#top',
  'https://signin.aws.amazon.com/saml/acs/SAMLSPD0123456789ABCDEF',
  'https://eu-central-1.signin.aws.amazon.com/saml',
  'https://ap-southeast-2.signin.aws.amazon.com/saml/',
  'https://us-east-1.signin.aws.amazon.com/saml/acs/SAMLSP-abc',
  'https://signin.amazonaws-us-gov.com/saml',
  'https://us-gov-west-1.signin.amazonaws-us-gov.com/saml',
  'https://us-gov-east-1.signin.amazonaws-us-gov.com/saml/',
  'https://signin.amazonaws.cn/saml',
  'https://cn-northwest-1.signin.amazonaws.cn/saml',
];

const refused = [
  'http://signin.aws.amazon.com/saml',
  'https://signin.aws.amazon.com.evil.test/saml',
  'https://evil.test/signin.aws.amazon.com/saml',
  'https://evilsignin.aws.amazon.com/saml',
  'https://signin.aws.amazon.com.cn/saml',
  'https://not-a-region.signin.aws.amazon.com/saml',
  'https://a.b.signin.aws.amazon.com/saml',
  'https://signin.aws.amazon.com:8443/saml',
  'https://signin.aws.amazon.com/',
  'https://signin.aws.amazon.com/saml2',
  'https://signin.aws.amazon.com/samlx',
  'https://signin.aws.amazon.com/saml/acs/',
  'https://signin.aws.amazon.com/console',
  'https://aws.amazon.com/saml',
  'https://sts.amazonaws.com/saml',
  'wss://signin.aws.amazon.com/saml',
  'not a url',
  '',
];

describe('isAwsAcsRequest', () => {
  it.each(captured)('captures a POST to %s', (url) => {
    expect(isAwsAcsRequest({ method: 'POST', url })).toBe(true);
  });

  it.each(refused)('lets a POST to %s through', (url) => {
    expect(isAwsAcsRequest({ method: 'POST', url })).toBe(false);
  });

  it.each(['GET', 'HEAD', 'PUT', 'OPTIONS'])('lets a %s to the AWS ACS through', (method) => {
    expect(isAwsAcsRequest({ method, url: 'https://signin.aws.amazon.com/saml' })).toBe(false);
  });

  it('reads the method in any case', () => {
    expect(isAwsAcsRequest({ method: 'post', url: 'https://signin.aws.amazon.com/saml' })).toBe(true);
  });

  describe('with an extra ACS URL', () => {
    const extraAcsUrls = ['https://idp.example.com/aws/acs', 'http://127.0.0.1:8123/acs'];

    it.each([
      'https://idp.example.com/aws/acs',
      'https://IDP.example.com/aws/acs',
      'https://idp.example.com:443/aws/acs',
      'https://idp.example.com/aws/acs?RelayState=x',
      'http://127.0.0.1:8123/acs',
    ])('captures a POST to %s', (url) => {
      expect(isAwsAcsRequest({ method: 'POST', url, extraAcsUrls })).toBe(true);
    });

    it.each([
      'https://idp.example.com/aws/acs/',
      'https://idp.example.com/aws/ACS',
      'https://idp.example.com/aws',
      'http://idp.example.com/aws/acs',
      'https://idp.example.com:8443/aws/acs',
      'https://idp.example.com.evil.test/aws/acs',
      'http://127.0.0.1:8124/acs',
      'http://localhost:8123/acs',
    ])('lets a POST to %s through', (url) => {
      expect(isAwsAcsRequest({ method: 'POST', url, extraAcsUrls })).toBe(false);
    });

    it('lets a GET to it through', () => {
      expect(isAwsAcsRequest({ method: 'GET', url: 'https://idp.example.com/aws/acs', extraAcsUrls })).toBe(false);
    });

    it('ignores an extra ACS that is not a URL', () => {
      expect(isAwsAcsRequest({ method: 'POST', url: 'https://idp.example.com/aws/acs', extraAcsUrls: ['idp.example.com/aws/acs'] })).toBe(false);
    });

    it('still captures AWS when extras are given', () => {
      expect(isAwsAcsRequest({ method: 'POST', url: 'https://signin.aws.amazon.com/saml', extraAcsUrls })).toBe(true);
    });
  });
});
