import { describe, expect, it } from 'vitest';
import { scopedEnvCommand } from '../../../core/shell/scoped-env-command.js';

describe('scopedEnvCommand', () => {
  it('prefixes assignments in bash, zsh and fish, with null as an empty value', () => {
    const line = scopedEnvCommand({ shell: 'bash', variables: [['A', "x'y"], ['B', null]], argv: ['prog', 'arg 1'] });
    expect(line).toBe("A='x'\\''y' B= prog 'arg 1'");
    expect(scopedEnvCommand({ shell: 'fish', variables: [['A', "x'y"]], argv: ['prog'] })).toBe("A='x\\'y' prog");
  });

  it('starts with a space to stay out of history when asked', () => {
    expect(scopedEnvCommand({ shell: 'zsh', variables: [['A', '1']], argv: ['prog'], keepOutOfHistory: true })).toBe(" A='1' prog");
  });

  it('quotes a program path only when it needs it', () => {
    expect(scopedEnvCommand({ shell: 'bash', variables: [['A', '1']], argv: ['/opt/mongosh-2.1/bin/mongosh'] })).toBe("A='1' /opt/mongosh-2.1/bin/mongosh");
    expect(scopedEnvCommand({ shell: 'bash', variables: [['A', '1']], argv: ['/My Apps/mongosh'] })).toBe("A='1' '/My Apps/mongosh'");
    expect(scopedEnvCommand({ shell: 'bash', variables: [['A', '1']], argv: ['-rf'] })).toBe("A='1' '-rf'");
    expect(scopedEnvCommand({ shell: 'cmd', variables: [['A', '1']], argv: ['C:\\Program Files\\mongosh\\mongosh.exe'] })).toBe('(set "A=1" & "C:\\Program Files\\mongosh\\mongosh.exe") & set "A="');
    expect(scopedEnvCommand({ shell: 'cmd', variables: [['A', '1']], argv: ['./mongosh'] })).toBe('(set "A=1" & "./mongosh") & set "A="');
    expect(scopedEnvCommand({ shell: 'cmd', variables: [['A', '1']], argv: ['mongosh.exe'] })).toBe('(set "A=1" & mongosh.exe) & set "A="');
  });

  it('saves, sets and restores in a PowerShell script block', () => {
    expect(scopedEnvCommand({ shell: 'powershell', variables: [['A', "it's"], ['B', null]], argv: ['prog', 'x'] })).toBe(
      "& { $saved = @{}; foreach ($name in 'A', 'B') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }; "
      + "try { $env:A = 'it''s'; $env:B = $null; & 'prog' 'x' } "
      + 'finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } } }',
    );
  });

  it('sets in the same cmd.exe and clears afterwards', () => {
    expect(scopedEnvCommand({ shell: 'cmd', variables: [['A', '1'], ['B', null]], argv: ['prog', 'x y'] })).toBe('(set "A=1" & set "B=" & prog "x y") & set "A="');
  });

  it('refuses a bad variable name in every shell', () => {
    for (const shell of ['bash', 'fish', 'powershell', 'cmd'] as const) {
      expect(() => scopedEnvCommand({ shell, variables: [['A B', null]], argv: ['prog'] })).toThrow(expect.objectContaining({ code: 'mongodb-unsupported-shell-value' }));
    }
  });
});
