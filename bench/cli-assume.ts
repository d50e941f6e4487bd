import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { allDemoRoleValues, startDemoSts } from '../test/emulators/demo-corp.js';
import { buildSamlResponseBase64 } from '../test/emulators/idp/saml-response.js';
import { formatMs, median } from './stats.js';

const runs = 15;

async function timeProcess(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) throw new Error(`${args.join(' ')} exited ${String(code)}`);
  return performance.now() - started;
}

/** `atlas-sso assume` end to end against the STS emulator: the whole command vs the emulator's own handling time. */
export async function runCliAssumeBench(): Promise<readonly string[]> {
  const sts = await startDemoSts();
  const folder = mkdtempSync(join(tmpdir(), 'atlas-sso-bench-'));
  try {
    const env = { PATH: process.env.PATH, HOME: folder };
    const cli = resolve('dist/cli/main.js');
    const totals: number[] = [];
    const floor: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      // A fresh assertion each run: the emulator, like AWS, checks the issue instant.
      const file = join(folder, `response-${run}.b64`);
      writeFileSync(file, buildSamlResponseBase64({ roles: allDemoRoleValues, roleSessionName: 'alice' }));
      floor.push(await timeProcess(['-e', '0'], env));
      totals.push(await timeProcess([cli, 'assume', '--saml-response', file, '--role', 'AtlasDba', '--sts-endpoint', sts.url, '--format', 'credential-process'], env));
    }
    const handling = sts.handlingTimesMs.slice(-runs);
    const total = median(totals);
    const server = median(handling);
    const start = median(floor);
    return [
      `atlas-sso assume (credential-process) against the STS emulator, median of ${runs} runs:`,
      `  whole command ${formatMs(total)}; emulator handling ${formatMs(server)} (signature check included); node -e 0 ${formatMs(start)}`,
      `  our overhead over the emulator ${formatMs(total - server)}, of which Node start ${formatMs(start)} and our code + SDK ${formatMs(total - server - start)}`,
    ];
  } finally {
    await sts.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runCliAssumeBench()) console.log(line);
}
