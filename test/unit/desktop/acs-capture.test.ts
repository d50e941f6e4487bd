import { describe, expect, it } from 'vitest';
import type { UploadPart } from '../../../core/desktop/acs-capture.js';
import { decideAcsRequest, joinUploadData, readAcsUpload, sniffFormContentType } from '../../../core/desktop/acs-capture.js';

const acs = 'https://signin.aws.amazon.com/saml';
const post = { method: 'POST', url: acs, resourceType: 'mainFrame', webContentsId: 7 };
const noBlobs = (): Promise<Uint8Array> => Promise.reject(new Error('no blob expected'));
const assertion = 'PHNhbWxwOlJlc3BvbnNlPjwvc2FtbHA6UmVzcG9uc2U+ab+/cd==';
const encoded = encodeURIComponent(assertion);

describe('decideAcsRequest', () => {
  it("captures the login window's top-level POST to any AWS ACS", () => {
    expect(decideAcsRequest(post, 7, [])).toBe('capture');
    expect(decideAcsRequest({ ...post, url: 'https://us-west-2.signin.aws.amazon.com/saml' }, 7, [])).toBe('capture');
    expect(decideAcsRequest({ ...post, url: 'https://signin.amazonaws-us-gov.com/saml' }, 7, [])).toBe('capture');
    expect(decideAcsRequest({ ...post, url: 'https://signin.amazonaws.cn/saml' }, 7, [])).toBe('capture');
    expect(decideAcsRequest({ ...post, url: 'http://127.0.0.1:4000/acs' }, 7, ['http://127.0.0.1:4000/acs'])).toBe('capture');
  });

  it('cancels an ACS POST from a frame, a script or another window, without capturing it', () => {
    expect(decideAcsRequest({ ...post, resourceType: 'subFrame' }, 7, [])).toBe('cancel');
    expect(decideAcsRequest({ ...post, resourceType: 'xhr' }, 7, [])).toBe('cancel');
    expect(decideAcsRequest({ ...post, webContentsId: 8 }, 7, [])).toBe('cancel');
    expect(decideAcsRequest({ ...post, webContentsId: undefined }, 7, [])).toBe('cancel');
  });

  it('lets everything else through: GETs, lookalike hosts, the IdP itself', () => {
    expect(decideAcsRequest({ ...post, method: 'GET' }, 7, [])).toBe('pass');
    expect(decideAcsRequest({ ...post, url: 'https://signin.aws.amazon.com.evil.example/saml' }, 7, [])).toBe('pass');
    expect(decideAcsRequest({ ...post, url: 'https://login.example.com/sso' }, 7, [])).toBe('pass');
  });
});

describe('reading the captured upload', () => {
  it('joins every chunk in order, so a large assertion split by Chromium stays whole', async () => {
    const body = `SAMLResponse=${encoded}&RelayState=team`;
    const parts: UploadPart[] = [{ bytes: Buffer.from(body.slice(0, 10)) }, { bytes: Buffer.from(body.slice(10, 31)) }, { bytes: Buffer.from(body.slice(31)) }];
    expect((await joinUploadData(parts, noBlobs)).toString()).toBe(body);
    expect(await readAcsUpload(parts, noBlobs)).toEqual({ samlResponse: assertion, relayState: 'team' });
  });

  it('fetches blob parts by their UUID', async () => {
    const blobs = new Map([['uuid-1', Buffer.from(`${encoded.slice(5)}&RelayState=x`)]]);
    const parts: UploadPart[] = [{ bytes: Buffer.from(`SAMLResponse=${encoded.slice(0, 5)}`) }, { blobUUID: 'uuid-1' }];
    const getBlob = (uuid: string): Promise<Uint8Array> => Promise.resolve(blobs.get(uuid) ?? Buffer.alloc(0));
    expect(await readAcsUpload(parts, getBlob)).toEqual({ samlResponse: assertion, relayState: 'x' });
  });

  it('reads RelayState placed before SAMLResponse', async () => {
    expect(await readAcsUpload([{ bytes: Buffer.from(`RelayState=first&SAMLResponse=${encoded}`) }], noBlobs)).toEqual({ samlResponse: assertion, relayState: 'first' });
  });

  it('refuses a second SAMLResponse field, even across chunks', async () => {
    const parts: UploadPart[] = [{ bytes: Buffer.from(`SAMLResponse=${encoded}&SAML`) }, { bytes: Buffer.from('Response=swapped') }];
    await expect(readAcsUpload(parts, noBlobs)).rejects.toMatchObject({ code: 'saml-duplicate-form-field' });
  });

  it('refuses a file part and an empty body', async () => {
    await expect(readAcsUpload([{ file: '/etc/passwd' }], noBlobs)).rejects.toMatchObject({ code: 'login-browser-failed' });
    await expect(readAcsUpload([], noBlobs)).rejects.toMatchObject({ code: 'saml-empty' });
  });

  it('recognises a multipart body by its own boundary line and reads every field of it', async () => {
    const boundary = '----WebKitFormBoundaryAbC123';
    const part = (name: string, value: string): string => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = Buffer.from(`${part('RelayState', 'r')}${part('SAMLResponse', assertion)}--${boundary}--\r\n`);
    expect(sniffFormContentType(body)).toBe(`multipart/form-data; boundary=${boundary}`);
    expect(sniffFormContentType(Buffer.from(`SAMLResponse=${encoded}`))).toBeUndefined();
    expect(await readAcsUpload([{ bytes: body }], noBlobs)).toEqual({ samlResponse: assertion, relayState: 'r' });
    const twice = Buffer.from(`${part('SAMLResponse', assertion)}${part('SAMLResponse', 'other')}--${boundary}--\r\n`);
    await expect(readAcsUpload([{ bytes: twice }], noBlobs)).rejects.toMatchObject({ code: 'saml-duplicate-form-field' });
  });
});
