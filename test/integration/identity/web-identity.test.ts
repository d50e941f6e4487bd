import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasSsoError } from '../../../core/errors.js';
import { getCallerIdentity } from '../../../core/identity/caller-identity.js';
import { assumeRoleWithWebIdentity } from '../../../core/identity/web-identity.js';
import { demoRoles } from '../../emulators/demo-corp.js';
import { createOidcTestIssuer } from '../../emulators/sts/index.js';
import type { IdentityWorld } from './identity-world.js';
import { serviceAccount, startIdentityWorld } from './identity-world.js';

let world: IdentityWorld;

beforeAll(async () => {
  world = await startIdentityWorld();
});
afterAll(async () => {
  await world.close();
});

async function envWith(token: string, roleArn: string = demoRoles.dba.roleArn): Promise<NodeJS.ProcessEnv> {
  return { AWS_WEB_IDENTITY_TOKEN_FILE: await world.file(`token-${Math.random().toString(36).slice(2)}`, token), AWS_ROLE_ARN: roleArn, AWS_ROLE_SESSION_NAME: 'orders-pod' };
}

async function refusal(token: string, roleArn?: string): Promise<AtlasSsoError> {
  try {
    await assumeRoleWithWebIdentity({ env: await envWith(token, roleArn), endpoint: world.sts.url });
  } catch (error) {
    const failure = error as AtlasSsoError;
    expect(failure.message).not.toContain(token);
    return failure;
  }
  throw new Error('expected STS to refuse');
}

describe('assumeRoleWithWebIdentity against the STS emulator', () => {
  it('gets keys for AWS_ROLE_ARN with the session name, and GetCallerIdentity names that session', async () => {
    const assumed = await assumeRoleWithWebIdentity({ env: await envWith(world.issuer.token({ subject: serviceAccount })), endpoint: world.sts.url });
    expect(assumed.assumedRoleArn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/orders-pod');
    expect(assumed).toMatchObject({ region: 'us-east-1', endpoint: world.sts.url, durationSeconds: 3600 });
    expect(world.sts.issued.get(assumed.credentials.accessKeyId)?.secretAccessKey).toBe(assumed.credentials.secretAccessKey);
    const caller = await getCallerIdentity({ keys: assumed.credentials, sourceLabel: 'test', region: 'us-east-1', endpoint: world.sts.url, env: {} });
    expect(caller).toMatchObject({ arn: 'arn:aws:sts::012345678901:assumed-role/AtlasDba/orders-pod', accountId: '012345678901' });
  });

  it('refuses a token signed by a key the OIDC provider does not publish', async () => {
    const failure = await refusal(world.issuer.forgedToken({ subject: serviceAccount }));
    expect(failure.code).toBe('sts-invalid-identity-token');
    expect(failure.message).toMatch(/signature could not be verified/);
  });

  it('refuses an issuer not registered in IAM, and a wrong audience', async () => {
    const stranger = createOidcTestIssuer('https://oidc.eks.eu-west-1.amazonaws.com/id/UNREGISTERED');
    expect((await refusal(stranger.token({ subject: serviceAccount }))).message).toMatch(/No OpenIDConnect provider found in your account for https:\/\/oidc\.eks\.eu-west-1/);
    expect((await refusal(world.issuer.token({ subject: serviceAccount, audience: 'kubernetes.default.svc' }))).message).toMatch(/Incorrect token audience/);
  });

  it('says an expired token has expired', async () => {
    const failure = await refusal(world.issuer.token({ subject: serviceAccount, issuedAt: new Date(Date.now() - 7_200_000) }));
    expect(failure.code).toBe('identity-token-expired');
  });

  it("refuses a service account the role's trust policy does not name, and a role that trusts no web identity", async () => {
    expect((await refusal(world.issuer.token({ subject: 'system:serviceaccount:other:intruder' }))).code).toBe('sts-access-denied');
    const failure = await refusal(world.issuer.token({ subject: serviceAccount }), demoRoles.analyst.roleArn);
    expect(failure.message).toMatch(/^AWS denied arn:aws:iam::210987654321:role\/Analyst to this web identity/);
  });

  it('says when the token file cannot be read, before calling STS', async () => {
    const before = world.sts.requests.length;
    await expect(assumeRoleWithWebIdentity({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: join(world.folder, 'missing'), AWS_ROLE_ARN: demoRoles.dba.roleArn }, endpoint: world.sts.url }))
      .rejects.toMatchObject({ code: 'identity-token-unreadable', message: expect.stringMatching(/^No such file: .*missing \(the web identity token file\)/) as unknown });
    expect(world.sts.requests).toHaveLength(before);
  });
});
