import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
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
    let url = '';
    // php -S cannot take port 0: ask the OS for a free one; if another process grabs it first, try again.
    for (let attempt = 1; child === undefined; attempt += 1) {
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      const files = simpleSamlPhpConfigFiles({
        ...dirs,
        baseUrl: `${url}/`,
        acsUrl: options.acsUrl ?? defaultAcsUrl,
        users: options.users,
        secretSalt,
        adminPassword,
      });
      for (const [relative, source] of files) {
        const path = join(dirs.configDir, relative);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, source, { mode: 0o600 });
      }
      child = await startPhpServer(port, dirs.configDir, attempt < 3);
    }
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

/** Runs `php -S` on `port`; undefined when the port was taken meanwhile and `mayRetry`. */
async function startPhpServer(port: number, configDir: string, mayRetry: boolean): Promise<ChildProcess | undefined> {
  const output: string[] = [];
  const child = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', simpleSamlPhpDocroot], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SIMPLESAMLPHP_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  try {
    await waitUntilAnswering(`http://127.0.0.1:${port}/saml2/idp/metadata.php`, child, output);
    return child;
  } catch (error) {
    await stop(child);
    if (mayRetry && /address already in use/i.test(output.join(''))) return undefined;
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

/** A port the OS just handed out; php -S cannot take port 0, so ask for one and release it. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port === 0 ? reject(new Error('The OS gave no port.')) : resolve(port)));
    });
  });
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
