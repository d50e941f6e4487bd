/** One physical line of an INI file: its text without the line break, and the break that ended it ('' on a last line without one). */
export interface IniLine {
  readonly text: string;
  readonly eol: string;
}

/** What botocore's parser (Python configparser, strict) makes of a line. */
export type IniLineKind = 'blank' | 'comment' | 'section' | 'key' | 'continuation' | 'invalid';

/** A `key = value` setting; its lines run from `startLine` up to (not including) `endLine`, continuation lines included. */
export interface IniKey {
  /** Lower-cased, as botocore reads it. */
  readonly name: string;
  /** The value as botocore reads it: continuation lines joined with '\n'. */
  readonly value: string;
  readonly startLine: number;
  readonly endLine: number;
}

/** A `[name]` section: its header line, every line up to the next header, and its keys. Line numbers are 0-based. */
export interface IniSection {
  readonly name: string;
  readonly startLine: number;
  readonly endLine: number;
  /** End of the last header, key or continuation line: trailing blank and comment lines come after it. */
  readonly contentEndLine: number;
  readonly keys: readonly IniKey[];
}

/** Something that makes the AWS CLI refuse the whole file. Line numbers are 1-based, as an editor shows them. */
export type IniProblem =
  | { readonly kind: 'duplicate-section'; readonly section: string; readonly line: number; readonly firstLine: number }
  | { readonly kind: 'duplicate-key'; readonly section: string; readonly key: string; readonly line: number; readonly firstLine: number }
  | { readonly kind: 'outside-section'; readonly line: number }
  | { readonly kind: 'invalid-line'; readonly section: string; readonly line: number };

/** A file cut into lines and sections, with every problem botocore would stop at. */
export interface IniScan {
  /** A leading byte-order mark, kept apart so that it is neither lost nor read as part of the first line. */
  readonly bom: string;
  readonly lines: readonly IniLine[];
  readonly kinds: readonly IniLineKind[];
  readonly sections: readonly IniSection[];
  readonly problems: readonly IniProblem[];
  /** The file's own line ending (its first one), used for every line we add. */
  readonly eol: string;
}

const lineBreak = /\r\n|\n|\r/g;

/** Cuts text into lines the way Python's universal newlines do, keeping each line's own break. */
export function splitIniLines(text: string): { readonly bom: string; readonly lines: readonly IniLine[] } {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const lines: IniLine[] = [];
  let start = 0;
  for (const match of body.matchAll(lineBreak)) {
    lines.push({ text: body.slice(start, match.index), eol: match[0] });
    start = match.index + match[0].length;
  }
  if (start < body.length) lines.push({ text: body.slice(start), eol: '' });
  return { bom, lines };
}

/** The name in a `[name]` header line (configparser's permissive `\[(.+)\]` match), or undefined. */
function sectionHeaderName(strippedLine: string): string | undefined {
  const close = strippedLine.lastIndexOf(']');
  return strippedLine.startsWith('[') && close >= 2 ? strippedLine.slice(1, close) : undefined;
}

/** Leading whitespace of a line: configparser compares its length to tell continuation lines apart. */
export function indentOf(text: string): string {
  return /^\s*/.exec(text)?.[0] ?? '';
}

interface OpenKey {
  name: string;
  parts: string[];
  startLine: number;
  endLine: number;
}

interface OpenSection {
  name: string;
  startLine: number;
  contentEndLine: number;
  keys: OpenKey[];
}

/**
 * Reads an AWS credentials or config file as botocore does (comments `#`/`;` on their own line, `=` or `:`,
 * indented continuation lines, no inline comments), without changing anything, so an editor can keep every other byte.
 */
export function scanIni(text: string): IniScan {
  const { bom, lines } = splitIniLines(text);
  const sections: OpenSection[] = [];
  const problems: IniProblem[] = [];
  const firstSectionLine = new Map<string, number>();
  const firstKeyLine = new Map<string, number>();
  let section: OpenSection | undefined;
  let key: OpenKey | undefined;
  let indentLevel = 0;

  const kindOf = (lineText: string, index: number): IniLineKind => {
    const stripped = lineText.trim();
    if (stripped === '') return 'blank';
    if (stripped.startsWith('#') || stripped.startsWith(';')) return 'comment';
    const indent = indentOf(lineText).length;
    if (section && key && indent > indentLevel) {
      key.parts.push(stripped);
      key.endLine = index + 1;
      section.contentEndLine = index + 1;
      return 'continuation';
    }
    indentLevel = indent;
    key = undefined;
    const header = sectionHeaderName(stripped);
    if (header !== undefined) {
      const first = firstSectionLine.get(header);
      // configparser folds every [DEFAULT] into one and never calls it a duplicate.
      if (first !== undefined && header !== 'DEFAULT') {
        problems.push({ kind: 'duplicate-section', section: header, line: index + 1, firstLine: first });
      }
      if (first === undefined) firstSectionLine.set(header, index + 1);
      section = { name: header, startLine: index, contentEndLine: index + 1, keys: [] };
      sections.push(section);
      return 'section';
    }
    if (!section) {
      problems.push({ kind: 'outside-section', line: index + 1 });
      return 'invalid';
    }
    const delimiter = stripped.search(/[=:]/);
    const name = delimiter < 0 ? '' : stripped.slice(0, delimiter).trimEnd().toLowerCase();
    if (name === '') {
      problems.push({ kind: 'invalid-line', section: section.name, line: index + 1 });
      return 'invalid';
    }
    const keyId = `${section.name}\u0000${name}`;
    const first = firstKeyLine.get(keyId);
    if (first === undefined) firstKeyLine.set(keyId, index + 1);
    else problems.push({ kind: 'duplicate-key', section: section.name, key: name, line: index + 1, firstLine: first });
    key = { name, parts: [stripped.slice(delimiter + 1).trim()], startLine: index, endLine: index + 1 };
    section.keys.push(key);
    section.contentEndLine = index + 1;
    return 'key';
  };
  const kinds = lines.map((line, index) => kindOf(line.text, index));

  const firstEol = lines.find((line) => line.eol !== '')?.eol ?? '\n';
  return {
    bom,
    lines,
    kinds,
    problems,
    eol: firstEol,
    sections: sections.map((open, index) => ({
      name: open.name,
      startLine: open.startLine,
      endLine: sections[index + 1]?.startLine ?? lines.length,
      contentEndLine: open.contentEndLine,
      keys: open.keys.map((k) => ({ name: k.name, value: k.parts.join('\n'), startLine: k.startLine, endLine: k.endLine })),
    })),
  };
}

/** A sentence for a person: where the file is broken, and that the AWS CLI cannot read it either. Never quotes a value. */
export function describeIniProblem(problem: IniProblem): string {
  const cliToo = 'and the AWS CLI cannot read a file like that either';
  switch (problem.kind) {
    case 'duplicate-section':
      return `The section [${problem.section}] appears twice (lines ${problem.firstLine} and ${problem.line}), ${cliToo}: merge or remove one of them, then try again.`;
    case 'duplicate-key':
      return `The key "${problem.key}" appears twice in the section [${problem.section}] (lines ${problem.firstLine} and ${problem.line}), ${cliToo}: remove one of them, then try again.`;
    case 'outside-section':
      return `Line ${problem.line} holds a setting before any [section] header, ${cliToo}: move it under a section or remove it, then try again.`;
    case 'invalid-line':
      return `Line ${problem.line} (in the section [${problem.section}]) is neither a "key = value" setting, a [section] header nor a comment, ${cliToo}: fix or remove it, then try again.`;
  }
}
