/**
 * Demo Corp's STS (also trusting an EKS cluster's OIDC issuer), its Atlas, the ECS and EC2 credential endpoints, and
 * a sealed environment, for the tests of every passwordless path. Nothing here listens anywhere but 127.0.0.1.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AtlasEmulator } from '../../emulators/atlas/index.js';
import type { ContainerEndpoint, InstanceMetadataEndpoint } from '../../emulators/aws-metadata/index.js';
import { startContainerEndpoint, startInstanceMetadataEndpoint } from '../../emulators/aws-metadata/index.js';
import { allDemoRoleValues, demoRoles, startDemoAtlas } from '../../emulators/demo-corp.js';
import { buildSamlResponseBase64, fixtureIdpKey } from '../../emulators/idp/saml-response.js';
import type { IssuedCredentials, OidcTestIssuer, StsEmulator } from '../../emulators/sts/index.js';
import { createOidcTestIssuer, startStsEmulator } from '../../emulators/sts/index.js';
import { sealedEnv } from '../mongosh/demo-world.js';

/** The Kubernetes service account the EKS role trusts. */
export const serviceAccount = 'system:serviceaccount:shop:orders';

export interface IdentityWorld {
  readonly sts: StsEmulator;
  readonly atlas: AtlasEmulator;
  readonly issuer: OidcTestIssuer;
  readonly ecs: ContainerEndpoint;
  readonly imds: InstanceMetadataEndpoint;
  /** The task role's keys the ECS endpoint serves (AtlasDba) and the instance profile's the IMDS serves (Analyst). */
  readonly ecsKeys: IssuedCredentials;
  readonly imdsKeys: IssuedCredentials;
  readonly folder: string;
  /** No AWS files, no metadata service, no telemetry, node_modules/.bin on PATH: each test adds the one source it is about. */
  readonly env: Readonly<Record<string, string>>;
  /** Writes a file in the world's folder and returns its path. */
  file(name: string, content: string): Promise<string>;
  /** A freshly signed SAML response with every Demo Corp role, session "alice". */
  samlFile(): Promise<string>;
  close(): Promise<void>;
}

export async function startIdentityWorld(): Promise<IdentityWorld> {
  const folder = await mkdtemp(join(tmpdir(), 'atlas-sso-identity-'));
  const issuer = createOidcTestIssuer();
  const sts = await startStsEmulator({
    providers: [...new Set(Object.values(demoRoles).map((role) => role.principalArn))].map((principalArn) => ({ principalArn, certificatePem: fixtureIdpKey.certificatePem })),
    roles: Object.values(demoRoles).map((role) => ({
      roleArn: role.roleArn,
      ...(role === demoRoles.dba || role === demoRoles.noDbUser ? { trustedWebIdentities: [{ issuer: issuer.issuer, subject: serviceAccount }] } : {}),
    })),
    oidcProviders: [issuer.provider],
  });
  const atlas = await startDemoAtlas(sts);
  const ecsKeys = sts.issueFor(demoRoles.dba.roleArn, 'ecs-task-0123');
  const imdsKeys = sts.issueFor(demoRoles.analyst.roleArn, 'i-0abc123');
  const ecs = await startContainerEndpoint({ credentials: () => ecsKeys, roleArn: demoRoles.dba.roleArn });
  const imds = await startInstanceMetadataEndpoint({ roleName: 'Analyst', credentials: () => imdsKeys });
  let files = 0;
  const file = async (name: string, content: string): Promise<string> => {
    const path = join(folder, name);
    await writeFile(path, content, { mode: 0o600 });
    return path;
  };
  return {
    sts,
    atlas,
    issuer,
    ecs,
    imds,
    ecsKeys,
    imdsKeys,
    folder,
    env: sealedEnv(folder, sts.url),
    file,
    samlFile() {
      files += 1;
      return file(`response-${files}.b64`, buildSamlResponseBase64({ roles: allDemoRoleValues, roleSessionName: 'alice' }));
    },
    async close() {
      await ecs.close();
      await imds.close();
      await atlas.close();
      await sts.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
