#!/usr/bin/env node
// Installs what the demo and the tests need, or says exactly what is missing. Runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { debianPackages } from './system-packages.mjs';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`atlas-sso needs Node.js 22.13 or newer (24 LTS recommended); this is ${process.versions.node}. Install Node.js 24 LTS and run again.`);
  process.exit(1);
}

const wantSystem = process.argv.includes('--system');
if (wantSystem && existsSync('/etc/debian_version')) {
  const missing = debianPackages.filter((name) => spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout.trim() !== 'install ok installed');
  if (missing.length > 0) {
    const asRoot = process.getuid?.() === 0;
    const sudo = asRoot ? [] : ['sudo'];
    console.error(`Installing Debian packages the tests use: ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const run = (args) => spawnSync(sudo.length > 0 ? 'sudo' : args[0], sudo.length > 0 ? args : args.slice(1), { stdio: 'inherit', env }).status === 0;
    if (!run(['apt-get', 'update', '-qq']) || !run(['apt-get', 'install', '-y', '-qq', ...missing])) {
      console.error(`Could not install them. Run: sudo apt-get install -y ${missing.join(' ')}`);
      process.exit(1);
    }
    // simplesamlphp pulls in apache2 and Debian starts it: the tests serve the IdP themselves.
    spawnSync(sudo.length > 0 ? 'sudo' : 'service', [...(sudo.length > 0 ? ['service'] : []), 'apache2', 'stop'], { stdio: 'ignore' });
  }
} else if (wantSystem && process.platform === 'darwin') {
  const missing = [['/usr/local/bin/aws', '/opt/homebrew/bin/aws'], ['/bin/zsh'], ['/usr/local/bin/fish', '/opt/homebrew/bin/fish']]
    .filter((paths) => !paths.some((path) => existsSync(path)))
    .map((paths) => paths[0].split('/').pop());
  if (missing.length > 0) console.error(`Some tests need: brew install ${missing.join(' ')} (the tests that use them fail until then: none is skipped).`);
}

const lock = 'package-lock.json';
const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.error('Installing npm packages (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
}
