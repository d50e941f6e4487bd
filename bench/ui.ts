import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { connectionsFilePath } from '../core/connections/config-path.js';
import { createConnectionStore } from '../core/connections/connection-store.js';
import { startUiHost } from '../test/e2e/support/ui-host.js';
import { callApi, openSession } from '../test/integration/server/http-request.js';
import { interleavedWallTimes } from './process-time.js';
import type { Measure } from './table.js';
import { formatTable } from './table.js';

const runs = 7;
const assetsDir = join('dist', 'renderer', 'assets');
const cli = resolve('dist/cli/main.js');

/** What a first visit downloads, by kind: gzipped kB of the built JS and CSS. */
async function bundleSizes(): Promise<readonly Measure[]> {
  const files = await readdir(assetsDir);
  return Promise.all(
    (['js', 'css'] as const).map(async (kind) => {
      const contents = await Promise.all(files.filter((file) => file.endsWith(`.${kind}`)).map((file) => readFile(join(assetsDir, file))));
      const gzipped = contents.reduce((sum, content) => sum + gzipSync(content, { level: 9 }).length, 0);
      return { name: `UI bundle ${kind.toUpperCase()}, gzipped (${contents.length} file${contents.length === 1 ? '' : 's'})`, unit: 'kB', samples: [gzipped / 1024] } satisfies Measure;
    }),
  );
}

/** Resident memory of a running process, from /proc (Linux). */
function residentMb(pid: number): number {
  const line = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? Number.NaN) / 1024;
}

interface UiStart {
  readonly listeningMs: number;
  readonly firstListMs: number;
  readonly idleMb: number;
}

/**
 * `atlas-sso ui --no-open` as a person starts it: the time until it prints its address, until the connection list is
 * served to a request like the page's, and its memory once idle.
 */
async function startOnce(home: string): Promise<UiStart> {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'ui', '--no-open'], { env: { PATH: process.env.PATH, HOME: home, AWS_EC2_METADATA_DISABLED: 'true' }, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const launchUrl = await new Promise<string>((done, fail) => {
      let text = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
        const found = /running at (\S+)/.exec(text)?.[1];
        if (found !== undefined) done(found);
      });
      child.once('exit', (code) => fail(new Error(`atlas-sso ui exited ${String(code)}`)));
    });
    const listeningMs = performance.now() - started;
    const url = new URL(launchUrl);
    const token = url.hash.replace('#token=', '');
    const port = Number(url.port);
    // As the page does: trade the one-time link's token for the session, then ask for the list.
    const session = await openSession(port, token);
    const reply = JSON.parse((await callApi(port, session, 'listConnections', {})).body) as { readonly ok?: boolean; readonly value?: { readonly connections?: readonly unknown[] } };
    if (reply.ok !== true || reply.value?.connections?.length !== 1) throw new Error(`listConnections answered ${JSON.stringify(reply).slice(0, 200)}`);
    const firstListMs = performance.now() - started;
    await sleep(1_500);
    return { listeningMs, firstListMs, idleMb: child.pid === undefined ? Number.NaN : residentMb(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(undefined)));
  }
}

/** A bare Node's idle memory, the reference for browser mode's. */
async function idleNodeMb(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  try {
    await sleep(1_000);
    return child.pid === undefined ? Number.NaN : residentMb(child.pid);
  } finally {
    child.kill('SIGTERM');
  }
}

/** The page in Chromium, from starting the host to the connection list drawn (a fresh browser context each run). */
async function chromiumColdStart(): Promise<number[]> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const totals: number[] = [];
  try {
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now();
      // No sign-in happens, so STS is never called: any loopback URL will do.
      const host = await startUiHost({ stsUrl: 'http://127.0.0.1:9', connections: [{ id: 'acme', name: 'Acme', idpUrl: 'https://idp.example.com/sso/aws' }] });
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(host.url);
        await page.getByRole('list', { name: 'Connections' }).getByRole('heading', { name: 'Acme' }).waitFor();
        totals.push(performance.now() - started);
      } finally {
        await context.close();
        await host.stop();
      }
    }
  } finally {
    await browser.close();
  }
  return totals;
}

/** Runs the benchmark (about half a minute); needs `npm run build` first. */
export async function runUiBench(): Promise<readonly Measure[]> {
  const home = await mkdtemp(join(tmpdir(), 'atlas-sso-bench-ui-'));
  try {
    await createConnectionStore(connectionsFilePath({ platform: process.platform, env: { HOME: home }, homeDir: home })).add({ name: 'Acme', idpUrl: 'https://idp.example.com/sso/aws' });
    await startOnce(home); // warm-up: file cache, compile cache
    const starts: UiStart[] = [];
    for (let run = 0; run < runs; run += 1) starts.push(await startOnce(home));
    const [floor = []] = interleavedWallTimes([{ command: process.execPath, args: ['-e', '0'], env: {} }], runs);
    const idleNode = await idleNodeMb();
    const measures: Measure[] = [
      { name: 'atlas-sso ui: listening (address printed)', unit: 'ms', samples: starts.map((start) => start.listeningMs), reference: { name: 'node -e 0', samples: floor }, goal: { kind: 'at-most', value: 250 } },
      { name: 'atlas-sso ui: first connection list served', unit: 'ms', samples: starts.map((start) => start.firstListMs), reference: { name: 'node -e 0', samples: floor }, goal: { kind: 'at-most', value: 500 } },
      ...(existsSync('/proc/self/status')
        ? [{ name: 'atlas-sso ui: idle memory (RSS)', unit: 'MB', samples: starts.map((start) => start.idleMb), reference: { name: 'idle node', samples: [idleNode] }, goal: { kind: 'at-most', value: 100 } } satisfies Measure]
        : []),
      { name: 'atlas-sso ui in Chromium: start to connection list drawn', unit: 'ms', samples: await chromiumColdStart() },
      ...(await bundleSizes()),
    ];
    return measures;
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatTable(await runUiBench()));
}
