import { describe, expect, it } from 'vitest';
import type { OfferedCertificate } from '../../../core/desktop/client-certificate.js';
import { certificateAnswer, certificateLogLine, decideClientCertificate } from '../../../core/desktop/client-certificate.js';

const alice: OfferedCertificate = { subjectName: 'alice@acme.test', issuerName: 'ACME Issuing CA', fingerprint: 'sha256/AAAA' };
const aliceAdmin: OfferedCertificate = { subjectName: 'CN=alice-admin, O=ACME', issuerName: 'ACME Admin CA', fingerprint: 'sha256/BBBB' };
const offered = [alice, aliceAdmin];

describe('decideClientCertificate', () => {
  it('asks the person instead of silently taking the first certificate, one button each and Cancel', () => {
    const decision = decideClientCertificate('idp.acme.test', offered, undefined);
    expect(decision).toMatchObject({ kind: 'ask', question: { message: 'idp.acme.test asks for a client certificate', cancelId: 2, defaultId: 2 } });
    if (decision.kind !== 'ask') throw new Error('expected a question');
    expect(decision.question.buttons).toEqual(['alice@acme.test (issued by ACME Issuing CA)', 'CN=alice-admin, O=ACME (issued by ACME Admin CA)', 'Cancel']);
  });

  it('asks even when only one certificate is offered', () => {
    expect(decideClientCertificate('idp.acme.test', [alice], undefined).kind).toBe('ask');
  });

  it('uses the certificate whose subject (or CN) matches the configured one, in any case', () => {
    expect(decideClientCertificate('idp.acme.test', offered, 'ALICE-ADMIN')).toEqual({ kind: 'use', index: 1 });
    expect(decideClientCertificate('idp.acme.test', offered, 'cn=alice-admin, o=acme')).toEqual({ kind: 'use', index: 1 });
    expect(decideClientCertificate('idp.acme.test', offered, 'alice@acme.test')).toEqual({ kind: 'use', index: 0 });
  });

  it('asks, saying why, when the configured subject matches none or several', () => {
    expect(decideClientCertificate('idp.acme.test', offered, 'bob')).toMatchObject({ kind: 'ask', question: { detail: expect.stringContaining('configured subject "bob"') as unknown } });
    expect(decideClientCertificate('idp.acme.test', [alice, alice], 'alice@acme.test').kind).toBe('ask');
  });

  it('sends none when nothing is offered', () => {
    expect(decideClientCertificate('idp.acme.test', [], 'alice')).toEqual({ kind: 'none' });
  });

  it('maps the answer to a certificate, and Cancel or a closed box to none', () => {
    expect(certificateAnswer(offered, 1)).toEqual({ kind: 'use', index: 1 });
    expect(certificateAnswer(offered, 2)).toEqual({ kind: 'none' });
    expect(certificateAnswer(offered, -1)).toEqual({ kind: 'none' });
  });

  it('logs the subject, issuer and fingerprint of the certificate used, and only those', () => {
    const withData = { ...alice, data: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' };
    const line = certificateLogLine('idp.acme.test', withData);
    expect(line).toBe('Client certificate for idp.acme.test: alice@acme.test (issued by ACME Issuing CA, sha256/AAAA).');
    expect(line).not.toContain('BEGIN');
    expect(certificateLogLine('idp.acme.test', undefined)).toBe('Client certificate for idp.acme.test: none sent.');
  });
});
