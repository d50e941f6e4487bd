/** The same text with its last character replaced by a different one, so the result never equals the input. */
export function withLastCharacterChanged(text: string): string {
  const last = text.at(-1);
  return `${text.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
}
