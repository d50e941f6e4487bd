// The reference beside `assume` in bench/cli-assume.ts: one AssumeRoleWithSAML through @aws-sdk/client-sts, its client
// made by core/aws/sts-client.ts as for `assume`, bundled as the CLI is, and nothing else of ours (no argument parsing,
// no SAML reading). What it takes is the SDK's own share of the `assume` measure.
// Arguments: the base64 SAMLResponse's file, the role ARN, the provider ARN, the STS endpoint.
import { readFileSync } from 'node:fs';
import { createStsClient } from '../core/aws/sts-client.js';

const [samlFile = '', roleArn, principalArn, endpoint = ''] = process.argv.slice(2);
// The SDK loaded as core/aws/assume-role-with-saml.ts loads it, so that it is split into the same chunks.
void Promise.all([createStsClient('us-east-1', endpoint), import('@aws-sdk/client-sts')])
  .then(([client, { AssumeRoleWithSAMLCommand }]) => client.send(new AssumeRoleWithSAMLCommand({ RoleArn: roleArn, PrincipalArn: principalArn, SAMLAssertion: readFileSync(samlFile, 'utf8').trim() })))
  .then((reply) => process.stdout.write(`${reply.Credentials?.AccessKeyId ?? 'no keys'}\n`));
