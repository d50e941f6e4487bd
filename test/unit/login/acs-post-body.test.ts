import { describe, expect, it } from 'vitest';
import { acsPostBodyText } from '../../../core/login/acs-post-body.js';
import { parseAcsFormBody } from '../../../core/saml/parse-acs-form.js';

function multipart(fields: readonly (readonly [string, string])[]): { body: Buffer; contentType: string } {
  const boundary = '----atlas-sso-test';
  const parts = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('');
  return { body: Buffer.from(`${parts}--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('acsPostBodyText', () => {
  it('passes a urlencoded body through untouched', async () => {
    expect(await acsPostBodyText(Buffer.from('SAMLResponse=ab%2Bc%3D&RelayState=x'), 'application/x-www-form-urlencoded')).toBe('SAMLResponse=ab%2Bc%3D&RelayState=x');
  });

  it('reads a multipart body into fields parseAcsFormBody reads back exactly', async () => {
    const { body, contentType } = multipart([['SAMLResponse', 'PHNhbWw+ab+/cd=='], ['RelayState', 'team a']]);
    expect(parseAcsFormBody(await acsPostBodyText(body, contentType))).toEqual({ samlResponse: 'PHNhbWw+ab+/cd==', relayState: 'team a' });
  });

  it('keeps a duplicated SAMLResponse in a multipart body, so it is still refused', async () => {
    const { body, contentType } = multipart([['SAMLResponse', 'first'], ['SAMLResponse', 'second']]);
    await expect(acsPostBodyText(body, contentType).then(parseAcsFormBody)).rejects.toMatchObject({ code: 'saml-duplicate-form-field' });
  });

  it('gives no fields for a missing body or a broken multipart one', async () => {
    expect(await acsPostBodyText(null, 'application/x-www-form-urlencoded')).toBe('');
    expect(await acsPostBodyText(Buffer.from('not multipart at all'), 'multipart/form-data; boundary=zzz')).toBe('');
  });
});
