import { createRequire } from 'node:module';
import type * as ConnectionStringLibrary from 'mongodb-connection-string-url';
import type { ConnectionString } from 'mongodb-connection-string-url';
import { AtlasSsoError } from '../errors.js';

/** An Atlas connection string made ready for MONGODB-AWS. */
export interface AtlasConnectionString {
  /** Credential-free, with `authSource=%24external&authMechanism=MONGODB-AWS`: safe to show, save and pass as an argument. */
  readonly uri: string;
  /** The SRV name or the host list, to name the cluster to people. */
  readonly host: string;
  /** What was removed, changed or ignored, for people; never holds a removed value. */
  readonly warnings: readonly string[];
}

const scheme = /mongodb(?:\+srv)?:\/\//i;
/** Quotes a copied string may come wrapped in (shells, chat apps, documents), with the one that closes each. */
const closingQuote: Readonly<Record<string, string>> = { '"': '"', "'": "'", '`': '`', '\u201c': '\u201d', '\u2018': '\u2019' };
/** The dialog's templates: `<username>:<password>`, `<db_password>`, `<AWS access key>`… */
const placeholderUserinfo = /^<[^<>]*>(?::<[^<>]*>)?$/;
/**
 * The URL library (whatwg-url and its Unicode tables, tens of modules) loads at the first connection string read, not
 * when this module is imported: `assume` and the CLI's other commands import it but most runs read none.
 */
let library: typeof ConnectionStringLibrary | undefined;
function connectionStringLibrary(): typeof ConnectionStringLibrary {
  library ??= createRequire(import.meta.url)('mongodb-connection-string-url') as typeof ConnectionStringLibrary;
  return library;
}
const knownMechanisms = new Set(['DEFAULT', 'SCRAM-SHA-1', 'SCRAM-SHA-256', 'MONGODB-X509', 'GSSAPI', 'PLAIN', 'MONGODB-OIDC', 'MONGODB-CR']);

/**
 * Turns whatever the Atlas "Connect" dialog gave (a bare URI, one with the `<username>:<password>` template or a real
 * password, or the whole `mongosh "…" --apiVersion 1 --username x` line, quoted or not) into a credential-free
 * MONGODB-AWS connection string that keeps the path and every other option.
 */
export function normalizeAtlasConnectionString(input: string): AtlasConnectionString {
  const { candidate, ignoredFlags } = extractUri(input);
  const { rest, userinfo } = splitUserinfo(candidate);
  const { CommaAndColonSeparatedRecord, ConnectionString: ConnectionStringUrl } = connectionStringLibrary();
  let parsed: ConnectionString;
  try {
    parsed = new ConnectionStringUrl(rest);
  } catch (error) {
    // Only the library's own messages are kept, and no cause: the URL parser's errors echo the input, which may hold a session token.
    const details = error instanceof Error && error.name === 'MongoParseError' ? error.message : undefined;
    throw new AtlasSsoError('mongodb-invalid-connection-string', 'This MongoDB connection string cannot be read. Copy it again from Atlas: open your cluster, click Connect, choose Shell (or Drivers) and copy the string that starts with mongodb+srv://.', details === undefined ? {} : { details });
  }

  const warnings: string[] = [];
  if (userinfo !== '' && !placeholderUserinfo.test(safeDecode(userinfo))) {
    warnings.push('Removed the user name and password from the connection string: Atlas SSO signs in with your AWS role instead.');
  }
  if (ignoredFlags.length > 0) {
    warnings.push(`Ignored the mongosh options copied with the connection string (${ignoredFlags.join(', ')}): add the ones you need when you run mongosh.`);
  }
  const params = parsed.searchParams;
  const mechanism = params.get('authMechanism');
  if (mechanism !== null && mechanism.toUpperCase() !== 'MONGODB-AWS') {
    const named = knownMechanisms.has(mechanism.toUpperCase()) ? ` (it was ${mechanism.toUpperCase()})` : '';
    warnings.push(`Changed authMechanism to MONGODB-AWS${named}: Atlas SSO signs in with your AWS role.`);
  }
  const source = params.get('authSource');
  if (source !== null && source !== '$external') {
    warnings.push('Changed authSource to $external, where Atlas keeps the users of AWS IAM roles.');
  }
  const properties = params.get('authMechanismProperties');
  if (properties !== null) {
    const heldToken = new CommaAndColonSeparatedRecord(properties).has('AWS_SESSION_TOKEN');
    warnings.push(heldToken
      ? 'Removed authMechanismProperties: it held a session token, which must never be in a connection string (Atlas SSO gives mongosh its keys through the environment).'
      : 'Removed authMechanismProperties: they belong to another way of signing in.');
  }
  for (const name of ['authMechanism', 'authSource', 'authMechanismProperties']) {
    while (params.has(name)) params.delete(name);
  }
  params.append('authSource', '$external');
  params.append('authMechanism', 'MONGODB-AWS');
  return { uri: parsed.toString(), host: parsed.hosts.join(','), warnings };
}

/**
 * The connection string inside what was pasted, and the names (never the values) of options around it.
 * A bare string is taken whole (the dialog's `<AWS access key>` template holds spaces); in a command line it ends
 * at its closing quote, or at the first space when unquoted.
 */
function extractUri(input: string): { readonly candidate: string; readonly ignoredFlags: readonly string[] } {
  const text = input.trim();
  const match = scheme.exec(text);
  if (match === null) {
    throw new AtlasSsoError('mongodb-invalid-connection-string', 'This is not a MongoDB connection string. In Atlas, open your cluster, click Connect, choose Shell (or Drivers) and copy the string that starts with mongodb+srv:// (a user name or password in it is fine: it is removed).');
  }
  const before = text.slice(0, match.index);
  const opening = before.at(-1) ?? '';
  const closing = Object.hasOwn(closingQuote, opening) ? closingQuote[opening] : undefined;
  const afterScheme = match.index + match[0].length;
  let end: number;
  if (closing !== undefined) {
    const found = text.indexOf(closing, afterScheme);
    end = found === -1 ? text.length : found;
  } else if (before === '') {
    end = text.length;
  } else {
    const space = text.slice(afterScheme).search(/\s/);
    end = space === -1 ? text.length : afterScheme + space;
  }
  const candidate = `${match[0].toLowerCase()}${text.slice(afterScheme, end)}`;
  const outside = `${before.slice(0, closing === undefined ? before.length : -1)} ${text.slice(closing === undefined ? end : end + 1)}`;
  const ignoredFlags = outside
    .split(/\s+/)
    .map((word) => word.split('=')[0] ?? '')
    .filter((word) => /^--?[A-Za-z][\w-]*$/.test(word));
  return { candidate, ignoredFlags };
}

/**
 * Cuts `user:password@` off before parsing, up to the last `@` ahead of the options: people paste real passwords and
 * AWS secret keys unescaped (`/`, `+`, `@`), which the parser would refuse although we drop them anyway.
 */
function splitUserinfo(uri: string): { readonly rest: string; readonly userinfo: string } {
  const start = uri.indexOf('://') + 3;
  const query = uri.indexOf('?', start);
  const at = uri.lastIndexOf('@', query === -1 ? uri.length : query);
  if (at < start) return { rest: uri, userinfo: '' };
  return { rest: `${uri.slice(0, start)}${uri.slice(at + 1)}`, userinfo: uri.slice(start, at) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
