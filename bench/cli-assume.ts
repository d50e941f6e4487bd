import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { nodeBundleConfig } from '../cli/vite.main.config.js';
import { allDemoRoleValues, demoRoles, startDemoSts } from '../test/emulators/demo-corp.js';
import { buildSamlResponseBase64 } from '../test/emulators/idp/saml-response.js';
import type { Measure } from './table.js';
import { formatTable } from './table.js';

// Enough runs that one busy moment of the machine does not move the median.
const runs = 31;

async function timeProcess(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) throw new Error(`${args.join(' ')} exited ${String(code)}`);
  return performance.now() - started;
}

/**
 * `atlas-sso assume` end to end against the STS emulator, less what is not ours: Node's own start (node -e 0, run just
 * before) and the emulator's handling time (signature check included), each of the same run. Beside it, measured the
 * same way in the same rounds, the same STS call made by @aws-sdk/client-sts alone (bench/sts-call-alone.ts): the
 * part of the measure that is the SDK's.
 */
export async function runCliAssumeBench(): Promise<readonly Measure[]> {
  const sts = await startDemoSts();
  const folder = mkdtempSync(join(tmpdir(), 'atlas-sso-bench-'));
  try {
    const alone = join(folder, 'sts-call-alone');
    await build(nodeBundleConfig(resolve('bench/sts-call-alone.ts'), alone));
    const env = { PATH: process.env.PATH, HOME: folder, AWS_EC2_METADATA_DISABLED: 'true' };
    // The CLI keeps Node's compile cache; so does its reference, through Node's variable.
    const sdkEnv = { ...env, NODE_COMPILE_CACHE: join(folder, 'compile-cache') };
    const cli = resolve('dist/cli/main.js');
    const overhead: number[] = [];
    const outside: number[] = [];
    const sdkOverhead: number[] = [];
    const sdkOutside: number[] = [];
    /** One run of `args` less Node's start and the emulator's time, measured just before and during it. */
    const timeBeyondNodeAndSts = async (args: readonly string[], runEnv: NodeJS.ProcessEnv): Promise<{ beyond: number; outside: number }> => {
      const floor = await timeProcess(['-e', '0'], env);
      const total = await timeProcess(args, runEnv);
      const handling = sts.handlingTimesMs.at(-1) ?? Number.NaN;
      return { beyond: total - floor - handling, outside: floor + handling };
    };
    for (let run = 0; run <= runs; run += 1) {
      // A fresh assertion each run: the emulator, like AWS, checks the issue instant.
      const file = join(folder, `response-${run}.b64`);
      writeFileSync(file, buildSamlResponseBase64({ roles: allDemoRoleValues, roleSessionName: 'alice' }));
      const ours = await timeBeyondNodeAndSts([cli, 'assume', '--saml-response', file, '--role', 'AtlasDba', '--sts-endpoint', sts.url, '--format', 'credential-process'], env);
      const sdk = await timeBeyondNodeAndSts([join(alone, 'sts-call-alone.cjs'), file, demoRoles.dba.roleArn, demoRoles.dba.principalArn, sts.url], sdkEnv);
      // The first run warms the file cache and the compile cache.
      if (run === 0) continue;
      overhead.push(ours.beyond);
      outside.push(ours.outside);
      sdkOverhead.push(sdk.beyond);
      sdkOutside.push(sdk.outside);
    }
    return [
      { name: 'assume: our code + SDK beyond Node start and STS', unit: 'ms', samples: overhead, reference: { name: 'node -e 0 + STS emulator', samples: outside }, goal: { kind: 'at-most', value: 60 } },
      { name: 'the same STS call by client-sts alone', unit: 'ms', samples: sdkOverhead, reference: { name: 'node -e 0 + STS emulator', samples: sdkOutside } },
    ];
  } finally {
    await sts.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatTable(await runCliAssumeBench()));
}
