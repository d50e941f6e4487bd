import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormClient, readForm } from '../../emulators/idp/form-client.js';
import type { SimpleSamlPhp } from '../../emulators/simplesamlphp/server.js';
import { startSimpleSamlPhp } from '../../emulators/simplesamlphp/server.js';
import { runCli } from '../../support/run-cli.js';

const folder = mkdtempSync(join(tmpdir(), 'atlas-sso-roles-explain-'));
const dba = 'arn:aws:iam::012345678901:role/team/dba,arn:aws:iam::012345678901:saml-provider/Corp';
const reader = 'arn:aws:iam::012345678901:saml-provider/Corp,arn:aws:iam::012345678901:role/reader';
// The role's provider lives in another account: STS refuses the pair.
const crossAccount = 'arn:aws:iam::012345678901:role/ops,arn:aws:iam::999999999999:saml-provider/Corp';

interface ExplainJson {
  readonly issuer: string;
  readonly destination: string;
  readonly responseSigned: boolean;
  readonly assertionSigned: boolean;
  readonly roleSessionName: string;
  readonly sessionDuration: string | null;
  readonly roles: readonly { readonly roleArn: string | null; readonly order: string | null; readonly usable: boolean }[];
  readonly problems: readonly { readonly code: string; readonly sentence: string }[];
}

describe('atlas-sso roles --explain on what SimpleSAMLphp really posts', () => {
  let idp: SimpleSamlPhp;
  // An IdP set up with the wrong ACS URL, one good user and one with every attribute problem SimpleSAMLphp can send.
  const wrongAcs = 'https://idp-proxy.example.test/saml';

  beforeAll(async () => {
    idp = await startSimpleSamlPhp({
      users: [
        { username: 'alice', password: 'alice-pass', roles: [dba, reader], sessionDuration: 3600 },
        { username: "o'brien", password: 'obrien-pass', roles: [crossAccount, 'not-a-role'], sessionDuration: 60 },
      ],
      acsUrl: wrongAcs,
    });
  });
  afterAll(async () => {
    await idp.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function postedResponse(username: string, password: string): Promise<string> {
    const client = createFormClient();
    const login = await client.get(idp.ssoUrl);
    const posted = await client.submit(login, { username, password });
    const file = join(folder, `${username.replace(/\W/g, '')}.b64`);
    writeFileSync(file, readForm(posted.html).fields.SAMLResponse ?? '');
    return file;
  }

  it('shows the facts, signatures and each Role value, and the one problem of a good user', async () => {
    const file = await postedResponse('alice', 'alice-pass');
    const run = await runCli(['roles', '--saml-response', file, '--explain', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout) as ExplainJson;
    expect(report).toMatchObject({ issuer: idp.entityId, destination: wrongAcs, responseSigned: true, assertionSigned: true, roleSessionName: 'alice', sessionDuration: '3600' });
    expect(report.roles.map((role) => [role.roleArn, role.order])).toEqual([
      ['arn:aws:iam::012345678901:role/team/dba', 'role,provider'],
      ['arn:aws:iam::012345678901:role/reader', 'provider,role'],
    ]);
    expect(report.problems.map((problem) => problem.code)).toEqual(['destination-not-aws']);
    expect(run.stdout).not.toMatch(/SignatureValue|X509|BEGIN CERTIFICATE/);
  });

  it('explains a response `roles` refuses, one sentence per problem, for people', async () => {
    const file = await postedResponse("o'brien", 'obrien-pass');
    const refused = await runCli(['roles', '--saml-response', file]);
    expect(refused.code).toBe(3);
    const run = await runCli(['roles', '--saml-response', file, '--explain']);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^What the IdP sent\n/);
    expect(run.stdout).toMatch(/Response signed: +yes\nAssertion signed: +yes\nAssertion encrypted: +no/);
    const problems = run.stdout.slice(run.stdout.indexOf('Problems (')).split('\n  - ').slice(1);
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^Role value 1 .* account 012345678901 .* account 999999999999 \(partition aws\), which STS refuses: in the IdP's AWS app, pair each role with the SAML provider in its own account\./);
    expect(problems[1]).toMatch(/^Role value 2 \("not-a-role"\) is not one role ARN/);
    expect(problems[2]).toMatch(/^The RoleSessionName "o'brien" contains "'", which STS refuses/);
    expect(problems[3]).toMatch(/^The SessionDuration "60"/);
    expect(problems[4]).toMatch(/^The response is addressed to https:\/\/idp-proxy\.example\.test\/saml/);
  });

  it('exits 0 when it finds nothing wrong', async () => {
    const run = await runCli(['roles', '--saml-response', fileURLToPath(new URL('../../fixtures/saml/encrypted.xml', import.meta.url)), '--explain']);
    expect(run.stdout).toContain('No problem found.');
    expect(run.code).toBe(0);
  });
});
