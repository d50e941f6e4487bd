import { describe, expect, it } from 'vitest';
import { fileProblem } from '../../core/file-problem.js';

const failure = (code: string): Error => Object.assign(new Error(`${code}: boom`), { code });

describe('fileProblem', () => {
  it('says what is wrong with a file in words, not an errno code', () => {
    expect(fileProblem('/a/b.txt', failure('ENOENT'))).toBe('No such file: /a/b.txt');
    expect(fileProblem('/a/b.txt', failure('ENOENT'), 'write')).toBe('No such folder: /a');
    expect(fileProblem('/a/b.txt', failure('EACCES'))).toBe('Permission denied: /a/b.txt');
    expect(fileProblem('/a', failure('EISDIR'))).toBe('/a is a folder, not a file');
    expect(fileProblem('/a/b.txt', failure('EIO'))).toBe('Could not read /a/b.txt (EIO)');
  });
});
