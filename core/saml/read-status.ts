import { AtlasSsoError } from '../errors.js';
import { displayText } from '../display-text.js';
import { samlProtocolNamespace, samlStatusSuccess } from './saml-names.js';
import type { XmlElement } from './xml-element.js';
import { childElement } from './xml-element.js';

const maxStatusMessageLength = 200;
const maxStatusNameLength = 60;

/** `urn:oasis:names:tc:SAML:2.0:status:AuthnFailed` → `AuthnFailed`, as people read status codes. */
function shortStatusName(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return displayText(value.slice(value.lastIndexOf(':') + 1), maxStatusNameLength) || undefined;
}

/**
 * Refuses a Response whose top-level StatusCode is not Success, naming the status (with its second-level code)
 * and the IdP's own StatusMessage, which is usually the only clue to why the sign-in failed.
 */
export function assertSuccessStatus(response: XmlElement): void {
  const status = childElement(response, samlProtocolNamespace, 'Status');
  const code = status && childElement(status, samlProtocolNamespace, 'StatusCode');
  const value = code?.attributes.get('Value');
  if (value?.trim() === samlStatusSuccess) return;
  if (status === undefined) {
    throw new AtlasSsoError(
      'saml-not-a-response',
      'The SAML response has no Status, so it is not a complete sign-in response. Sign in again; if it keeps happening, ask your IdP administrator to check the AWS app.',
    );
  }
  const names = [shortStatusName(value) ?? 'no status code', shortStatusName(code && childElement(code, samlProtocolNamespace, 'StatusCode')?.attributes.get('Value'))];
  const rawMessage = childElement(status, samlProtocolNamespace, 'StatusMessage')?.text;
  const message = rawMessage === undefined ? '' : displayText(rawMessage, maxStatusMessageLength);
  const said = message === '' ? '' : ` ("${message}")`;
  throw new AtlasSsoError(
    'saml-status-not-success',
    `The identity provider did not sign you in: it answered ${names.filter((name) => name !== undefined).join(' / ')}${said}. Sign in again; if it fails again, ask your IdP administrator whether you are assigned to the AWS app.`,
  );
}
