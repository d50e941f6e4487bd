// `npm run demo`: Demo Corp's IdP, STS and Atlas on this computer, and the app pointed at them, until Ctrl-C.
// `--smoke` starts everything without opening a browser, checks that the UI and the API answer, and exits.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { sessionHeaderName } from '../core/api.js';
import { chromiumOptionsFromEnv } from '../core/login/chromium-options-from-env.js';
import { createTerminalLauncher } from '../core/session/terminal-launcher.js';
import { openInBrowser } from '../server/open-browser.js';
import { startBrowserMode } from '../server/main.js';
import { demoUsers, startDemoStack } from '../test/emulators/demo-stack.js';
import { untilStopped } from '../server/until-stopped.js';

const smoke = process.argv.includes('--smoke');
const noOpen = smoke || process.argv.includes('--no-open');
const root = path.resolve(import.meta.dirname, '..');

/**
 * The Electron binary and the built desktop host, when both exist. Read from electron's own `path.txt` rather than
 * `require('electron')`, which tries to download a missing binary (and fails offline).
 */
function electronApp(): { readonly binary: string; readonly main: string } | { readonly reason: string } {
  const main = path.join(root, 'dist', 'electron', 'main.js');
  const electronDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: 'the Electron binary was never downloaded (offline install)' };
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { reason: 'the Electron binary is missing' };
  if (!existsSync(main)) return { reason: 'the desktop host is not built (no dist/electron/main.js)' };
  return { binary, main };
}

/**
 * Closes the terminal windows the demo opened: each was started detached, so it leads its own process group, and
 * signalling the group takes the window and the mongosh in it along.
 */
function closeTerminals(pids: ReadonlySet<number>): Promise<void> {
  for (const pid of pids) {
    try {
      process.kill(process.platform === 'win32' ? pid : -pid, 'SIGTERM');
    } catch {
      // Closed by the person already.
    }
  }
  return Promise.resolve();
}

/** The smoke check: the page and the API answer as a browser would see them, on the first-run screen with the demo offered, through a one-time link of its own. */
async function smokeCheck(launchUrl: string): Promise<void> {
  const { origin, hash } = new URL(launchUrl);
  const page = await fetch(`${origin}/`);
  const html = await page.text();
  if (page.status !== 200 || !html.includes('<html')) throw new Error(`The UI did not answer (HTTP ${page.status}).`);
  const traded = await fetch(`${origin}/api/session`, { method: 'POST', headers: { 'X-Atlas-Sso-Token': hash.slice('#token='.length) } });
  const { session } = (await traded.json()) as { readonly session?: string };
  if (session === undefined) throw new Error(`The one-time link was refused (HTTP ${traded.status}).`);
  const withSession = { 'Content-Type': 'application/json', [sessionHeaderName]: session };
  const reply = await fetch(`${origin}/api/listConnections`, { method: 'POST', headers: withSession, body: '{}' });
  const body = (await reply.json()) as { readonly ok?: boolean; readonly value?: { readonly connections?: readonly { readonly name?: string }[] } };
  if (reply.status !== 200 || body.ok !== true || body.value?.connections?.length !== 0) throw new Error(`listConnections did not answer with the first run's empty list (HTTP ${reply.status}).`);
  const info = await fetch(`${origin}/api/getAppInfo`, { method: 'POST', headers: withSession, body: '{}' });
  const infoBody = (await info.json()) as { readonly value?: { readonly demoAvailable?: boolean } };
  if (infoBody.value?.demoAvailable !== true) throw new Error(`getAppInfo does not offer the demo (HTTP ${info.status}).`);
}

async function main(): Promise<number> {
  if (existsSync(path.join(root, 'renderer', 'index.html'))) {
    process.stdout.write('Building the UI…\n');
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  }
  const folder = await mkdtemp(path.join(tmpdir(), 'atlas-sso-demo-'));
  const stack = await startDemoStack();
  const stops: (() => Promise<void>)[] = [() => stack.close(), () => rm(folder, { recursive: true, force: true })];
  try {
    const configFile = path.join(folder, 'connections.json');
    // No connection yet: the demo starts where a real first run does, and "Try the demo" there adds Demo Corp.
    await writeFile(configFile, `${JSON.stringify({ version: 1, connections: [] }, null, 2)}\n`, { mode: 0o600 });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...stack.env,
      ATLAS_SSO_CONFIG: configFile,
      // The demo's keys go to files of its own, never to the person's ~/.aws.
      AWS_SHARED_CREDENTIALS_FILE: path.join(folder, 'aws', 'credentials'),
      AWS_CONFIG_FILE: path.join(folder, 'aws', 'config'),
      PATH: [path.join(root, 'node_modules', '.bin'), process.env.PATH ?? ''].join(path.delimiter),
      // "This computer" and mongosh must never ask 169.254.169.254 on the person's machine.
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    process.stdout.write(`Demo Corp is running: IdP ${stack.idp.url}, STS ${stack.sts.url}, Atlas ${stack.atlas.uri}\n`);
    process.stdout.write(`Sign in as ${demoUsers.map((user) => `${user.username} / ${user.password}`).join(' or ')}.\n`);

    const electron = electronApp();
    if ('binary' in electron && !smoke) {
      process.stdout.write('Opening the desktop app (Electron).\n');
      const child = spawn(electron.binary, [electron.main], { env, stdio: 'inherit' });
      await Promise.race([new Promise((resolve) => child.once('exit', resolve)), untilStopped()]);
      child.kill();
      return 0;
    }
    process.stdout.write(`Opening the app in browser mode (${'reason' in electron ? `${electron.reason}` : 'smoke test'}).\n`);
    const terminals = new Set<number>();
    const terminal = createTerminalLauncher(env, process.platform, (pid) => terminals.add(pid));
    const app = await startBrowserMode({ env, platform: process.platform, keepSessions: false, login: { ...chromiumOptionsFromEnv(env, undefined), ...(smoke ? { headless: true } : {}) }, demoConnection: stack.connection, terminal });
    stops.unshift(() => app.close(), () => closeTerminals(terminals));
    process.stdout.write(`Atlas SSO: ${app.server.launchUrl}\n`);
    if (smoke) {
      await smokeCheck(app.server.newLaunchUrl());
      process.stdout.write('Smoke check passed: the UI and the API answer.\n');
      return 0;
    }
    if (!noOpen) {
      const cleanup = await openInBrowser(app.server.launchUrl, { platform: process.platform, stateDir: folder }).catch((error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        return undefined;
      });
      if (cleanup !== undefined) stops.unshift(cleanup);
    }
    process.stdout.write('Press Ctrl-C to stop the demo.\n');
    await untilStopped();
    return 0;
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.exitCode = await main().catch((error: unknown) => {
  process.stderr.write(`The demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
});
