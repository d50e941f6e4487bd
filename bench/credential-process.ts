import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createConnectionStore } from '../core/connections/connection-store.js';
import { createKeysCache } from '../core/credentials/keys-cache.js';
import { createEncryptedFileStore } from '../core/credentials/keys-cache-file.js';
import { median } from './stats.js';

/** What an SDK waits for at every start: `credential-process` on a warm cache, against the floor and today's habit. */
const runs = 15;
const role = 'arn:aws:iam::012345678901:role/AtlasDba';
const cli = resolve('dist/cli/main.js');
const aws = '/usr/bin/aws';


/** Median wall time (ms) of a command that must succeed, after one warm-up run. */
function time(command: string, args: readonly string[], env: NodeJS.ProcessEnv): number {
  const samples: number[] = [];
  for (let index = 0; index <= runs; index += 1) {
    const start = performance.now();
    const result = spawnSync(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const elapsed = performance.now() - start;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr.toString().slice(0, 500)}`);
    if (index > 0) samples.push(elapsed);
  }
  return median(samples);
}

/** Runs the benchmark (a few seconds) and returns the lines to print; needs `npm run build` first. */
export async function runCredentialProcessBench(): Promise<readonly string[]> {
  if (!existsSync(cli)) return ['credential-process: skipped, run `npm run build` first'];
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
    const env = { PATH: process.env.PATH, HOME: folder, ATLAS_SSO_CONFIG: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: join(folder, 'aws', 'config') };

    const ours = time(process.execPath, [cli, 'credential-process', '--connection', connection.id], env);
    const floor = time(process.execPath, ['-e', '0'], env);
    const lines = [
      `credential_process: median wall time of ${runs} runs each`,
      `  atlas-sso credential-process, warm cache   ${ours.toFixed(0).padStart(5)} ms`,
      `  node -e 0 (the floor)                      ${floor.toFixed(0).padStart(5)} ms`,
    ];
    if (existsSync(aws)) {
      const today = time(aws, ['configure', 'export-credentials', '--profile', 'static', '--format', 'process'], env);
      lines.push(`  aws configure export-credentials (static) ${today.toFixed(0).padStart(5)} ms`);
    } else {
      lines.push(`  aws configure export-credentials: skipped, ${aws} is not installed`);
    }
    return lines;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runCredentialProcessBench()) console.log(line);
}
