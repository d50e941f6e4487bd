import { describe, expect, it } from 'vitest';
import type { IdentityDiagnosis } from '../../../core/identity/diagnose-identity.js';
import { whoamiJson, whoamiText } from '../../../core/identity/whoami-report.js';

const base: IdentityDiagnosis = {
  source: 'container',
  sourceLabel: 'the container credentials endpoint (ECS, EKS Pod Identity)',
  detail: 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  steps: [
    { source: 'environment', outcome: 'not-configured', reason: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set' },
    { source: 'credential-process', outcome: 'failed', reason: 'exit 1' },
    { source: 'container', outcome: 'answered' },
  ],
  callerArn: 'arn:aws:sts::012345678901:assumed-role/AtlasDba/task',
  accountId: '012345678901',
  atlasUser: { arn: 'arn:aws:iam::012345678901:role/AtlasDba', kind: 'role', partition: 'aws', accountId: '012345678901' },
  expiration: new Date('2030-01-02T03:04:05Z'),
  cluster: 'cluster0.example.mongodb.net',
  connection: { user: 'arn:aws:iam::012345678901:role/AtlasDba', roles: [{ role: 'readWrite', db: 'sales' }], latencyMs: 3, databases: ['sales'], serverVersion: '8.0.4' },
  problem: null,
};

describe('whoamiText', () => {
  it('shows the source, the sources tried before it, the caller, the Atlas user and where to add it, the expiry and the cluster', () => {
    expect(whoamiText(base)).toBe([
      'Source:       the container credentials endpoint (ECS, EKS Pod Identity) — AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'Tried before: keys in environment variables (AWS_ACCESS_KEY_ID): not configured (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set)',
      '              a credential_process in the shared AWS files: failed: exit 1',
      'Caller:       arn:aws:sts::012345678901:assumed-role/AtlasDba/task',
      'Atlas user:   arn:aws:iam::012345678901:role/AtlasDba (Atlas → Database Access → Add New Database User → AWS IAM → IAM Role)',
      'Expires:      2030-01-02T03:04:05.000Z',
      'Cluster:      cluster0.example.mongodb.net: signed in as arn:aws:iam::012345678901:role/AtlasDba (readWrite@sales)',
      '',
    ].join('\n'));
  });

  it('says "IAM User" for a user, and that the expiry of long-term keys is not known', () => {
    const user: IdentityDiagnosis = { ...base, source: 'environment', steps: [], detail: null, sourceLabel: 'keys in environment variables (AWS_ACCESS_KEY_ID)', callerArn: 'arn:aws:iam::012345678901:user/ci', atlasUser: { arn: 'arn:aws:iam::012345678901:user/ci', kind: 'user', partition: 'aws', accountId: '012345678901' }, expiration: null, cluster: null, connection: null };
    const text = whoamiText(user);
    expect(text).toContain('Atlas user:   arn:aws:iam::012345678901:user/ci (Atlas → Database Access → Add New Database User → AWS IAM → IAM User)');
    expect(text).toContain('Expires:      not known');
    expect(text).not.toContain('Tried');
  });

  it('lists every source tried when none answered, and nothing else', () => {
    const none: IdentityDiagnosis = { ...base, source: null, sourceLabel: null, detail: null, steps: base.steps.slice(0, 2), callerArn: null, accountId: null, atlasUser: null, expiration: null, cluster: null, connection: null, problem: { code: 'identity-no-credentials', message: 'none' } };
    expect(whoamiText(none).split('\n')[0]).toMatch(/^Tried: {8}keys in environment variables/);
    expect(whoamiText(none)).not.toMatch(/Caller|Expires/);
  });
});

describe('whoamiJson', () => {
  it('gives stable fields, ISO dates and role@db strings', () => {
    expect(whoamiJson(base)).toEqual({
      source: 'container',
      sourceLabel: base.sourceLabel,
      detail: 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      steps: [
        { source: 'environment', outcome: 'not-configured', reason: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set' },
        { source: 'credential-process', outcome: 'failed', reason: 'exit 1' },
        { source: 'container', outcome: 'answered', reason: null },
      ],
      callerArn: base.callerArn,
      accountId: '012345678901',
      atlasUser: { arn: 'arn:aws:iam::012345678901:role/AtlasDba', kind: 'role' },
      expiration: '2030-01-02T03:04:05.000Z',
      cluster: { address: 'cluster0.example.mongodb.net', user: 'arn:aws:iam::012345678901:role/AtlasDba', roles: ['readWrite@sales'], serverVersion: '8.0.4' },
      problem: null,
    });
  });
});
