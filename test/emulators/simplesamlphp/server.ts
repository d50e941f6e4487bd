import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { SimpleSamlPhpUser } from './config-files.js';
import { awsSpEntityId, simpleSamlPhpConfigFiles } from './config-files.js';

export type { SimpleSamlPhpUser } from './config-files.js';

export interface SimpleSamlPhpOptions {
  readonly users: readonly SimpleSamlPhpUser[];
  /** Where the IdP posts the SAMLResponse; AWS's global sign-in endpoint by default. */
  readonly acsUrl?: string;
}

export interface SimpleSamlPhp {
  readonly url: string;
  /** IdP-initiated SSO for the AWS SP: what a person pastes as "the IdP's AWS app URL". */
  readonly ssoUrl: string;
  readonly entityId: string;
  readonly certificatePem: string;
  /** SimpleSAMLphp's own log, for a failing test's message. */
  readLog(): Promise<string>;
  close(): Promise<void>;
}

/** Debian's simplesamlphp 1.19 serves from `www` (2.x moved it to `public`). */
export const simpleSamlPhpDocroot = '/usr/share/simplesamlphp/www';

const execFileAsync = promisify(execFile);
const defaultAcsUrl = 'https://signin.aws.amazon.com/saml';

/**
 * Starts a real SimpleSAMLphp IdP under `php -S` with a throwaway config dir, key pair and session store,
 * so tests meet an IdP nobody on this project wrote. Needs Debian's `simplesamlphp` and `php8.2-xml`.
 */
export async function startSimpleSamlPhp(options: SimpleSamlPhpOptions): Promise<SimpleSamlPhp> {
  const root = await mkdtemp(join(tmpdir(), 'atlas-sso-simplesamlphp-'));
  let child: ChildProcess | undefined;
  try {
    const dirs = {
      configDir: join(root, 'config'),
      certDir: join(root, 'cert'),
      metadataDir: join(root, 'config', 'metadata'),
      sessionDir: join(root, 'sessions'),
      logDir: join(root, 'log'),
      dataDir: join(root, 'data'),
      tempDir: join(root, 'tmp'),
    };
    await Promise.all(Object.values(dirs).map((dir) => mkdir(dir, { recursive: true, mode: 0o700 })));
    const certificatePem = await generateKeyPair(dirs.certDir);
    const secretSalt = randomBytes(24).toString('hex');
    const adminPassword = randomBytes(12).toString('hex');
    // php -S takes port 0 and prints the port it got; SimpleSAMLphp reads its config per request, so the config
    // (which holds the base URL) is written once the port is known, before the first request.
    const php = await startPhpServer(dirs.configDir);
    child = php.child;
    const url = `http://127.0.0.1:${php.port}`;
    const files = simpleSamlPhpConfigFiles({ ...dirs, baseUrl: `${url}/`, acsUrl: options.acsUrl ?? defaultAcsUrl, users: options.users, secretSalt, adminPassword });
    for (const [relative, source] of files) {
      const path = join(dirs.configDir, relative);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, source, { mode: 0o600 });
    }
    await waitUntilAnswering(`${url}/saml2/idp/metadata.php`, child, php.output);
    const started = child;
    const logFile = join(dirs.logDir, 'simplesamlphp.log');
    return {
      url,
      ssoUrl: `${url}/saml2/idp/SSOService.php?spentityid=${encodeURIComponent(awsSpEntityId)}`,
      entityId: `${url}/saml2/idp/metadata.php`,
      certificatePem,
      readLog: () => readFile(logFile, 'utf8').catch(() => ''),
      close: async () => {
        await stop(started);
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (child) await stop(child);
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

const phpStarted = /Development Server \(http:\/\/127\.0\.0\.1:(\d+)\) started/;

/** Runs `php -S` on a port the OS picks, and reports that port (from php's own start line). */
async function startPhpServer(configDir: string): Promise<{ readonly child: ChildProcess; readonly port: number; readonly output: string[] }> {
  const output: string[] = [];
  const child = spawn('php', ['-S', '127.0.0.1:0', '-t', simpleSamlPhpDocroot], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SIMPLESAMLPHP_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`php -S did not say its port within 15 s: ${output.join('').slice(-2000)}`)), 15_000);
    const seen = (chunk: Buffer): void => {
      output.push(chunk.toString());
      const match = phpStarted.exec(output.join(''));
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      resolve(Number(match[1]));
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`php -S exited with code ${String(code)} before it listened: ${output.join('').slice(-2000)}`));
    });
  });
  try {
    return { child, port: await port, output };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

/** A fresh 2048-bit RSA key and self-signed certificate, as SimpleSAMLphp's docs have you make with openssl. */
async function generateKeyPair(certDir: string): Promise<string> {
  const keyPath = join(certDir, 'idp.key');
  const certPath = join(certDir, 'idp.crt');
  await execFileAsync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
    '-subj', '/CN=SimpleSAMLphp test IdP', '-keyout', keyPath, '-out', certPath,
  ]);
  return readFile(certPath, 'utf8');
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: readonly string[]): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`php -S exited with code ${child.exitCode} before answering: ${output.join('').slice(-2000)}`);
    }
    try {
      const response = await fetch(url);
      const body = await response.text();
      if (response.ok) return;
      throw new Error(`SimpleSAMLphp answered ${response.status} at ${url}: ${body.slice(0, 2000)}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('SimpleSAMLphp answered')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`SimpleSAMLphp did not answer at ${url} within 15 s: ${output.join('').slice(-2000)}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}
