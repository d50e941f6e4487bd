import { AtlasSsoError } from '../errors.js';
import type { IniLine, IniProblem, IniScan, IniSection } from './ini-sections.js';
import { describeIniProblem, indentOf, scanIni } from './ini-sections.js';

/** Settings to write, in the order new ones are added. */
export type IniEntries = ReadonlyMap<string, string> | readonly (readonly [string, string])[];

/** The edited text, and what was repaired on the way (for the person to read). */
export interface IniEdit {
  readonly text: string;
  readonly warnings: readonly string[];
}

type Item = { readonly key: string; readonly lines: readonly IniLine[] } | { readonly key: undefined; readonly lines: readonly [IniLine] };

/**
 * Sets `set` and removes `removeKeys` in the section `[sectionName]`, keeping every byte outside that section
 * and the section's other settings and comments; adds the section at the end when it is missing.
 * Refuses a file the AWS CLI could not read, unless only this section is duplicated: then merges the copies.
 */
export function upsertSection(text: string, sectionName: string, set: IniEntries, removeKeys: readonly string[]): IniEdit {
  const entries = new Map(set);
  checkEntries(entries);
  const scan = scanIni(text);
  const blocking = scan.problems.find((problem) => !isRepairable(problem, sectionName));
  if (blocking) throw new AtlasSsoError('credentials-file-unparsable', describeIniProblem(blocking));
  const occurrences = scan.sections.filter((section) => section.name === sectionName);
  const [first, ...copies] = occurrences;
  if (!first) return { text: appendSection(text, scan, sectionName, entries), warnings: [] };

  const removed = new Set(removeKeys.map((key) => key.toLowerCase()));
  const indent = appendIndent(scan, first, occurrences);
  const { items, droppedDuplicates } = mergeItems(scan, [first, ...copies], indent);
  const body = items.flatMap((item): readonly IniLine[] => {
    if (item.key === undefined) return item.lines;
    if (removed.has(item.key)) return [];
    const value = entries.get(item.key);
    if (value === undefined) return item.lines;
    const [head] = item.lines;
    return [{ text: `${indentOf(head?.text ?? '')}${item.key} = ${value}`, eol: item.lines.at(-1)?.eol ?? scan.eol }];
  });
  const present = new Set(items.map((item) => item.key));
  const added = [...entries].filter(([key]) => !present.has(key)).map(([key, value]) => ({ text: `${indent}${key} = ${value}`, eol: scan.eol }));

  const inCopy = (index: number): boolean => copies.some((copy) => index >= copy.startLine && index < copy.endLine);
  const lines = [
    ...scan.lines.slice(0, first.startLine + 1),
    ...body,
    ...added,
    ...scan.lines.slice(first.contentEndLine, first.endLine),
    ...scan.lines.slice(first.endLine).filter((_, offset) => !inCopy(first.endLine + offset)),
  ];

  const warnings = [
    ...(copies.length > 0
      ? [`The section [${sectionName}] appeared ${occurrences.length} times (lines ${occurrences.map((s) => s.startLine + 1).join(', ')}), which the AWS CLI cannot read: its settings were merged into the first one and the copies removed.`]
      : []),
    ...droppedDuplicates.filter((key) => !entries.has(key) && !removed.has(key)).map((key) => `The key "${key}" appeared more than once in [${sectionName}], which the AWS CLI cannot read: only its last value was kept.`),
  ];
  return { text: scan.bom + joinLines(lines, scan.eol), warnings };
}

/** Only a duplicate of the section being written can be repaired: we rewrite that section anyway. */
function isRepairable(problem: IniProblem, sectionName: string): boolean {
  return (problem.kind === 'duplicate-section' || problem.kind === 'duplicate-key') && problem.section === sectionName;
}

/**
 * The section's settings and comments as items, copies merged in: each key once, where it first appeared,
 * with its last value (the JS SDK reads the last one; botocore refuses duplicates).
 */
function mergeItems(scan: IniScan, occurrences: readonly IniSection[], indent: string): { items: readonly Item[]; droppedDuplicates: readonly string[] } {
  const items: Item[] = [];
  const position = new Map<string, number>();
  const droppedDuplicates = new Set<string>();
  occurrences.forEach((section, occurrence) => {
    for (let index = section.startLine + 1; index < section.contentEndLine; ) {
      const key = section.keys.find((k) => k.startLine === index);
      const line = scan.lines[index];
      if (key) {
        const original = scan.lines.slice(key.startLine, key.endLine);
        // A setting moved from a copy takes the indentation of its new place, so it cannot turn into a continuation line.
        const lines = occurrence === 0 ? original : original.map((l, i) => (i === 0 ? { text: indent + l.text.trimStart(), eol: l.eol } : l));
        const at = position.get(key.name);
        if (at === undefined) {
          position.set(key.name, items.length);
          items.push({ key: key.name, lines });
        } else {
          items[at] = { key: key.name, lines };
          droppedDuplicates.add(key.name);
        }
        index = key.endLine;
      } else {
        if (line && (occurrence === 0 || scan.kinds[index] === 'comment')) items.push({ key: undefined, lines: [line] });
        index += 1;
      }
    }
  });
  return { items, droppedDuplicates: [...droppedDuplicates] };
}

/**
 * Indentation for added settings: that of the next section header (or none at the end), so configparser
 * neither reads our line as a continuation of the previous setting nor the next header as one of ours.
 */
function appendIndent(scan: IniScan, first: IniSection, occurrences: readonly IniSection[]): string {
  const next = scan.sections.find((section) => section.startLine >= first.endLine && !occurrences.includes(section));
  return next ? indentOf(scan.lines[next.startLine]?.text ?? '') : '';
}

/** A new section at the end, one blank line after the last one. */
function appendSection(text: string, scan: IniScan, sectionName: string, entries: ReadonlyMap<string, string>): string {
  const last = scan.lines.at(-1);
  const separator = last === undefined ? '' : (last.eol === '' ? scan.eol : '') + (last.text.trim() === '' ? '' : scan.eol);
  const added = [`[${sectionName}]`, ...[...entries].map(([key, value]) => `${key} = ${value}`)];
  return text + separator + added.map((line) => line + scan.eol).join('');
}

function joinLines(lines: readonly IniLine[], eol: string): string {
  return lines.map((line, index) => line.text + (line.eol === '' && index < lines.length - 1 ? eol : line.eol)).join('');
}

/** Keys and values we write must read back the same in botocore and the JS SDK: one line, no comment look-alike. */
function checkEntries(entries: ReadonlyMap<string, string>): void {
  for (const [key, value] of entries) {
    if (!/^[a-z][a-z0-9_]*$/.test(key)) {
      throw new AtlasSsoError('credentials-invalid-value', `"${key}" cannot be written as a setting name: use lower-case letters, digits and underscores.`);
    }
    const problem = valueProblem(value);
    if (problem !== undefined) {
      throw new AtlasSsoError('credentials-invalid-value', `The value for "${key}" was not written because it ${problem}; the AWS CLI and SDKs would read it differently.`);
    }
  }
}

function valueProblem(value: string): string | undefined {
  if (value === '') return 'is empty';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'holds a line break or another control character';
  if (value.trim() !== value) return 'starts or ends with a space';
  if (/(^|\s)[#;]/.test(value)) return 'holds a "#" or ";" at its start or after a space, which the JS SDK reads as a comment';
  return undefined;
}
