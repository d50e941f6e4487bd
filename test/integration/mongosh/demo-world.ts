/** Demo Corp's STS and Atlas with a movable STS clock, SAML files and a sealed mongosh environment, for the CLI and mongosh tests. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import type { AtlasEmulator } from '../../emulators/atlas/index.js';
import { allDemoRoleValues, startDemoAtlas, startDemoSts } from '../../emulators/demo-corp.js';
import type { SamlResponseSpec } from '../../emulators/idp/saml-response.js';
import { buildSamlResponseBase64 } from '../../emulators/idp/saml-response.js';
import type { StsEmulator } from '../../emulators/sts/index.js';

/** The real mongosh 2.12.0 from node_modules. */
export const mongoshPath = resolve('node_modules/.bin/mongosh');

/**
 * An environment that reads none of this machine's AWS files or metadata and keeps mongosh quiet and offline:
 * node_modules/.bin first on PATH, a temp HOME, STS at `stsEndpoint` ('' for none).
 */
export function sealedEnv(folder: string, stsEndpoint: string): Readonly<Record<string, string>> {
  return {
    PATH: [resolve('node_modules/.bin'), process.env.PATH ?? ''].join(delimiter),
    HOME: folder,
    AWS_ENDPOINT_URL_STS: stsEndpoint,
    AWS_CONFIG_FILE: join(folder, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(folder, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    MONGOSH_FORCE_DISABLE_TELEMETRY_FOR_TESTING: '1',
    MONGOSH_SKIP_NODE_VERSION_CHECK: '1',
    DO_NOT_TRACK: '1',
    CI: '1',
    SHELL: '/bin/bash',
  };
}

/** How far the STS clock is moved, in ms: while keys are issued, and once someone asks GetCallerIdentity (Atlas replaying a sign-in). */
export interface ClockSkew {
  readonly whileIssuing: number;
  readonly forCallerIdentity: number;
}

export interface DemoWorld {
  readonly sts: StsEmulator;
  readonly atlas: AtlasEmulator;
  readonly folder: string;
  /** Environment for the CLI and what it starts: mongosh finds only a throw-away HOME, no AWS files, no telemetry, node_modules/.bin on PATH. */
  readonly env: Readonly<Record<string, string>>;
  /** Writes a freshly signed SAML response (all Demo Corp roles, session "alice") and returns its path. */
  samlFile(spec?: Partial<SamlResponseSpec>): Promise<string>;
  /** Moves the STS clock from now on; `resetClock` puts it back. */
  skewClock(skew: ClockSkew): void;
  resetClock(): void;
  close(): Promise<void>;
}

export async function startDemoWorld(): Promise<DemoWorld> {
  const folder = await mkdtemp(join(tmpdir(), 'atlas-sso-demo-world-'));
  let skew: ClockSkew & { readonly fromRequest: number } = { whileIssuing: 0, forCallerIdentity: 0, fromRequest: 0 };
  const holder: { sts?: StsEmulator } = {};
  const sts = await startDemoSts({
    clock: () => {
      const asked = (holder.sts?.requests ?? []).slice(skew.fromRequest).some((request) => request.action === 'GetCallerIdentity');
      return new Date(Date.now() + (asked ? skew.forCallerIdentity : skew.whileIssuing));
    },
  });
  holder.sts = sts;
  const atlas = await startDemoAtlas(sts);
  let files = 0;
  return {
    sts,
    atlas,
    folder,
    env: sealedEnv(folder, ''),
    async samlFile(spec = {}) {
      files += 1;
      const path = join(folder, `response-${files}.b64`);
      await writeFile(path, buildSamlResponseBase64({ roles: allDemoRoleValues, roleSessionName: 'alice', ...spec }));
      return path;
    },
    skewClock(next) {
      skew = { ...next, fromRequest: sts.requests.length };
    },
    resetClock() {
      skew = { whileIssuing: 0, forCallerIdentity: 0, fromRequest: 0 };
    },
    async close() {
      await atlas.close();
      await sts.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
