import { describe, expect, it } from 'vitest';
import { validateProfileName } from '../../../core/credentials/profile-name.js';
import { AtlasSsoError } from '../../../core/errors.js';

describe('validateProfileName', () => {
  it.each(['atlas', 'default', 'team-prod_01', 'a.b@c+d%e:f/g', 'x'.repeat(64)])('accepts %j', (name) => {
    expect(validateProfileName(name)).toBe(name);
  });

  it.each([
    ['empty', '', 'is empty'],
    ['too long', 'x'.repeat(65), 'longer than 64'],
    ['a newline', 'a\nb', 'line break'],
    ['a control character', 'a\u0007b', 'control character'],
    ['a leading space', ' atlas', 'starts or ends with a space'],
    ['a trailing tab', 'atlas\t', 'control character'],
    ['a bracket', 'at[las', '"[" or "]"'],
    ['a closing bracket', 'atlas]', '"[" or "]"'],
    ['an inner space', 'my atlas', 'do not accept'],
    ['a quote', 'at"las', 'do not accept'],
    ['__proto__', '__proto__', 'refused by the AWS SDK'],
  ])('refuses a name with %s, saying why', (_name, value, why) => {
    let error: unknown;
    try {
      validateProfileName(value);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AtlasSsoError);
    expect((error as AtlasSsoError).code).toBe('credentials-invalid-profile-name');
    expect((error as AtlasSsoError).message).toContain(why);
  });
});
