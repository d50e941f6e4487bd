import { AtlasSsoError } from '../errors.js';

/** What to do about broken XML: it is rarely the person's fault, so point at retrying and then the IdP. */
export const signInAgainOrAskIdp = 'Sign in again; if it keeps happening, ask your IdP administrator to check the AWS app.';

/** The error for XML a strict parser would refuse; `problem` says where or what, never the content. */
export function malformedXmlError(problem: string, cause?: unknown): AtlasSsoError {
  return new AtlasSsoError(
    'saml-malformed-xml',
    `The SAML response is not well-formed XML (${problem}). ${signInAgainOrAskIdp}`,
    cause === undefined ? {} : { cause },
  );
}
