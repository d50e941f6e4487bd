/** A page as a browser would end up on it after following redirects. */
export interface FetchedPage {
  readonly status: number;
  readonly url: string;
  readonly html: string;
  readonly headers: Headers;
}

/** The first HTML form of a page: where it posts and the values it would send (textarea/select not needed here). */
export interface HtmlForm {
  readonly action: string;
  readonly method: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** A browser without a browser: fetch with a cookie jar, manual redirects and form reading, for IdP tests. */
export interface FormClient {
  get(url: string): Promise<FetchedPage>;
  post(url: string, fields: Readonly<Record<string, string>>): Promise<FetchedPage>;
  /** Fills and submits the page's first form, resolving its action against the page URL. */
  submit(page: FetchedPage, values?: Readonly<Record<string, string>>): Promise<FetchedPage>;
  /** Cookies the jar holds for an origin, with their raw Set-Cookie attributes. */
  cookies(origin: string): ReadonlyMap<string, string>;
}

const maxRedirects = 10;

export function createFormClient(): FormClient {
  const jar = new Map<string, Map<string, { value: string; raw: string }>>();

  const request = async (url: string, init: RequestInit, hops = 0): Promise<FetchedPage> => {
    const target = new URL(url);
    const cookies = [...(jar.get(target.origin) ?? new Map<string, { value: string }>())]
      .map(([name, { value }]) => `${name}=${value}`)
      .join('; ');
    const headers = new Headers(init.headers);
    if (cookies !== '') headers.set('cookie', cookies);
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    storeCookies(jar, target.origin, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      if (hops >= maxRedirects) throw new Error(`More than ${maxRedirects} redirects from ${url}.`);
      return request(new URL(location, target).toString(), { method: 'GET' }, hops + 1);
    }
    return { status: response.status, url: target.toString(), html: await response.text(), headers: response.headers };
  };

  const post = (url: string, fields: Readonly<Record<string, string>>): Promise<FetchedPage> =>
    request(url, { method: 'POST', body: new URLSearchParams(fields) });

  return {
    get: (url) => request(url, { method: 'GET' }),
    post,
    submit: (page, values = {}) => {
      const form = readForm(page.html);
      const action = new URL(form.action === '' ? page.url : form.action, page.url).toString();
      return post(action, { ...form.fields, ...values });
    },
    cookies: (origin) => new Map([...(jar.get(origin) ?? [])].map(([name, { raw }]) => [name, raw])),
  };
}

/** Reads the first `<form>` of a page and its `<input>` values (HTML entities decoded). */
export function readForm(html: string): HtmlForm {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`The page has no form: ${html.slice(0, 500)}`);
  const attributes = readAttributes(form[1] ?? '');
  const fields: Record<string, string> = {};
  for (const input of (form[2] ?? '').matchAll(/<input\b([^>]*)>/gi)) {
    const inputAttributes = readAttributes(input[1] ?? '');
    const name = inputAttributes.get('name');
    if (name !== undefined) fields[name] = inputAttributes.get('value') ?? '';
  }
  return { action: attributes.get('action') ?? '', method: (attributes.get('method') ?? 'get').toLowerCase(), fields };
}

function readAttributes(source: string): ReadonlyMap<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes.set((match[1] ?? '').toLowerCase(), decodeEntities(match[2] ?? match[3] ?? ''));
  }
  return attributes;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as const)[lower as 'amp'];
  });
}

function storeCookies(jar: Map<string, Map<string, { value: string; raw: string }>>, origin: string, setCookies: readonly string[]): void {
  for (const raw of setCookies) {
    const [pair = ''] = raw.split(';');
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const name = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    const cookies = jar.get(origin) ?? new Map<string, { value: string; raw: string }>();
    jar.set(origin, cookies);
    const expired = /;\s*max-age=0\b/i.test(raw) || /;\s*expires=Thu, 01 Jan 1970/i.test(raw) || value === '';
    if (expired) cookies.delete(name);
    else cookies.set(name, { value, raw });
  }
}
