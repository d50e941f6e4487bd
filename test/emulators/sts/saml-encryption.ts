import { constants, createCipheriv, createDecipheriv, createPublicKey, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { attributeOf, ns, onlyChild, onlyPath, textOf } from './xml-dom.js';

/**
 * XML Encryption of a SAML assertion, the way IdPs encrypt to the certificate of an AWS SAML provider:
 * the assertion under AES-256-GCM, the AES key under RSA-OAEP (SHA-1 MGF1), key carried inline.
 */
const aes256Gcm = 'http://www.w3.org/2009/xmlenc11#aes256-gcm';
const rsaOaep = 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p';
const ivLength = 12;
const tagLength = 16;

/** `<xenc:EncryptedData>` holding `assertionXml`, to put inside `<saml:EncryptedAssertion>`. */
export function encryptAssertionXml(assertionXml: string, certificatePem: string): string {
  const contentKey = randomBytes(32);
  const iv = randomBytes(ivLength);
  const cipher = createCipheriv('aes-256-gcm', contentKey, iv);
  const body = Buffer.concat([iv, cipher.update(assertionXml, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const wrappedKey = publicEncrypt({ key: createPublicKey(certificatePem), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, contentKey);
  return [
    `<xenc:EncryptedData xmlns:xenc="${ns.xenc}" xmlns:ds="${ns.dsig}" Type="http://www.w3.org/2001/04/xmlenc#Element">`,
    `<xenc:EncryptionMethod Algorithm="${aes256Gcm}"/>`,
    '<ds:KeyInfo><xenc:EncryptedKey>',
    `<xenc:EncryptionMethod Algorithm="${rsaOaep}"/>`,
    `<xenc:CipherData><xenc:CipherValue>${wrappedKey.toString('base64')}</xenc:CipherValue></xenc:CipherData>`,
    '</xenc:EncryptedKey></ds:KeyInfo>',
    `<xenc:CipherData><xenc:CipherValue>${body.toString('base64')}</xenc:CipherValue></xenc:CipherData>`,
    '</xenc:EncryptedData>',
  ].join('');
}

/** The assertion XML inside an `<EncryptedAssertion>`; throws when it is not in the format above or the key does not fit. */
export function decryptAssertionXml(encryptedAssertion: Element, privateKeyPem: string): string {
  const data = onlyChild(encryptedAssertion, ns.xenc, 'EncryptedData');
  if (data === undefined) throw new Error('EncryptedAssertion holds no single EncryptedData.');
  const keyInfo = onlyChild(data, ns.dsig, 'KeyInfo');
  const encryptedKey = keyInfo === undefined ? undefined : onlyChild(keyInfo, ns.xenc, 'EncryptedKey');
  if (attributeOf(onlyChild(data, ns.xenc, 'EncryptionMethod'), 'Algorithm') !== aes256Gcm
    || encryptedKey === undefined
    || attributeOf(onlyChild(encryptedKey, ns.xenc, 'EncryptionMethod'), 'Algorithm') !== rsaOaep) {
    throw new Error('Unsupported XML encryption algorithms.');
  }
  const wrappedKey = Buffer.from(textOf(onlyPath(encryptedKey, ns.xenc, 'CipherData', 'CipherValue')) ?? '', 'base64');
  const body = Buffer.from(textOf(onlyPath(data, ns.xenc, 'CipherData', 'CipherValue')) ?? '', 'base64');
  if (body.length <= ivLength + tagLength) throw new Error('The encrypted assertion is too short.');
  const contentKey = privateDecrypt({ key: privateKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, wrappedKey);
  const decipher = createDecipheriv('aes-256-gcm', contentKey, body.subarray(0, ivLength));
  decipher.setAuthTag(body.subarray(body.length - tagLength));
  return Buffer.concat([decipher.update(body.subarray(ivLength, body.length - tagLength)), decipher.final()]).toString('utf8');
}
