import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A Secret Service of its own: a D-Bus session bus and an unlocked GNOME keyring in `home`, as a Linux desktop has. */
export interface SecretService {
  /** DBUS_SESSION_BUS_ADDRESS for the processes (and this one) that should use it. */
  readonly address: string;
  stop(): Promise<void>;
}

const busConfig = (address: string): string => `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>${address}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

export const secretServicePrograms = ['/usr/bin/dbus-daemon', '/usr/bin/gnome-keyring-daemon'] as const;

/**
 * Starts the bus and the keyring (Debian's dbus-daemon and gnome-keyring), or says which program is missing. The keyring
 * library reads the bus address from this process's environment at its first use, so the caller sets `process.env`
 * for its run, once, after this.
 */
export async function startSecretService(home: string): Promise<SecretService | string> {
  const missing = secretServicePrograms.filter((program) => !existsSync(program));
  if (missing.length > 0) return `${missing.join(' and ')} not installed`;
  const address = `unix:path=${join(home, 'session-bus')}`;
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const child of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
  };
  try {
    // A session bus without service activation: Debian's would start a second, locked gnome-keyring for the first
    // request, which then owns the Secret Service name before the unlocked one below can.
    const config = join(home, 'session-bus.conf');
    writeFileSync(config, busConfig(address));
    const bus = spawn('/usr/bin/dbus-daemon', [`--config-file=${config}`, '--nofork', '--nopidfile', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(bus);
    await new Promise<void>((ready, fail) => {
      bus.stdout.once('data', () => ready());
      bus.once('exit', (code) => fail(new Error(`dbus-daemon exited (${String(code)})`)));
    });
    const env = { HOME: home, XDG_RUNTIME_DIR: home, XDG_DATA_HOME: join(home, 'data'), DBUS_SESSION_BUS_ADDRESS: address, PATH: '/usr/bin:/bin' };
    const keyring = spawn('/usr/bin/gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'pipe'] });
    let said = '';
    keyring.stderr.setEncoding('utf8').on('data', (chunk: string) => (said += chunk));
    children.push(keyring);
    keyring.stdin.end('test-keyring-password');
    // Ready once a write answers, asked from a process of its own each time: the keyring library keeps its first
    // connection for the life of a process, and the daemon may answer before it has unlocked the login keyring.
    const probe = `import('@napi-rs/keyring').then(({ Entry }) => new Entry('Atlas SSO test', 'probe', { linux: { store: 'secret-service' } }).setPassword('up'))`;
    for (let waited = 0; ; waited += 200) {
      const answer = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { env: { ...env, PATH: process.env.PATH ?? '' }, timeout: 10_000, encoding: 'utf8' });
      if (answer.status === 0) break;
      if (waited > 20_000) throw new Error(`gnome-keyring-daemon did not answer on the bus within 20 s (it said: ${said.trim()}): ${answer.stderr.split('\n').find((line) => line.startsWith('Error')) ?? answer.stderr}`);
      await sleep(200);
    }
    return { address, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
