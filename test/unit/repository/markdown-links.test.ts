import { describe, expect, it } from 'vitest';
import { brokenLinks, markdownLinkTargets } from '../../support/markdown-links.js';
import { readRepositoryFile, repositoryFiles } from '../../support/repository-files.js';

describe('Markdown links', () => {
  it('finds inline links, images and reference definitions, not code', () => {
    const text = '[a](docs/a.md) ![shot](img/s.png "title")\n[ref]: ../x.md\n`[no](code.md)`\n```\n[no](fence.md)\n```\n';
    expect(markdownLinkTargets(text)).toEqual(['docs/a.md', 'img/s.png', '../x.md']);
  });

  it('reports a link that leaves the repository or names a missing file, and passes web links and anchors', () => {
    const files = new Set(['README.md', 'docs/cli.md', 'docs']);
    const text = '[up](../shared/DESIGN.md) [gone](docs/nope.md) [ok](docs/cli.md#exit) [web](https://example.com) [top](#a) [deep](docs/../../x.md)';
    expect(brokenLinks('README.md', text, (path) => files.has(path))).toEqual([
      { file: 'README.md', target: '../shared/DESIGN.md', reason: 'outside the repository' },
      { file: 'README.md', target: 'docs/nope.md', reason: 'no such file' },
      { file: 'README.md', target: 'docs/../../x.md', reason: 'outside the repository' },
    ]);
    expect(brokenLinks('docs/cli.md', '[back](../README.md) [peer](desktop.md)', (path) => files.has(path))).toEqual([
      { file: 'docs/cli.md', target: 'desktop.md', reason: 'no such file' },
    ]);
  });

  it('every Markdown file in the repository links only to files inside it that exist', () => {
    const files = repositoryFiles();
    const present = new Set(files.flatMap((file) => file.split('/').map((_, index, parts) => parts.slice(0, index + 1).join('/'))));
    const markdown = files.filter((file) => file.endsWith('.md'));
    expect(markdown.length).toBeGreaterThan(3);
    expect(markdown.flatMap((file) => brokenLinks(file, readRepositoryFile(file), (path) => present.has(path)))).toEqual([]);
  });
});
