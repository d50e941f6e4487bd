import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFilePath, credentialsFilePath } from '../../../core/credentials/aws-file-paths.js';

describe('AWS file paths', () => {
  it('default to ~/.aws/credentials and ~/.aws/config under HOME', () => {
    expect(credentialsFilePath({ HOME: '/home/ann' })).toBe(join('/home/ann', '.aws', 'credentials'));
    expect(configFilePath({ HOME: '/home/ann' })).toBe(join('/home/ann', '.aws', 'config'));
  });

  it('honour AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, expanding a leading ~', () => {
    const env = { HOME: '/home/ann', AWS_SHARED_CREDENTIALS_FILE: '~/keys/creds', AWS_CONFIG_FILE: '/etc/aws/config' };
    expect(credentialsFilePath(env)).toBe(resolve('/home/ann/keys/creds'));
    expect(configFilePath(env)).toBe(resolve('/etc/aws/config'));
  });

  it('ignore an empty override and do not expand ~ inside a name', () => {
    expect(credentialsFilePath({ HOME: '/h', AWS_SHARED_CREDENTIALS_FILE: ' ' })).toBe(join('/h', '.aws', 'credentials'));
    expect(configFilePath({ HOME: '/h', AWS_CONFIG_FILE: '/x/~y' })).toBe(resolve('/x/~y'));
  });

  it('fall back to USERPROFILE when HOME is unset (Windows)', () => {
    expect(credentialsFilePath({ USERPROFILE: '/Users/ann' })).toBe(join('/Users/ann', '.aws', 'credentials'));
  });
});
