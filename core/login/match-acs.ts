import { isSigninSamlPath, stsLocationOfSigninUrl } from '../aws/signin-endpoints.js';

/** One request as a login browser sees it, before it leaves. */
export interface AcsRequestCandidate {
  readonly method: string;
  readonly url: string;
  /** Exact ACS URLs the connection adds (an IdP-specific or test endpoint), compared without query or fragment. */
  readonly extraAcsUrls?: readonly string[];
}

/**
 * True when the request is the IdP posting the SAMLResponse to AWS (any partition, global or regional)
 * or to a configured extra ACS URL: that POST is captured and never sent. Lookalike hosts, http and GET are not.
 */
export function isAwsAcsRequest(candidate: AcsRequestCandidate): boolean {
  if (candidate.method.toUpperCase() !== 'POST') return false;
  const url = parseUrl(candidate.url);
  if (url === undefined) return false;
  if (isAwsSigninSaml(url)) return true;
  const endpoint = endpointOf(url);
  return (candidate.extraAcsUrls ?? []).some((extra) => {
    const parsed = parseUrl(extra);
    return parsed !== undefined && endpointOf(parsed) === endpoint;
  });
}

function isAwsSigninSaml(url: URL): boolean {
  return url.port === '' && stsLocationOfSigninUrl(url.href) !== undefined && isSigninSamlPath(url.pathname);
}

/** Scheme, host, port and path: what names an endpoint, whatever query the IdP appends. */
function endpointOf(url: URL): string {
  return `${url.protocol}//${url.host.toLowerCase()}${url.pathname}`;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
