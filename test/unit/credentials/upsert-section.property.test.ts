import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanIni } from '../../../core/credentials/ini-sections.js';
import type { IniScan } from '../../../core/credentials/ini-sections.js';
import { upsertSection } from '../../../core/credentials/upsert-section.js';

const keyName = fc.oneof(fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/), fc.constantFrom('aws_security_token', 'aws_access_key_id', 'aws_session_token', 'region'));
const anyValue = fc.stringMatching(/^[ -~]{0,20}$/);
const continuation = fc.stringMatching(/^[a-z0-9][a-z0-9 =]{0,10}$/);

/** One setting as people write them: any case and spacing, `=` or `:`, maybe with nested continuation lines. */
const setting = fc.record({
  key: keyName,
  upper: fc.boolean(),
  delimiter: fc.constantFrom(' = ', '=', ' : ', '   =  '),
  value: anyValue,
  continuations: fc.array(continuation, { maxLength: 2 }),
});

const filler = fc.constantFrom('', '# a comment', '; another', '   # indented comment', '   ');

const section = fc.record({
  settings: fc.uniqueArray(setting, { selector: (s) => s.key, maxLength: 5 }),
  fillers: fc.array(filler, { maxLength: 3 }),
});

const file = fc.record({
  names: fc.uniqueArray(fc.stringMatching(/^(?:profile )?[a-z0-9-]{1,8}$/), { minLength: 0, maxLength: 5 }),
  sections: fc.array(section, { minLength: 5, maxLength: 5 }),
  preamble: fc.array(filler, { maxLength: 2 }),
  /** Line i ends with eols[i % length]: one entry is a per-file ending, several mix CRLF and LF inside one file. */
  eols: fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 1, maxLength: 6 }),
  finalEol: fc.boolean(),
  bom: fc.boolean(),
});

type File = typeof file extends fc.Arbitrary<infer T> ? T : never;

function render(f: File): string {
  const lines: string[] = [...f.preamble];
  f.names.forEach((name, index) => {
    const { settings, fillers } = f.sections[index] ?? { settings: [], fillers: [] };
    lines.push(`[${name}]`, ...fillers.slice(0, 1));
    for (const s of settings) {
      lines.push(`${s.upper ? s.key.toUpperCase() : s.key}${s.delimiter}${s.value}`, ...s.continuations.map((c) => `    ${c}`));
    }
    lines.push(...fillers.slice(1));
  });
  const eol = (line: number): string => f.eols[line % f.eols.length] ?? '\n';
  const body = lines.map((line, index) => (index < lines.length - 1 || f.finalEol ? line + eol(index) : line)).join('');
  return (f.bom ? '\uFEFF' : '') + body;
}

/** Character offset where a line starts, BOM included. */
function offsetOfLine(scan: IniScan, line: number): number {
  return scan.bom.length + scan.lines.slice(0, line).reduce((sum, l) => sum + l.text.length + l.eol.length, 0);
}

function keysOf(scan: IniScan, name: string): Map<string, string> {
  return new Map(scan.sections.find((s) => s.name === name)?.keys.map((k) => [k.name, k.value]));
}

const managed = fc.record({
  aws_access_key_id: fc.stringMatching(/^ASIA[A-Z0-9]{4,16}$/),
  aws_session_token: fc.stringMatching(/^[A-Za-z0-9/+=]{1,40}$/),
});

describe('upsertSection (property)', () => {
  it('changes only the target section, and re-reading it finds exactly our values and its other settings', () => {
    let mixedFiles = 0;
    fc.assert(
      fc.property(file, fc.nat(), managed, (f, pick, values) => {
        const text = render(f);
        if (text.includes('\r\n') && /(?<!\r)\n/.test(text)) mixedFiles += 1;
        const before = scanIni(text);
        expect(before.problems).toEqual([]);
        const target = f.names.length > 0 && pick % 3 !== 0 ? (f.names[pick % f.names.length] ?? 'new') : 'atlas-new';
        const entries = Object.entries(values);
        const edited = upsertSection(text, target, entries, ['aws_security_token']);
        expect(edited.warnings).toEqual([]);
        const after = scanIni(edited.text);

        const index = before.sections.findIndex((s) => s.name === target);
        const old = before.sections[index];
        if (old) {
          const start = offsetOfLine(before, old.startLine);
          const end = offsetOfLine(before, old.endLine);
          const suffix = text.slice(end);
          expect(edited.text.slice(0, start)).toBe(text.slice(0, start));
          expect(edited.text.endsWith(suffix)).toBe(true);
          expect(edited.text.length - suffix.length).toBeGreaterThanOrEqual(start);
        } else {
          expect(edited.text.startsWith(text)).toBe(true);
        }

        expect(after.problems).toEqual([]);
        expect(after.sections.filter((s) => s.name === target)).toHaveLength(1);
        const expected = new Map([...keysOf(before, target)].filter(([key]) => key !== 'aws_security_token'));
        for (const [key, value] of entries) expected.set(key, value);
        expect(keysOf(after, target)).toEqual(expected);
        for (const other of before.sections.filter((s) => s.name !== target)) {
          expect(keysOf(after, other.name)).toEqual(keysOf(before, other.name));
        }
      }),
      { numRuns: 500 },
    );
    // The generator does reach files whose lines end both ways (else this property would prove nothing about them).
    expect(mixedFiles).toBeGreaterThan(50);
  });
});
