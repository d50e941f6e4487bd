import { Buffer } from 'node:buffer';
import { AtlasSsoError } from '../errors.js';
import { parseAcsFormBody } from './parse-acs-form.js';
import { maxSamlBase64Length } from './saml-names.js';

/** What readSamlResponse works from: the base64 for STS and the XML it decodes to. */
export interface DecodedSamlInput {
  /** Exactly as posted (trimmed), or the base64 of pasted XML. Secret. */
  readonly base64: string;
  readonly xml: string;
}

/** Above this, no input can hold a usable response (form encoding at most triples base64), so nothing is scanned. */
const maxInputLength = 4 * maxSamlBase64Length;

const howToPaste = 'Paste the SAMLResponse value as posted to AWS, the decoded XML, or the whole form body.';
const formField = /(?:^|&)(?:SAMLResponse|RelayState)=/;
const base64Text = /^[A-Za-z0-9+/]*={0,2}$/;
const whitespace = /\s+/g;
const invalidXmlText = 'is XML that is not valid UTF-8 text';

/** `size` says how big, e.g. "it is 120,000 characters of base64". */
function tooLarge(size: string): AtlasSsoError {
  return new AtlasSsoError(
    'saml-too-large',
    `The SAML response is too large for AWS, which accepts at most ${count(maxSamlBase64Length)} characters of base64 (${size}). Ask your IdP administrator to send fewer roles or attributes to the AWS app.`,
  );
}

function count(characters: number): string {
  return characters.toLocaleString('en-US');
}

function empty(): AtlasSsoError {
  return new AtlasSsoError('saml-empty', `The SAML response is empty. ${howToPaste}`);
}

function notBase64(what: string): AtlasSsoError {
  return new AtlasSsoError('saml-not-base64', `The SAML response ${what}. ${howToPaste}`);
}

/** True for base64 with correct padding (or none): the only shape the POST binding produces. */
function isBase64(compact: string): boolean {
  if (compact === '' || !base64Text.test(compact)) return false;
  return compact.length % 4 === 0 || (!compact.endsWith('=') && compact.length % 4 !== 1);
}

/** Decodes a posted base64 value after checking its size, since STS would refuse it anyway. */
function decodeBase64(posted: string): DecodedSamlInput {
  const base64 = posted.trim();
  if (base64 === '') throw empty();
  if (base64.length > maxSamlBase64Length) throw tooLarge(`it is ${count(base64.length)}`);
  const compact = base64.replace(whitespace, '');
  if (!isBase64(compact)) throw notBase64('is not base64');
  const xml = utf8Text(Buffer.from(compact, 'base64'), 'saml-not-base64', 'is base64 but does not decode to UTF-8 text').trim();
  if (!xml.startsWith('<')) throw notBase64('is base64 but does not decode to XML');
  return { base64, xml };
}

/** A lone surrogate: text that came from bytes that were not UTF-8, or was cut inside a character. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The one decoding rule for a SAML response, whether it came as base64, raw XML bytes or text: strict UTF-8.
 * A lenient decode would replace bad bytes, and STS would then be sent other bytes than the IdP signed.
 */
function utf8Text(bytes: Uint8Array, code: 'saml-not-base64' | 'saml-malformed-xml', what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new AtlasSsoError(code, `The SAML response ${what}. ${howToPaste}`, { cause: error });
  }
}

/** Encodes pasted XML to the base64 STS needs, refusing it first if that base64 would be too long. */
function encodeXml(xml: string): DecodedSamlInput {
  if (loneSurrogate.test(xml)) throw new AtlasSsoError('saml-malformed-xml', `The SAML response ${invalidXmlText}. ${howToPaste}`);
  const base64Length = 4 * Math.ceil(Buffer.byteLength(xml, 'utf8') / 3);
  if (base64Length > maxSamlBase64Length) throw tooLarge(`it would be ${count(base64Length)}`);
  return { base64: Buffer.from(xml, 'utf8').toString('base64'), xml };
}

/**
 * Accepts the three forms a person or a host may hold a SAML response in: the base64 value as posted
 * (line breaks allowed), the decoded XML, or the whole urlencoded form body posted to AWS. Bytes (a file, standard
 * input) are decoded by the same strict rule as the base64, so raw XML with invalid UTF-8 is refused the same way.
 */
export function decodeSamlInput(input: string | Uint8Array): DecodedSamlInput {
  if (input.length > maxInputLength) throw tooLarge(`the input is ${count(input.length)} ${typeof input === 'string' ? 'characters' : 'bytes'} long`);
  const text = typeof input === 'string' ? input : utf8Text(input, 'saml-malformed-xml', 'is not valid UTF-8 text');
  const trimmed = text.trim();
  if (trimmed === '') throw empty();
  if (trimmed.startsWith('<')) return encodeXml(trimmed);
  if (formField.test(trimmed)) return decodeBase64(parseAcsFormBody(trimmed).samlResponse);
  return decodeBase64(trimmed);
}
