/**
 * The port every host implements to show the IdP's own login page and hand back the SAMLResponse it posts to AWS:
 * Electron's login window, or the person's installed Chrome/Edge/Chromium.
 */

/** Where a sign-in stands, for a host to show ("Opening your browser…", "Waiting for you to sign in…"). */
export type LoginProgress = 'starting-browser' | 'opening-idp' | 'waiting-for-sign-in' | 'captured';

export interface CaptureRequest {
  /** The IdP's sign-in URL for the AWS app (the connection's idpUrl). */
  readonly startUrl: string;
  /** Persistent per connection, so the IdP's SSO cookies make the next sign-in silent. */
  readonly profileDir: string;
  /** Exact ACS URLs captured besides the AWS sign-in endpoints. */
  readonly extraAcsUrls?: readonly string[];
  readonly timeoutMs: number;
  /** Aborting closes the browser and rejects with 'login-cancelled'. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (step: LoginProgress) => void;
}

export interface CapturedLogin {
  /** The base64 SAMLResponse exactly as posted. Secret: never log it, never put it in a message. */
  readonly samlResponse: string;
  readonly relayState: string | null;
  /** The ACS URL the IdP posted to: it tells which partition and region STS must be called in. */
  readonly acsUrl: string;
}

export interface LoginBrowser {
  /** Shows the IdP, captures the SAMLResponse POST to the ACS without sending it, and closes the window. */
  capture(request: CaptureRequest): Promise<CapturedLogin>;
  /** Deletes the profile (cookies, storage), so the next sign-in asks for the IdP login again. */
  forget(profileDir: string): Promise<void>;
}
