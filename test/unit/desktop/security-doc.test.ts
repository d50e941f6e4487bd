import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const doc = readFileSync('docs/security.md', 'utf8');
const builder = readFileSync('electron-builder.yml', 'utf8');

/** The `electronFuses:` block of electron-builder.yml, as name → on/off. */
function fusesSet(): ReadonlyMap<string, boolean> {
  const block = /^electronFuses:\n((?: {2}\w+: (?:true|false)\n)+)/m.exec(builder)?.[1] ?? '';
  return new Map([...block.matchAll(/^ {2}(\w+): (true|false)$/gm)].map((match) => [match[1] ?? '', match[2] === 'true']));
}

describe('docs/security.md', () => {
  it('names every fuse electron-builder.yml sets, each as on or off as set there', () => {
    const fuses = fusesSet();
    expect(fuses.size).toBeGreaterThanOrEqual(8);
    for (const [name, on] of fuses) {
      const docName = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
      expect(doc, docName).toMatch(new RegExp(`\`${docName}\` ${on ? 'on' : 'off'}`));
    }
  });

  it('says what ASAR integrity covers on each OS, and that Electron does not enforce it on Linux', () => {
    expect(doc).toMatch(/\*\*macOS\*\*: enforced/);
    expect(doc).toMatch(/\*\*Windows\*\*: enforced/);
    expect(doc).toMatch(/\*\*Linux\*\*: \*\*not enforced\*\*/);
  });

  it('states the permissions of what is stored and the browser-mode server checks', () => {
    for (const fact of ['0600', '0700', 'read-only', 'Host', 'Origin', 'one-time link', 'sessionStorage', 'X-Atlas-Sso-Session', '1 MiB']) expect(doc).toContain(fact);
  });
});
