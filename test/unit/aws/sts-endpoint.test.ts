import { describe, expect, it } from 'vitest';
import { resolveStsEndpoint } from '../../../core/aws/sts-endpoint.js';
import { AtlasSsoError } from '../../../core/errors.js';

describe('resolveStsEndpoint', () => {
  it('uses the regional endpoint of the partition', () => {
    expect(resolveStsEndpoint('eu-central-1', undefined, {})).toBe('https://sts.eu-central-1.amazonaws.com');
    expect(resolveStsEndpoint('us-gov-west-1', undefined, {})).toBe('https://sts.us-gov-west-1.amazonaws.com');
    expect(resolveStsEndpoint('cn-north-1', undefined, {})).toBe('https://sts.cn-north-1.amazonaws.com.cn');
  });

  it('prefers an explicit endpoint, then AWS_ENDPOINT_URL_STS, then AWS_ENDPOINT_URL', () => {
    const env = { AWS_ENDPOINT_URL_STS: 'https://sts.example.test', AWS_ENDPOINT_URL: 'https://all.example.test' };
    expect(resolveStsEndpoint('us-east-1', 'http://127.0.0.1:9000/', env)).toBe('http://127.0.0.1:9000');
    expect(resolveStsEndpoint('us-east-1', undefined, env)).toBe('https://sts.example.test');
    expect(resolveStsEndpoint('us-east-1', undefined, { AWS_ENDPOINT_URL: 'https://all.example.test' })).toBe('https://all.example.test');
  });

  it.each([
    ['plain http to another host', 'http://sts.example.test'],
    ['not a URL', 'sts here'],
    ['credentials in the URL', 'https://user:pw@sts.example.test'],
  ])('refuses %s', (_name, endpoint) => {
    expect(() => resolveStsEndpoint('us-east-1', endpoint, {})).toThrow(AtlasSsoError);
  });
});
