// Which of package.json's dependencies the repository never uses: not imported, not run, not typed for.

export interface PackageManifest {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly scripts?: Readonly<Record<string, string>>;
}

export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** The package a module specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; undefined for relative and `node:` ones. */
export function packageOfSpecifier(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Module specifiers of static imports, re-exports, dynamic imports and requires. */
export function importedSpecifiers(text: string): readonly string[] {
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire(?:\.resolve)?\(\s*['"]([^'"]+)['"]\s*\)/g];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1] ?? ''));
}

/**
 * Dependencies nothing uses. Runtime dependencies count as used only when code imports them; development ones also
 * when a script or a test runs their binary (`node_modules/.bin/NAME`, or the command in an npm script), and `@types/X`
 * when X is used (or is Node itself).
 */
export function unusedDependencies(manifest: PackageManifest, files: readonly SourceFile[], binaries: Readonly<Record<string, readonly string[]>>): readonly string[] {
  const imported = new Set(files.flatMap((file) => importedSpecifiers(file.text).map(packageOfSpecifier)).filter((name) => name !== undefined));
  const commands = [...Object.values(manifest.scripts ?? {}), ...files.map((file) => file.text)].join('\n');
  const runs = (name: string): boolean =>
    (binaries[name] ?? []).some((bin) => new RegExp(`(^|[\\s'"/])(npx\\s+)?${bin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(['"\\s]|$)`, 'm').test(commands));
  const runtime = Object.keys(manifest.dependencies ?? {}).filter((name) => !imported.has(name));
  const development = Object.keys(manifest.devDependencies ?? {}).filter((name) => {
    if (imported.has(name) || runs(name)) return false;
    const typed = name.startsWith('@types/') ? name.slice('@types/'.length).replace(/^(.+)__(.+)$/, '@$1/$2') : undefined;
    return !(typed !== undefined && (typed === 'node' || imported.has(typed)));
  });
  return [...runtime, ...development];
}
