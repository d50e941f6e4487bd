import { describe, expect, it } from 'vitest';
import { isAtlasSsoError } from '../../../core/errors.js';
import { upsertSection } from '../../../core/credentials/upsert-section.js';

const set: readonly (readonly [string, string])[] = [
  ['aws_access_key_id', 'ASIANEW'],
  ['aws_session_token', 'TOKEN/NEW+=='],
];

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('upsertSection', () => {
  it('creates the first section of an empty file', () => {
    expect(upsertSection('', 'atlas', set, [])).toEqual({ text: '[atlas]\naws_access_key_id = ASIANEW\naws_session_token = TOKEN/NEW+==\n', warnings: [] });
  });

  it('appends a missing section after one blank line, keeping every byte before it', () => {
    const before = '# my keys\n[default]\naws_access_key_id=AKIAOLD ; odd spacing kept\n';
    expect(upsertSection(before, 'atlas', set, []).text).toBe(`${before}\n[atlas]\naws_access_key_id = ASIANEW\naws_session_token = TOKEN/NEW+==\n`);
  });

  it('adds no second blank line when the file already ends with one, and ends a file without a final newline first', () => {
    expect(upsertSection('[a]\nk = 1\n\n', 'b', [['x', '1']], []).text).toBe('[a]\nk = 1\n\n[b]\nx = 1\n');
    expect(upsertSection('[a]\nk = 1', 'b', [['x', '1']], []).text).toBe('[a]\nk = 1\n\n[b]\nx = 1\n');
  });

  it('replaces managed keys in place (any case, any spacing), keeps the others and their comments, appends missing ones before trailing blank lines', () => {
    const before = [
      '[other]',
      'aws_access_key_id = KEEP',
      '',
      '[atlas]',
      '# written by atlas-sso',
      'region = eu-west-1',
      'AWS_Access_Key_ID   :   ASIAOLD',
      '; output stays',
      'output = json',
      '',
      '',
      '[last]',
      'x = 1',
      '',
    ].join('\n');
    const after = [
      '[other]',
      'aws_access_key_id = KEEP',
      '',
      '[atlas]',
      '# written by atlas-sso',
      'region = eu-west-1',
      'aws_access_key_id = ASIANEW',
      '; output stays',
      'output = json',
      'aws_session_token = TOKEN/NEW+==',
      '',
      '',
      '[last]',
      'x = 1',
      '',
    ].join('\n');
    expect(upsertSection(before, 'atlas', set, [])).toEqual({ text: after, warnings: [] });
  });

  it('keeps the indentation of a replaced key, since configparser compares indentation', () => {
    expect(upsertSection('[atlas]\n  aws_access_key_id=OLD\n  region = x\n', 'atlas', [['aws_access_key_id', 'NEW']], []).text).toBe('[atlas]\n  aws_access_key_id = NEW\n  region = x\n');
  });

  it('removes keys it is told to remove, with their continuation lines', () => {
    const before = '[atlas]\naws_security_token = OLD\n  still-old\nregion = us-east-1\n';
    expect(upsertSection(before, 'atlas', [['aws_session_token', 'T']], ['aws_security_token']).text).toBe('[atlas]\nregion = us-east-1\naws_session_token = T\n');
  });

  it('replaces a managed key that had continuation lines by one line', () => {
    expect(upsertSection('[atlas]\naws_session_token = a\n  b\nregion = x\n', 'atlas', [['aws_session_token', 'T']], []).text).toBe(
      '[atlas]\naws_session_token = T\nregion = x\n',
    );
  });

  it('keeps nested settings (continuation lines) of other keys untouched', () => {
    const before = '[atlas]\ns3 =\n    max_concurrent_requests = 10\n';
    expect(upsertSection(before, 'atlas', [['region', 'eu-west-1']], []).text).toBe(`${before}region = eu-west-1\n`);
  });

  it('keeps CRLF line endings, also for the lines it adds', () => {
    const before = '[default]\r\nregion = x\r\n\r\n[atlas]\r\naws_access_key_id = OLD\r\n';
    expect(upsertSection(before, 'atlas', set, []).text).toBe('[default]\r\nregion = x\r\n\r\n[atlas]\r\naws_access_key_id = ASIANEW\r\naws_session_token = TOKEN/NEW+==\r\n');
    expect(upsertSection('[default]\r\nregion = x\r\n', 'new', [['k', 'v']], []).text).toBe('[default]\r\nregion = x\r\n\r\n[new]\r\nk = v\r\n');
  });

  it('keeps a missing final newline when the last line is replaced in place', () => {
    expect(upsertSection('[atlas]\naws_access_key_id = OLD', 'atlas', [['aws_access_key_id', 'NEW']], []).text).toBe('[atlas]\naws_access_key_id = NEW');
    expect(upsertSection('[atlas]\naws_access_key_id = OLD', 'atlas', set, []).text).toBe('[atlas]\naws_access_key_id = ASIANEW\naws_session_token = TOKEN/NEW+==\n');
  });

  it('keeps a byte-order mark', () => {
    expect(upsertSection('\uFEFF[atlas]\nk = 1\n', 'atlas', [['k', '2']], []).text).toBe('\uFEFF[atlas]\nk = 2\n');
    expect(upsertSection('\uFEFF', 'atlas', [['k', '2']], []).text).toBe('\uFEFF[atlas]\nk = 2\n');
  });

  it('indents added keys like the next section header, so neither turns into a continuation line', () => {
    expect(upsertSection('[atlas]\n  k = 1\n  [next]\n', 'atlas', [['j', '2']], []).text).toBe('[atlas]\n  k = 1\n  j = 2\n  [next]\n');
  });

  it('refuses a file with a duplicate section or key elsewhere, naming it and its lines, without quoting values', () => {
    const error = thrown(() => upsertSection('[a]\nk = SECRET1\n[b]\n[a]\nk = SECRET2\n', 'atlas', set, []));
    expect(isAtlasSsoError(error, 'credentials-file-unparsable')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('[a]');
    expect(message).toContain('lines 1 and 4');
    expect(message).toContain('AWS CLI cannot read');
    expect(message).not.toContain('SECRET');
    expect(isAtlasSsoError(thrown(() => upsertSection('[b]\nx = 1\nX = 2\n', 'atlas', set, [])), 'credentials-file-unparsable')).toBe(true);
  });

  it('refuses a file with a line that is no setting, even in the target section', () => {
    expect(isAtlasSsoError(thrown(() => upsertSection('[atlas]\nSECRETLINE\n', 'atlas', set, [])), 'credentials-file-unparsable')).toBe(true);
    expect(isAtlasSsoError(thrown(() => upsertSection('k = 1\n[atlas]\n', 'atlas', set, [])), 'credentials-file-unparsable')).toBe(true);
  });

  it('merges a duplicated target section into its first occurrence, with a warning', () => {
    const before = ['[atlas]', 'aws_access_key_id = OLD1', 'region = us-east-1', '', '[keep]', 'x = 1', '', '[atlas]', '# from the copy', 'output = json', 'region = eu-west-1', 'aws_access_key_id = OLD2', '', '[end]', 'y = 2', ''].join('\n');
    const edit = upsertSection(before, 'atlas', set, []);
    expect(edit.text).toBe(
      ['[atlas]', 'aws_access_key_id = ASIANEW', 'region = eu-west-1', '# from the copy', 'output = json', 'aws_session_token = TOKEN/NEW+==', '', '[keep]', 'x = 1', '', '[end]', 'y = 2', ''].join('\n'),
    );
    expect(edit.warnings).toHaveLength(2);
    expect(edit.warnings[0]).toContain('appeared 2 times (lines 1, 8)');
    expect(edit.warnings[1]).toContain('"region"');
  });

  it('repairs a duplicated key inside the target section', () => {
    const edit = upsertSection('[atlas]\naws_session_token = A\naws_session_token = B\n', 'atlas', set, []);
    expect(edit.text).toBe('[atlas]\naws_session_token = TOKEN/NEW+==\naws_access_key_id = ASIANEW\n');
  });

  it.each([
    ['a line break', 'a\nb'],
    ['a carriage return', 'a\rb'],
    ['a leading space', ' a'],
    ['a trailing space', 'a '],
    ['a comment look-alike', 'node x.js #comment'],
    ['a leading ;', ';x'],
    ['nothing', ''],
  ])('refuses to write a value with %s', (_name, value) => {
    const error = thrown(() => upsertSection('', 'atlas', [['k', value]], []));
    expect(isAtlasSsoError(error, 'credentials-invalid-value')).toBe(true);
  });

  it('accepts values with # or = inside a word, and refuses an upper-case key name', () => {
    expect(upsertSection('', 'p', [['credential_process', 'atlas-sso credential-process --id=a#b']], []).text).toContain('credential_process = atlas-sso credential-process --id=a#b\n');
    expect(isAtlasSsoError(thrown(() => upsertSection('', 'p', [['Region', 'x']], [])), 'credentials-invalid-value')).toBe(true);
  });

  it('takes a Map as well as pairs, writing new keys in their order', () => {
    expect(upsertSection('[p]\n', 'p', new Map([['b', '2'], ['a', '1']]), []).text).toBe('[p]\nb = 2\na = 1\n');
  });
});
