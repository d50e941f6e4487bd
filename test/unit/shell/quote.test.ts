import { describe, expect, it } from 'vitest';
import { isAtlasSsoError } from '../../../core/errors.js';
import { cmdVariableValue, quoteForShell } from '../../../core/shell/quote.js';
import type { Shell } from '../../../core/shell/shells.js';

describe('quoteForShell', () => {
  it.each<[Shell, string, string]>([
    ['bash', 'plain', "'plain'"],
    ['bash', "it's", "'it'\\''s'"],
    ['bash', '$(touch x) `id` "q" \\ ; % ! *', "'$(touch x) `id` \"q\" \\ ; % ! *'"],
    ['zsh', "a'b'", "'a'\\''b'\\'''"],
    ['bash', '', "''"],
    ['fish', "it's", "'it\\'s'"],
    ['fish', 'back\\slash\\', "'back\\\\slash\\\\'"],
    ['fish', '$(x) `y` "z" ü 日本', "'$(x) `y` \"z\" ü 日本'"],
    ['powershell', "it's", "'it''s'"],
    ['powershell', '‘a’ ‚b‛', "'‘‘a’’ ‚‚b‛‛'"],
    ['powershell', '$env:X `n "q" $(1+1)', "'$env:X `n \"q\" $(1+1)'"],
    ['cmd', 'mongodb://h/?a=b&c=d', '"mongodb://h/?a=b&c=d"'],
    ['cmd', 'C:\\dir with space\\', '"C:\\dir with space\\\\"'],
    ['cmd', 'a<b>c|d', '"a<b>c|d"'],
  ])('%s quotes %j as %s', (shell, value, quoted) => {
    expect(quoteForShell(shell, value)).toBe(quoted);
  });

  it('keeps newlines inside the quotes where the shell can hold them', () => {
    expect(quoteForShell('bash', 'a\nb')).toBe("'a\nb'");
    expect(quoteForShell('fish', 'a\nb')).toBe("'a\nb'");
    expect(quoteForShell('powershell', 'a\nb')).toBe("'a\nb'");
  });

  it.each(['"', '%', '!', '^', '\n', '\r'])('refuses %j for cmd, naming no value', (character) => {
    const secret = `SECRETVALUE${character}tail`;
    let caught: unknown;
    try {
      quoteForShell('cmd', secret);
    } catch (error) {
      caught = error;
    }
    expect(isAtlasSsoError(caught, 'mongodb-unsupported-shell-value')).toBe(true);
    expect((caught as Error).message).toMatch(/PowerShell/);
    expect((caught as Error).message).not.toContain('SECRETVALUE');
  });

  it.each<Shell>(['bash', 'zsh', 'fish', 'powershell', 'cmd'])('refuses NUL for %s', (shell) => {
    expect(() => quoteForShell(shell, 'a\u0000b')).toThrow(/NUL/);
  });
});

describe('cmdVariableValue', () => {
  it('lets keys and tokens through unchanged', () => {
    const token = 'IQoJb3JpZ2luX2VjEHkaCXVzLWVhc3QtMSJHMEUCIQD+/ab=';
    expect(cmdVariableValue(token)).toBe(token);
  });

  it.each(['&', '|', '<', '>', '%', '"', '^', '!', '\n'])('refuses %j in a variable value', (character) => {
    expect(() => cmdVariableValue(`a${character}b`)).toThrow(expect.objectContaining({ code: 'mongodb-unsupported-shell-value' }));
  });
});
