import { AtlasSsoError } from '../errors.js';
import { acsPostBodyText } from '../login/acs-post-body.js';
import { isAwsAcsRequest } from '../login/match-acs.js';
import type { AcsForm } from '../saml/parse-acs-form.js';
import { parseAcsFormBody } from '../saml/parse-acs-form.js';

/** The parts of Electron's onBeforeRequest details the decision needs. */
export interface AcsRequestDetails {
  readonly method: string;
  readonly url: string;
  readonly resourceType: string;
  readonly webContentsId?: number | undefined;
}

/**
 * - `pass`: not an ACS POST, let it go.
 * - `capture`: the login window's own top-level form post to AWS: read it, cancel it.
 * - `cancel`: an ACS POST from anywhere else (a frame, a script, another window): it must not reach AWS, nor be trusted.
 */
export type AcsRequestDecision = 'pass' | 'capture' | 'cancel';

/** Decides one request seen by the login session's single onBeforeRequest listener. */
export function decideAcsRequest(details: AcsRequestDetails, loginWebContentsId: number, extraAcsUrls: readonly string[]): AcsRequestDecision {
  if (!isAwsAcsRequest({ method: details.method, url: details.url, extraAcsUrls })) return 'pass';
  return details.resourceType === 'mainFrame' && details.webContentsId === loginWebContentsId ? 'capture' : 'cancel';
}

/** One element of Electron's `uploadData`: bytes, a blob to fetch by UUID, or a file (never part of a SAML form). */
export interface UploadPart {
  readonly bytes?: Uint8Array | undefined;
  readonly blobUUID?: string | undefined;
  readonly file?: string | undefined;
}

/**
 * The whole POST body: Chromium may split a large form into several chunks, or keep part of it as a blob,
 * so every part is joined in order (reading only the first chunk would truncate a big assertion).
 */
export async function joinUploadData(parts: readonly UploadPart[], getBlobData: (uuid: string) => Promise<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if (part.blobUUID !== undefined) chunks.push(Buffer.from(await getBlobData(part.blobUUID)));
    else if (part.file !== undefined) throw new AtlasSsoError('login-browser-failed', 'The sign-in form sent a file instead of a SAML response; sign in again, and tell your IdP administrator if it happens again.');
    else if (part.bytes !== undefined) chunks.push(Buffer.from(part.bytes));
  }
  return Buffer.concat(chunks);
}

/**
 * onBeforeRequest carries no headers, so a multipart body is recognised by its own first line (`--BOUNDARY`
 * followed by a form-data part); anything else is read as urlencoded, as browsers send SAML forms.
 */
export function sniffFormContentType(body: Buffer): string | undefined {
  const head = body.subarray(0, 512).toString('latin1');
  const boundary = /^--([!-~]{1,70})\r\n[Cc]ontent-[Dd]isposition: *form-data/.exec(head)?.[1];
  return boundary === undefined ? undefined : `multipart/form-data; boundary=${boundary}`;
}

/** The SAMLResponse and RelayState of a captured ACS POST, whatever order the fields come in; a second SAMLResponse is refused. */
export async function readAcsUpload(parts: readonly UploadPart[], getBlobData: (uuid: string) => Promise<Uint8Array>): Promise<AcsForm> {
  const body = await joinUploadData(parts, getBlobData);
  return parseAcsFormBody(await acsPostBodyText(body, sniffFormContentType(body)));
}
