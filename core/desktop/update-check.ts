/** What `shouldCheckForUpdates` weighs: facts about this run, not settings a web page could change. */
export interface UpdateCheckFacts {
  readonly isPackaged: boolean;
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  /** The `url` of `resources/app-update.yml`, which electron-builder writes from `publish` at packaging; undefined when absent. */
  readonly feed: string | undefined;
}

export type UpdateCheckDecision =
  | { readonly check: true; readonly feedUrl: string; readonly source: 'environment' | 'package' }
  | { readonly check: false; readonly reason: string };

/** electron-updater has an updater for these (NSIS, Squirrel.Mac, AppImage / deb / rpm). */
const updatablePlatforms: readonly NodeJS.Platform[] = ['darwin', 'linux', 'win32'];

/**
 * Checks only in a packaged app (from source, updates come with the checkout) with a feed that was really configured:
 * `ATLAS_SSO_UPDATE_URL` in the environment (a company mirror), else the one baked in at packaging. A feed must be
 * https with no user name or password in it (the URL is logged when a check fails); `.invalid` hosts are the
 * placeholder of builds made without a feed (scripts/package-check.mjs).
 */
export function shouldCheckForUpdates(facts: UpdateCheckFacts): UpdateCheckDecision {
  if (!facts.isPackaged) return { check: false, reason: 'running from source: updates come with the checkout' };
  if (!updatablePlatforms.includes(facts.platform)) return { check: false, reason: `no updater for ${facts.platform}` };
  const fromEnv = facts.env.ATLAS_SSO_UPDATE_URL?.trim() ?? '';
  const [feed, source] = fromEnv === '' ? [facts.feed?.trim() ?? '', 'package' as const] : [fromEnv, 'environment' as const];
  if (feed === '') return { check: false, reason: 'no update feed was configured when this app was packaged' };
  const problem = feedProblem(feed);
  if (problem !== undefined) return { check: false, reason: `the update feed ${source === 'environment' ? 'in ATLAS_SSO_UPDATE_URL' : 'of this package'} ${problem}` };
  return { check: true, feedUrl: feed, source };
}

function feedProblem(feed: string): string | undefined {
  let url: URL;
  try {
    url = new URL(feed);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:') return 'is not https';
  if (url.username !== '' || url.password !== '') return 'holds a user name or password';
  if (url.hostname === 'invalid' || url.hostname.endsWith('.invalid')) return 'is a placeholder';
  return undefined;
}

/** The `url:` of electron-builder's `app-update.yml` (flat `key: value` lines, the value maybe quoted). */
export function feedUrlOf(appUpdateYml: string): string | undefined {
  for (const line of appUpdateYml.split(/\r?\n/)) {
    const match = /^url:\s*(.*?)\s*$/.exec(line);
    if (match === null) continue;
    const value = match[1] ?? '';
    const quoted = /^(['"])(.*)\1$/.exec(value);
    return quoted === null ? value : quoted[2];
  }
  return undefined;
}

/**
 * The one line logged when a check or download fails: electron-updater's errors span lines (HTTP headers, a stack),
 * so only the first line is kept, cut short; it names the feed, never a key (the updater is never given one).
 */
export function updateFailureLine(error: unknown, feedUrl: string): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = (text.split(/\r?\n/).find((line) => line.trim() !== '') ?? 'unknown error').trim();
  return `Atlas SSO could not check for updates at ${feedUrl}: ${first.length > 200 ? `${first.slice(0, 199)}…` : first}`;
}
