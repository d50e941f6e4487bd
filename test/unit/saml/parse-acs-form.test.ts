import { describe, expect, it } from 'vitest';
import { parseAcsFormBody } from '../../../core/saml/parse-acs-form.js';
import { AtlasSsoError } from '../../../core/errors.js';

const base64 = 'PHNhbWxwOlJlc3BvbnNlIC8+a+b/c==';
const encoded = encodeURIComponent(base64);

function refusal(body: string): AtlasSsoError {
  try {
    parseAcsFormBody(body);
  } catch (error) {
    if (error instanceof AtlasSsoError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseAcsFormBody', () => {
  it('reads SAMLResponse before RelayState, turning %2B back into the base64 plus', () => {
    expect(encoded).toContain('%2B');
    expect(parseAcsFormBody(`SAMLResponse=${encoded}&RelayState=https%3A%2F%2Fconsole.aws.amazon.com%2F`)).toEqual({
      samlResponse: base64,
      relayState: 'https://console.aws.amazon.com/',
    });
  });

  it('reads SAMLResponse after RelayState and returns null when there is no RelayState', () => {
    expect(parseAcsFormBody(`RelayState=abc&SAMLResponse=${encoded}`)).toEqual({ samlResponse: base64, relayState: 'abc' });
    expect(parseAcsFormBody(`SAMLResponse=${encoded}`)).toEqual({ samlResponse: base64, relayState: null });
  });

  it('decodes a raw + as a space, as every form parser does', () => {
    expect(parseAcsFormBody('SAMLResponse=a+b').samlResponse).toBe('a b');
  });

  it('refuses a body without SAMLResponse, or with an empty one', () => {
    for (const body of ['', 'RelayState=x', 'samlresponse=abc', 'SAMLResponse=', 'SAMLResponse=%20%20']) {
      const error = refusal(body);
      expect(error.code).toBe('saml-empty');
      expect(error.message).toMatch(/^The sign-in form holds no SAMLResponse field.*\.$/);
    }
  });

  it('refuses a duplicated SAMLResponse field, wherever the second one is, without echoing either', () => {
    for (const body of [`SAMLResponse=${encoded}&SAMLResponse=QUJDRA%3D%3D`, `SAMLResponse=${encoded}&RelayState=x&SAMLResponse=${encoded}`]) {
      const error = refusal(body);
      expect(error.code).toBe('saml-duplicate-form-field');
      expect(error.message).toContain('2 SAMLResponse fields');
      expect(error.message).not.toContain('PHNhbWxw');
      expect(error.message).not.toContain('QUJDRA');
    }
  });
});
