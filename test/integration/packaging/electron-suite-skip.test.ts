import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm run test:electron where Electron cannot start', () => {
  it('prints SKIPPED with the reason and reports the suite as skipped, not passed', async () => {
    await rm('test-results/electron.json', { force: true });
    // An Electron folder that does not exist: the binary is missing, as on a machine that skipped its download.
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent/electron-dist' };
    const { stdout } = await run(process.execPath, ['test/electron/run.mjs'], { env, timeout: 120_000 });
    expect(stdout).toMatch(/^SKIPPED: the Electron suite \(\d+ tests?\): Electron cannot start on this machine: no Electron binary \(\/nonexistent\/electron-dist\/\S+ is missing/m);
    const report = JSON.parse(await readFile('test-results/electron.json', 'utf8')) as { stats: Record<string, number>; skippedReason: string };
    expect(report.stats.expected).toBe(0);
    expect(report.stats.unexpected).toBe(0);
    expect(report.stats.skipped).toBeGreaterThan(0);
    expect(report.skippedReason).toContain('no Electron binary');
  }, 150_000);
});
