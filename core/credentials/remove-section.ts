import { scanIni } from './ini-sections.js';

/**
 * The file without every `[sectionName]` section (its header, settings, and the blank and comment lines up to the next
 * header), keeping every other byte as it was. Unchanged text when the section is not there.
 */
export function removeSection(text: string, sectionName: string): string {
  const scan = scanIni(text);
  const doomed = scan.sections.filter((section) => section.name === sectionName);
  if (doomed.length === 0) return text;
  const kept = scan.lines.filter((_, index) => !doomed.some((section) => index >= section.startLine && index < section.endLine));
  return scan.bom + kept.map((line) => line.text + line.eol).join('');
}

/** The value botocore would read for `key` in the last `[sectionName]`, or undefined. */
export function sectionValue(text: string, sectionName: string, key: string): string | undefined {
  const section = scanIni(text).sections.findLast((candidate) => candidate.name === sectionName);
  return section?.keys.findLast((candidate) => candidate.name === key.toLowerCase())?.value;
}
