const unprintable = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu;
const spaces = /\s+/g;

/** IdP-supplied text made safe to show a person: one line, no control or direction-changing characters, bounded. */
export function displayText(text: string, maxLength: number): string {
  const line = text.replace(unprintable, ' ').replace(spaces, ' ').trim();
  return line.length > maxLength ? `${line.slice(0, maxLength - 1).trimEnd()}…` : line;
}
