import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildOutputs, buildSources, needsBuild } from '../../support/build-once.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A tree shaped like the repository, every source an hour old and every output a minute old. */
function builtTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'atlas-sso-build-once-'));
  roots.push(root);
  const hourAgo = new Date(Date.now() - 3_600_000);
  const minuteAgo = new Date(Date.now() - 60_000);
  for (const folder of buildSources) {
    mkdirSync(join(root, folder, 'sub'), { recursive: true });
    writeFileSync(join(root, folder, 'sub', 'a.ts'), '');
    utimesSync(join(root, folder, 'sub', 'a.ts'), hourAgo, hourAgo);
  }
  for (const output of buildOutputs) {
    mkdirSync(dirname(join(root, output)), { recursive: true });
    writeFileSync(join(root, output), '');
    utimesSync(join(root, output), minuteAgo, minuteAgo);
  }
  return root;
}

describe('build-once', () => {
  it('watches every folder the build reads (tsconfig.build.json and vite root)', () => {
    const tsInclude = (JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as { include: string[] }).include;
    const viteRoot = /root:\s*'([^']+)'/.exec(readFileSync('vite.config.ts', 'utf8'))?.[1];
    expect([...buildSources].sort()).toEqual([...tsInclude, viteRoot].sort());
  });

  it.each([
    ['server/sub/a.ts'],
    ['renderer/sub/a.ts'],
    ['renderer/styles/app.css'],
    ['renderer/screens/home.tsx'],
    ['core/sub/a.ts'],
    ['cli/sub/a.ts'],
  ])('rebuilds when %s changes, and not before', (changed) => {
    const root = builtTree();
    expect(needsBuild(root)).toBe(false);
    mkdirSync(dirname(join(root, changed)), { recursive: true });
    writeFileSync(join(root, changed), 'changed');
    expect(needsBuild(root)).toBe(true);
  });

  it('rebuilds when the UI was never built', () => {
    const root = builtTree();
    rmSync(join(root, 'dist', 'renderer'), { recursive: true });
    expect(needsBuild(root)).toBe(true);
  });
});
