import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';

/** `npm run demo -- --smoke` without the setup and tsc steps (the test run did those): the emulators, the UI build and browser mode. */
it('starts the whole demo, answers the UI and the API, and exits 0', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--smoke'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 110_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
  expect(stdout).toContain('Opening the app in browser mode');
  expect(stdout).toMatch(/Atlas SSO: http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{43}\n/);
  expect(stdout).toContain('Smoke check passed');
}, 120_000);
