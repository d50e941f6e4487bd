import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startUiHost } from '../test/e2e/support/ui-host.js';
import { formatMs, median } from './stats.js';

const runs = 5;
const assetsDir = join('dist', 'renderer', 'assets');

/** What a first visit downloads, by kind: raw and gzipped bytes of the built JS and CSS. */
async function bundleSizes(): Promise<readonly string[]> {
  const files = await readdir(assetsDir);
  const lines: string[] = [];
  for (const kind of ['js', 'css'] as const) {
    const contents = await Promise.all(files.filter((file) => file.endsWith(`.${kind}`)).map((file) => readFile(join(assetsDir, file))));
    const raw = contents.reduce((sum, content) => sum + content.length, 0);
    const gzipped = contents.reduce((sum, content) => sum + gzipSync(content, { level: 9 }).length, 0);
    lines.push(`UI bundle ${kind.toUpperCase()}: ${(gzipped / 1024).toFixed(1)} kB gzipped (${(raw / 1024).toFixed(1)} kB raw, ${contents.length} file${contents.length === 1 ? '' : 's'})`);
  }
  return lines;
}

/**
 * Browser mode's cold start as a person meets it: from running `atlas-sso ui --no-open` to the connection list drawn
 * in Chromium (a fresh browser context each run, so nothing is cached); the server's share is its time to print the address.
 */
export async function runUiBench(): Promise<readonly string[]> {
  const sizes = await bundleSizes();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const totals: number[] = [];
  const serverUp: number[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      // No sign-in happens, so STS is never called: any loopback URL will do.
      const host = await startUiHost({ stsUrl: 'http://127.0.0.1:9', connections: [{ id: 'acme', name: 'Acme', idpUrl: 'https://idp.example.com/sso/aws' }] });
      serverUp.push(performance.now() - started);
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
  return [
    ...sizes,
    `Browser-mode cold start to the connection list: ${formatMs(median(totals))} median of ${runs} (server up and printing its address: ${formatMs(median(serverUp))})`,
  ];
}
