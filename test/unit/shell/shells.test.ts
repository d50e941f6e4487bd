import { describe, expect, it } from 'vitest';
import { defaultShell, parseShell, shellNamed } from '../../../core/shell/shells.js';

describe('shellNamed', () => {
  it.each([
    ['/bin/bash', 'bash'],
    ['/usr/bin/zsh', 'zsh'],
    ['/usr/local/bin/fish', 'fish'],
    ['/bin/sh', 'bash'],
    ['/usr/bin/dash', 'bash'],
    ['pwsh', 'powershell'],
    ['C:\\Program Files\\PowerShell\\7\\pwsh.exe', 'powershell'],
    ['PowerShell', 'powershell'],
    ['C:\\Windows\\System32\\cmd.exe', 'cmd'],
  ])('%s is %s', (name, shell) => {
    expect(shellNamed(name)).toBe(shell);
  });

  it.each(['tcsh', 'nu', '', 'toString', '__proto__'])('does not know %j', (name) => {
    expect(shellNamed(name)).toBeUndefined();
  });
});

describe('parseShell', () => {
  it('accepts known names and refuses others with the list', () => {
    expect(parseShell('zsh')).toBe('zsh');
    expect(() => parseShell('tcsh')).toThrow(/bash, zsh, fish, powershell, cmd/);
  });
});

describe('defaultShell', () => {
  it('takes PowerShell on Windows whatever SHELL says', () => {
    expect(defaultShell({ SHELL: '/usr/bin/bash' }, 'win32')).toBe('powershell');
  });

  it('follows SHELL elsewhere', () => {
    expect(defaultShell({ SHELL: '/usr/bin/fish' }, 'linux')).toBe('fish');
    expect(defaultShell({ SHELL: '/bin/zsh' }, 'darwin')).toBe('zsh');
  });

  it('falls back to zsh on macOS and bash elsewhere when SHELL is unset or unknown', () => {
    expect(defaultShell({}, 'darwin')).toBe('zsh');
    expect(defaultShell({ SHELL: '/bin/tcsh' }, 'linux')).toBe('bash');
  });
});
