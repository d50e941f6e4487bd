import { describe, expect, it } from 'vitest';
import { describeIniProblem, scanIni, splitIniLines } from '../../../core/credentials/ini-sections.js';

describe('splitIniLines', () => {
  it('keeps each line break (LF, CRLF, lone CR) and the BOM apart', () => {
    const { bom, lines } = splitIniLines('\uFEFFa\r\nb\nc\rd');
    expect(bom).toBe('\uFEFF');
    expect(lines).toEqual([
      { text: 'a', eol: '\r\n' },
      { text: 'b', eol: '\n' },
      { text: 'c', eol: '\r' },
      { text: 'd', eol: '' },
    ]);
  });

  it('gives no line for an empty file', () => {
    expect(splitIniLines('').lines).toEqual([]);
  });
});

describe('scanIni', () => {
  it('reads sections, keys (lower-cased, = or :), comments and continuation lines as botocore does', () => {
    const scan = scanIni(
      ['# top', '[default]', 'Region: eu-west-1', 's3 =', '    max_concurrent_requests = 10', '  ; indented comment', '', '[profile x]', 'output = json # not a comment', ''].join('\n'),
    );
    expect(scan.kinds).toEqual(['comment', 'section', 'key', 'key', 'continuation', 'comment', 'blank', 'section', 'key']);
    expect(scan.problems).toEqual([]);
    expect(scan.eol).toBe('\n');
    const [first, second] = scan.sections;
    expect(first).toMatchObject({ name: 'default', startLine: 1, endLine: 7, contentEndLine: 5 });
    expect(first?.keys).toEqual([
      { name: 'region', value: 'eu-west-1', startLine: 2, endLine: 3 },
      { name: 's3', value: '\nmax_concurrent_requests = 10', startLine: 3, endLine: 5 },
    ]);
    expect(second?.keys).toEqual([{ name: 'output', value: 'json # not a comment', startLine: 8, endLine: 9 }]);
  });

  it('reads an indented line after a less indented key as a continuation, and an equally indented one as a key', () => {
    const scan = scanIni('[a]\n  k = 1\n    more\n  j = 2\n');
    expect(scan.kinds).toEqual(['section', 'key', 'continuation', 'key']);
  });

  it('finds a duplicated section and a duplicated key (keys compared case-insensitively)', () => {
    const scan = scanIni('[a]\nk=1\n[b]\nKEY = 1\nkey=2\n[a]\n');
    expect(scan.problems).toEqual([
      { kind: 'duplicate-key', section: 'b', key: 'key', line: 5, firstLine: 4 },
      { kind: 'duplicate-section', section: 'a', line: 6, firstLine: 1 },
    ]);
  });

  it('does not call repeated [DEFAULT] sections duplicates (configparser folds them)', () => {
    expect(scanIni('[DEFAULT]\na=1\n[DEFAULT]\nb=2\n').problems).toEqual([]);
  });

  it('finds settings before any section and lines that are no setting', () => {
    expect(scanIni('k = 1\n[a]\njunk\n').problems).toEqual([
      { kind: 'outside-section', line: 1 },
      { kind: 'invalid-line', section: 'a', line: 3 },
    ]);
  });

  it('describes a problem with the section and lines, and says the AWS CLI cannot read it either', () => {
    const message = describeIniProblem({ kind: 'duplicate-section', section: 'work', line: 9, firstLine: 3 });
    expect(message).toContain('[work]');
    expect(message).toContain('lines 3 and 9');
    expect(message).toContain('AWS CLI cannot read');
  });
});
