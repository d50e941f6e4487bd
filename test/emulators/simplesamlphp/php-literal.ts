/** A value that can be written as a PHP literal in a generated config file. */
export type PhpValue = string | number | boolean | null | readonly PhpValue[] | { readonly [key: string]: PhpValue };

/** Renders `value` as PHP source, so generated config never depends on hand-escaped strings. */
export function phpLiteral(value: PhpValue, indent = ''): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return phpString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`PHP config cannot hold the number ${value}.`);
    return String(value);
  }
  const inner = `${indent}    `;
  const entries = isList(value)
    ? value.map((item) => `${inner}${phpLiteral(item, inner)},`)
    : Object.entries(value).map(([key, item]) => `${inner}${phpString(key)} => ${phpLiteral(item, inner)},`);
  return entries.length === 0 ? '[]' : `[\n${entries.join('\n')}\n${indent}]`;
}

/** A single-quoted PHP string: only `\` and `'` are special inside one. */
export function phpString(text: string): string {
  return `'${text.replace(/[\\']/g, (char) => `\\${char}`)}'`;
}

function isList(value: readonly PhpValue[] | { readonly [key: string]: PhpValue }): value is readonly PhpValue[] {
  return Array.isArray(value);
}
