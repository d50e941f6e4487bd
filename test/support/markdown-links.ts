// Finds Markdown links that leave the repository or name a file it does not have.
import { posix } from 'node:path';

export interface BrokenLink {
  readonly file: string;
  readonly target: string;
  readonly reason: 'outside the repository' | 'no such file';
}

/** Inline links and images `[text](target "title")` and reference definitions `[label]: target`, code spans and fences left out. */
export function markdownLinkTargets(markdown: string): readonly string[] {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
  const inline = [...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1] ?? '');
  const references = [...prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/gm)].map((match) => match[1] ?? '');
  return [...inline, ...references];
}

/** Checks each relative link of `file` against the set of repository paths (posix, relative to the root). */
export function brokenLinks(file: string, markdown: string, exists: (path: string) => boolean): readonly BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const target of markdownLinkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
    const path = decodeURIComponent(target.split('#')[0] ?? '');
    const joined = posix.normalize(path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(file), path));
    if (joined === '..' || joined.startsWith('../')) broken.push({ file, target, reason: 'outside the repository' });
    else if (!exists(joined.replace(/\/$/, ''))) broken.push({ file, target, reason: 'no such file' });
  }
  return broken;
}
