import { AtlasSsoError } from '../errors.js';

/** The two fields an IdP posts to the AWS sign-in (ACS) endpoint. */
export interface AcsForm {
  /** The base64 SAMLResponse, URL-decoded. Secret. */
  readonly samlResponse: string;
  readonly relayState: string | null;
}

/**
 * Reads an application/x-www-form-urlencoded body as posted to the AWS ACS.
 * A second SAMLResponse field is refused: a hostile page could append one to swap the assertion.
 */
export function parseAcsFormBody(body: string): AcsForm {
  // URLSearchParams turns `+` into a space; a browser sends base64's `+` as %2B, so the value survives.
  const fields = new URLSearchParams(body);
  const responses = fields.getAll('SAMLResponse');
  if (responses.length > 1) {
    throw new AtlasSsoError(
      'saml-duplicate-form-field',
      `The sign-in form holds ${responses.length} SAMLResponse fields instead of one, so it is not used; sign in again, and tell your IdP administrator if it happens again.`,
    );
  }
  const [samlResponse] = responses;
  if (samlResponse === undefined || samlResponse.trim() === '') {
    throw new AtlasSsoError(
      'saml-empty',
      'The sign-in form holds no SAMLResponse field; the identity provider did not send a SAML sign-in to AWS. Check that you signed in to the AWS app of your IdP.',
    );
  }
  return { samlResponse, relayState: fields.get('RelayState') };
}
