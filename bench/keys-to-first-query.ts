import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { MongoClient } from 'mongodb';
import type { TemporaryCredentials } from '../core/aws/temporary-credentials.js';
import { childEnvWithKeys } from '../core/session/child-env.js';
import { demoRoles, startDemoAtlas, startDemoSts } from '../test/emulators/demo-corp.js';
import type { Measure } from './table.js';
import { formatTable } from './table.js';

/** From having keys to the first query result: the driver in-process, the real mongosh, and mongosh's bare start-up as the floor. */
const runs = 5;
const mongosh = resolve('node_modules/.bin/mongosh');


/** Connect, authenticate (MONGODB-AWS replayed to STS) and read one document, as testConnection does, then close. */
async function driverFirstQuery(uri: string, credentials: TemporaryCredentials): Promise<number> {
  const started = performance.now();
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = credentials;
  const client = new MongoClient(uri, { authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: () => Promise.resolve({ accessKeyId, secretAccessKey, sessionToken, expiration }) }, maxPoolSize: 1 });
  try {
    await client.connect();
    const order = await client.db('sales').collection('orders').findOne({});
    if (order === null) throw new Error('no sample data');
    return performance.now() - started;
  } finally {
    await client.close();
  }
}

/** Starts mongosh and resolves with the milliseconds until its first output (the query result); fails on a non-zero exit. */
async function mongoshFirstOutput(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(mongosh, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let firstOutput: number | undefined;
  let stderr = '';
  child.stdout.once('data', () => (firstOutput = performance.now() - started));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((done) => child.once('close', done));
  if (code !== 0 || firstOutput === undefined) throw new Error(`mongosh ended with ${String(code)}: ${stderr.slice(0, 200)}`);
  return firstOutput;
}

async function sample(measure: () => Promise<number>): Promise<number[]> {
  await measure(); // warm-up: file cache, JIT
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) samples.push(await measure());
  return samples;
}

/** Runs the benchmark (about 30 s) and returns the lines to print. */
export async function runKeysToFirstQueryBench(): Promise<readonly Measure[]> {
  const sts = await startDemoSts();
  const atlas = await startDemoAtlas(sts);
  const home = await mkdtemp(join(tmpdir(), 'atlas-sso-bench-home-'));
  try {
    const keys = sts.issueFor(demoRoles.dba.roleArn, 'bench');
    const base: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      MONGOSH_FORCE_DISABLE_TELEMETRY_FOR_TESTING: '1',
      MONGOSH_SKIP_NODE_VERSION_CHECK: '1',
      DO_NOT_TRACK: '1',
      CI: '1',
    };
    const env = childEnvWithKeys({ base, credentials: keys, region: 'us-east-1', platform: process.platform });
    const driver = await sample(() => driverFirstQuery(atlas.uri, keys));
    const shell = await sample(() => mongoshFirstOutput([atlas.uri, '--quiet', '--norc', '--eval', "db.getSiblingDB('sales').orders.findOne()._id"], env));
    const floor = await sample(() => mongoshFirstOutput(['--nodb', '--quiet', '--norc', '--eval', '1'], base));
    return [
      { name: 'keys to first query: mongodb driver (connect, MONGODB-AWS, findOne)', unit: 'ms', samples: driver },
      { name: 'keys to first query: mongosh --eval', unit: 'ms', samples: shell, reference: { name: 'mongosh --nodb --eval 1', samples: floor } },
    ];
  } finally {
    await atlas.close();
    await sts.close();
    await rm(home, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatTable(await runKeysToFirstQueryBench()));
}
