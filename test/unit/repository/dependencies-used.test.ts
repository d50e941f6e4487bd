import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackageManifest } from '../../support/dependency-use.js';
import { packageOfSpecifier, unusedDependencies } from '../../support/dependency-use.js';
import { readRepositoryFile, repositoryFiles, repositoryRoot } from '../../support/repository-files.js';

/** The binaries each installed package puts in node_modules/.bin, read from its own package.json. */
function installedBinaries(names: readonly string[]): Record<string, readonly string[]> {
  const binaries: Record<string, readonly string[]> = {};
  for (const name of names) {
    const manifest = JSON.parse(readFileSync(resolve(repositoryRoot, 'node_modules', name, 'package.json'), 'utf8')) as { name: string; bin?: string | Record<string, string> };
    binaries[name] = typeof manifest.bin === 'string' ? [manifest.name.split('/').pop() ?? name] : Object.keys(manifest.bin ?? {});
  }
  return binaries;
}

describe('package.json dependencies', () => {
  it('names the package of a specifier', () => {
    expect(['zod', 'zod/v4', '@aws-sdk/client-sts', '@scope/pkg/deep/x', './local.js', 'node:fs'].map(packageOfSpecifier)).toEqual(['zod', 'zod', '@aws-sdk/client-sts', '@scope/pkg', undefined, undefined]);
  });

  it('reports a dependency that nothing imports or runs', () => {
    const manifest: PackageManifest = {
      dependencies: { zod: '1', 'left-pad': '1' },
      devDependencies: { vitest: '1', eslint: '1', '@types/node': '1', '@types/react': '1', '@types/unused': '1', idle: '1' },
      scripts: { lint: 'eslint .' },
    };
    const files = [
      { path: 'core/a.ts', text: "import { z } from 'zod';\nconst r = await import('react');" },
      { path: 'test/b.test.ts', text: "import { it } from 'vitest';" },
    ];
    expect(unusedDependencies(manifest, files, { eslint: ['eslint'], idle: ['idle'] })).toEqual(['left-pad', '@types/unused', 'idle']);
  });

  it('every dependency in package.json is used somewhere in the repository', () => {
    const manifest = JSON.parse(readRepositoryFile('package.json')) as PackageManifest;
    const sources = repositoryFiles().filter((file) => /\.(ts|tsx|mts|mjs|js|cjs)$|^\.ci\/run$/.test(file)).map((path) => ({ path, text: readRepositoryFile(path) }));
    const names = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})];
    expect(readdirSync(resolve(repositoryRoot, 'node_modules')).length).toBeGreaterThan(0);
    expect(unusedDependencies(manifest, sources, installedBinaries(names))).toEqual([]);
  });
});
