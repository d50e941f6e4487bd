import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createOsKeychainStore } from '../../core/credentials/keys-cache-keychain.js';

/** A Secret Service of its own: a D-Bus session bus and an unlocked GNOME keyring in `home`, as a Linux desktop has. */
export interface SecretService {
  /** DBUS_SESSION_BUS_ADDRESS for the processes (and this one) that should use it. */
  readonly address: string;
  stop(): Promise<void>;
}

export const secretServicePrograms = ['/usr/bin/dbus-daemon', '/usr/bin/gnome-keyring-daemon'] as const;

/**
 * Starts the bus and the keyring (Debian's dbus-daemon and gnome-keyring), or says which program is missing. The keyring
 * library reads the bus address from this process's environment, so the caller sets `process.env` for its run.
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
    const bus = spawn('/usr/bin/dbus-daemon', ['--session', '--nofork', '--nopidfile', `--address=${address}`, '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(bus);
    await new Promise<void>((ready, fail) => {
      bus.stdout.once('data', () => ready());
      bus.once('exit', (code) => fail(new Error(`dbus-daemon exited (${String(code)})`)));
    });
    const env = { HOME: home, XDG_RUNTIME_DIR: home, XDG_DATA_HOME: join(home, 'data'), DBUS_SESSION_BUS_ADDRESS: address, PATH: '/usr/bin:/bin' };
    const keyring = spawn('/usr/bin/gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
    children.push(keyring);
    keyring.stdin.end('test-keyring-password');
    // Answering once the keyring has taken the bus name: a write and a read through the library the app uses.
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = address;
    try {
      const store = createOsKeychainStore('linux', env);
      for (let waited = 0; ; waited += 100) {
        const answered = await store.set('secret-service-probe', 'up').then(
          () => true,
          () => false,
        );
        if (answered) break;
        if (waited > 10_000) throw new Error('gnome-keyring-daemon did not answer on the bus within 10 s');
        await sleep(100);
      }
    } finally {
      if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    }
    return { address, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
