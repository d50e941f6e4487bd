import { describe, expect, it } from 'vitest';
import { connectionsFilePath, loginProfileDir } from '../../../core/connections/config-path.js';

describe('connectionsFilePath', () => {
  it('uses ATLAS_SSO_CONFIG on every OS', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      expect(connectionsFilePath({ platform, env: { ATLAS_SSO_CONFIG: '/tmp/x/c.json', XDG_CONFIG_HOME: '/xdg' }, homeDir: '/home/ada' })).toBe('/tmp/x/c.json');
    }
    expect(connectionsFilePath({ platform: 'win32', env: { ATLAS_SSO_CONFIG: 'D:\\cfg\\c.json', APPDATA: 'C:\\AppData' }, homeDir: 'C:\\Users\\ada' })).toBe('D:\\cfg\\c.json');
  });

  it('ignores a blank ATLAS_SSO_CONFIG', () => {
    expect(connectionsFilePath({ platform: 'linux', env: { ATLAS_SSO_CONFIG: ' ' }, homeDir: '/home/ada' })).toBe('/home/ada/.config/atlas-sso/connections.json');
  });

  it('follows XDG_CONFIG_HOME on Linux, and ignores a relative one as the spec says', () => {
    expect(connectionsFilePath({ platform: 'linux', env: { XDG_CONFIG_HOME: '/home/ada/cfg' }, homeDir: '/home/ada' })).toBe('/home/ada/cfg/atlas-sso/connections.json');
    expect(connectionsFilePath({ platform: 'linux', env: { XDG_CONFIG_HOME: 'cfg' }, homeDir: '/home/ada' })).toBe('/home/ada/.config/atlas-sso/connections.json');
    expect(connectionsFilePath({ platform: 'freebsd', env: {}, homeDir: '/home/ada' })).toBe('/home/ada/.config/atlas-sso/connections.json');
  });

  it('uses Application Support on macOS', () => {
    expect(connectionsFilePath({ platform: 'darwin', env: { XDG_CONFIG_HOME: '/xdg' }, homeDir: '/Users/ada' })).toBe('/Users/ada/Library/Application Support/Atlas SSO/connections.json');
  });

  it('uses %APPDATA% on Windows, or the roaming folder under the home folder', () => {
    expect(connectionsFilePath({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, homeDir: 'C:\\Users\\ada' })).toBe('C:\\Users\\ada\\AppData\\Roaming\\Atlas SSO\\connections.json');
    expect(connectionsFilePath({ platform: 'win32', env: {}, homeDir: 'C:\\Users\\ada' })).toBe('C:\\Users\\ada\\AppData\\Roaming\\Atlas SSO\\connections.json');
  });
});

describe('loginProfileDir', () => {
  it('puts each connection’s browser profile beside the connections file', () => {
    expect(loginProfileDir('/home/ada/.config/atlas-sso/connections.json', 'acme-prod', 'linux')).toBe('/home/ada/.config/atlas-sso/browser-profiles/acme-prod');
    expect(loginProfileDir('C:\\AppData\\Atlas SSO\\connections.json', 'acme-prod', 'win32')).toBe('C:\\AppData\\Atlas SSO\\browser-profiles\\acme-prod');
  });
});
