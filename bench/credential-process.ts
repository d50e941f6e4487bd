import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnectionStore } from '../core/connections/connection-store.js';
import { createKeysCache } from '../core/credentials/keys-cache.js';
import { createEncryptedFileStore } from '../core/credentials/keys-cache-file.js';
import { interleavedWallTimes } from './process-time.js';
import type { Measure } from './table.js';
import { formatTable } from './table.js';

/**
 * What an SDK waits for at every start: `credential-process` on a warm cache, against the floor and today's habit.
 * Each round is two short processes; with 21 the ratio moved between 1.24× and 1.49× from run to run, with 61 it holds.
 */
const rounds = 61;
const role = 'arn:aws:iam::012345678901:role/AtlasDba';
const cli = resolve('dist/cli/main.js');
const aws = '/usr/bin/aws';

/** Runs the benchmark (about a minute with the AWS CLI); needs `npm run build` first. */
export async function runCredentialProcessBench(): Promise<readonly Measure[]> {
  if (!existsSync(cli)) throw new Error('credential-process: run `npm run build` first');
  const folder = await mkdtemp(join(tmpdir(), 'atlas-sso-bench-cp-'));
  try {
    const configFile = join(folder, 'config', 'connections.json');
    const store = createConnectionStore(configFile);
    const connection = await store.add({ name: 'Bench', idpUrl: 'https://idp.example.com/aws', defaultRole: role });
    const expiration = new Date(Date.now() + 3_600_000);
    await createKeysCache({ stores: [createEncryptedFileStore(join(dirname(configFile), 'keys-cache'))] }).put(
      { connectionId: connection.id, role },
      { accessKeyId: 'ASIABENCHEXAMPLE0001', secretAccessKey: 'bench-secret', sessionToken: 'bench-token'.repeat(40), expiration },
    );
    const credentialsFile = join(folder, 'aws', 'credentials');
    await mkdir(dirname(credentialsFile), { recursive: true });
    await writeFile(credentialsFile, '[static]\naws_access_key_id = AKIABENCHEXAMPLE0001\naws_secret_access_key = bench-secret\n', { mode: 0o600 });
    const env = { PATH: process.env.PATH, HOME: folder, ATLAS_SSO_CONFIG: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: join(folder, 'aws', 'config'), AWS_EC2_METADATA_DISABLED: 'true' };

    const floor = { command: process.execPath, args: ['-e', '0'], env };
    const ours = { command: process.execPath, args: [cli, 'credential-process', '--connection', connection.id], env };
    const [oursSamples = [], floorSamples = []] = interleavedWallTimes([ours, floor], rounds);
    const measures: Measure[] = [
      { name: 'credential-process, warm cache', unit: 'ms', samples: oursSamples, reference: { name: 'node -e 0', samples: floorSamples }, goal: { kind: 'ratio-at-most', value: 1.3 } },
    ];
    if (existsSync(aws)) {
      // Fewer rounds: the AWS CLI takes a second or more each.
      const [againOurs = [], awsSamples = []] = interleavedWallTimes([ours, { command: aws, args: ['configure', 'export-credentials', '--profile', 'static', '--format', 'process'], env }], 9);
      measures.push({
        name: 'credential-process vs the AWS CLI',
        unit: 'ms',
        samples: againOurs,
        reference: { name: 'aws configure export-credentials (static)', samples: awsSamples },
        ratio: 'reference-over-ours',
        goal: { kind: 'ratio-at-least', value: 5 },
      });
    }
    return measures;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatTable(await runCredentialProcessBench()));
}
