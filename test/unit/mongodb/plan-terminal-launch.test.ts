import { describe, expect, it } from 'vitest';
import type { TemporaryCredentials } from '../../../core/aws/temporary-credentials.js';
import { isAtlasSsoError } from '../../../core/errors.js';
import type { PlanTerminalLaunchInput } from '../../../core/mongodb/plan-terminal-launch.js';
import { competingVariables, keyHandOff, planTerminalLaunch, scriptPathArg } from '../../../core/mongodb/plan-terminal-launch.js';

const uri = 'mongodb+srv://cluster0.ab1cd.mongodb.net/?authSource=%24external&authMechanism=MONGODB-AWS';
const mongoshPath = '/usr/bin/mongosh';

function linux(installed: readonly string[], extra: Partial<PlanTerminalLaunchInput> = {}): PlanTerminalLaunchInput {
  return { platform: 'linux', env: { DISPLAY: ':0' }, available: (command) => installed.includes(command), mongoshPath, mongoshArgs: [uri], ...extra };
}

function failureOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The command the terminal will run inside its window: what follows the terminal's own options. */
const inner: readonly unknown[] = ['/bin/sh', '-c', expect.stringContaining('"$@"'), 'mongosh', mongoshPath, uri];

describe('Linux', () => {
  it.each([
    ['x-terminal-emulator', ['-e', ...inner]],
    ['gnome-terminal', ['--wait', '--', ...inner]],
    ['konsole', ['--separate', '-e', ...inner]],
    ['xfce4-terminal', ['--disable-server', '-x', ...inner]],
    ['kitty', inner],
    ['alacritty', ['-e', ...inner]],
    ['xterm', ['-e', ...inner]],
  ])('%s gets its own argument form', (terminal, args) => {
    const plan = planTerminalLaunch(linux([terminal]));
    expect(plan.command).toBe(terminal);
    expect(plan.args).toEqual(args);
    expect(plan.script).toBeUndefined();
    expect(plan.exitsAfterHandOff).toBe(false);
  });

  it('searches x-terminal-emulator, gnome-terminal, konsole… in order', () => {
    expect(planTerminalLaunch(linux(['xterm', 'konsole', 'gnome-terminal'])).command).toBe('gnome-terminal');
    expect(planTerminalLaunch(linux(['xterm', 'x-terminal-emulator'])).command).toBe('x-terminal-emulator');
  });

  it('prefers $TERMINAL when installed, with -e for a terminal it does not know', () => {
    const plan = planTerminalLaunch(linux(['xterm', '/opt/rio/bin/rio'], { env: { DISPLAY: ':0', TERMINAL: '/opt/rio/bin/rio' } }));
    expect(plan.command).toBe('/opt/rio/bin/rio');
    expect(plan.args.slice(0, 2)).toEqual(['-e', '/bin/sh']);
  });

  it('recognises a known terminal given by path in $TERMINAL', () => {
    const plan = planTerminalLaunch(linux(['/usr/bin/kitty'], { env: { DISPLAY: ':0', TERMINAL: '/usr/bin/kitty' } }));
    expect(plan.terminal).toBe('kitty');
    expect(plan.args[0]).toBe('/bin/sh');
  });

  it('skips $TERMINAL when it is not installed', () => {
    expect(planTerminalLaunch(linux(['xterm'], { env: { DISPLAY: ':0', TERMINAL: 'ghostty' } })).command).toBe('xterm');
  });

  it('uses the terminal from Settings over everything else', () => {
    expect(planTerminalLaunch(linux(['xterm', 'alacritty', 'gnome-terminal'], { preferred: 'alacritty', env: { DISPLAY: ':0', TERMINAL: 'xterm' } })).command).toBe('alacritty');
  });

  it('reports a Settings terminal that is missing instead of opening another one', () => {
    const error = failureOf(() => planTerminalLaunch(linux(['xterm'], { preferred: 'kitty' })));
    expect(isAtlasSsoError(error, 'mongodb-terminal-not-found')).toBe(true);
    expect((error as Error).message).toContain('kitty');
  });

  it('says so when no terminal is installed', () => {
    const error = failureOf(() => planTerminalLaunch(linux([])));
    expect(isAtlasSsoError(error, 'mongodb-terminal-not-found')).toBe(true);
    expect((error as Error).message).toMatch(/install one.*copy the mongosh command/);
  });

  it('refuses without a graphical session, and accepts Wayland', () => {
    expect(isAtlasSsoError(failureOf(() => planTerminalLaunch(linux(['xterm'], { env: {} }))), 'mongodb-terminal-launch-failed')).toBe(true);
    expect(planTerminalLaunch(linux(['xterm'], { env: { WAYLAND_DISPLAY: 'wayland-0' } })).command).toBe('xterm');
  });

  it('drops AWS_PROFILE and other credential sources that would outrank the keys', () => {
    expect(planTerminalLaunch(linux(['xterm'])).envUnset).toEqual(expect.arrayContaining(['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SECURITY_TOKEN']));
  });
});

describe('macOS', () => {
  const mac = (extra: Partial<PlanTerminalLaunchInput> = {}): PlanTerminalLaunchInput => ({ platform: 'darwin', env: {}, available: (app) => app === 'iTerm', mongoshPath: '/opt/homebrew/bin/mongosh', mongoshArgs: [uri, '--quiet'], ...extra });

  it('opens a one-shot 0700 script in Terminal, with no key in argv or env', () => {
    const plan = planTerminalLaunch(mac());
    expect(plan.command).toBe('open');
    expect(plan.args).toEqual(['-a', 'Terminal', scriptPathArg]);
    expect(plan.exitsAfterHandOff).toBe(true);
    expect(plan.script?.mode).toBe(0o700);
    expect(plan.script?.deleteAfter).toBe(true);
  });

  it('the script reads the keys from the FIFO, deletes its folder, clears competing sources and execs mongosh with quoted arguments', () => {
    const content = planTerminalLaunch(mac()).script?.content ?? '';
    const lines = content.split('\n');
    expect(lines[0]).toBe('#!/bin/sh');
    expect(content).toContain('IFS= read -r AWS_ACCESS_KEY_ID; IFS= read -r AWS_SECRET_ACCESS_KEY; IFS= read -r AWS_SESSION_TOKEN; IFS= read -r AWS_CREDENTIAL_EXPIRATION; } < "$here/keys"');
    expect(lines.findIndex((line) => line.startsWith('rm -rf'))).toBeLessThan(lines.findIndex((line) => line.startsWith('exec ')));
    expect(content).toContain(`unset ${competingVariables.join(' ')}`);
    expect(content).toContain(`exec '/opt/homebrew/bin/mongosh' '${uri}' '--quiet'`);
    expect(planTerminalLaunch(mac({ mongoshPath: "/Users/o'neil/bin/mongosh" })).script?.content).toContain(`exec '/Users/o'\\''neil/bin/mongosh'`);
  });

  it('uses iTerm when chosen and installed', () => {
    expect(planTerminalLaunch(mac({ preferred: 'iTerm2' })).args).toEqual(['-a', 'iTerm', scriptPathArg]);
  });

  it('reports iTerm chosen but missing, and terminals it cannot drive', () => {
    expect(isAtlasSsoError(failureOf(() => planTerminalLaunch(mac({ preferred: 'iTerm', available: () => false }))), 'mongodb-terminal-not-found')).toBe(true);
    expect((failureOf(() => planTerminalLaunch(mac({ preferred: 'Alacritty' }))) as Error).message).toContain('Terminal or iTerm');
  });
});

describe('Windows', () => {
  const windows = (extra: Partial<PlanTerminalLaunchInput> = {}): PlanTerminalLaunchInput => ({ platform: 'win32', env: { ComSpec: 'C:\\Windows\\system32\\cmd.exe' }, available: (command) => command === 'wt.exe', mongoshPath: 'C:\\Program Files\\mongosh\\mongosh.exe', mongoshArgs: [uri], ...extra });

  it('starts a new console through cmd, passing the words as !variables! so & and % stay literal', () => {
    const plan = planTerminalLaunch(windows());
    expect(plan.command).toBe('C:\\Windows\\system32\\cmd.exe');
    expect(plan.args).toEqual(['/d', '/v:on', '/s', '/c', '"start "Atlas SSO" "!ATLAS_SSO_ARG_0!" "!ATLAS_SSO_ARG_1!""']);
    expect(plan.envSet).toEqual({ ATLAS_SSO_ARG_0: 'C:\\Program Files\\mongosh\\mongosh.exe', ATLAS_SSO_ARG_1: uri });
    expect(plan.windowsVerbatimArguments).toBe(true);
    expect(plan.exitsAfterHandOff).toBe(true);
    expect(plan.args.join(' ')).not.toContain('&');
  });

  it('falls back to cmd.exe when ComSpec is unset', () => {
    expect(planTerminalLaunch(windows({ env: {} })).command).toBe('cmd.exe');
  });

  it('uses Windows Terminal when chosen, asking it to keep our environment and escaping its ; separator', () => {
    const plan = planTerminalLaunch(windows({ preferred: 'Windows Terminal', mongoshArgs: ['mongodb://a/?readPreferenceTags=x;y'] }));
    expect(plan.command).toBe('wt.exe');
    expect(plan.args).toEqual(['-w', 'new', 'new-tab', '--inheritEnvironment', '--title', 'Atlas SSO', '--', 'C:\\Program Files\\mongosh\\mongosh.exe', 'mongodb://a/?readPreferenceTags=x\\;y']);
  });

  it('rejects a double quote or a trailing backslash, which would shift the words', () => {
    expect(isAtlasSsoError(failureOf(() => planTerminalLaunch(windows({ mongoshArgs: ['mongodb://a/"b'] }))), 'mongodb-terminal-launch-failed')).toBe(true);
    expect(isAtlasSsoError(failureOf(() => planTerminalLaunch(windows({ mongoshPath: 'C:\\mongosh\\' }))), 'mongodb-terminal-launch-failed')).toBe(true);
  });

  it('reports Windows Terminal chosen but missing', () => {
    expect(isAtlasSsoError(failureOf(() => planTerminalLaunch(windows({ preferred: 'wt', available: () => false }))), 'mongodb-terminal-not-found')).toBe(true);
  });
});

describe('key hand-off', () => {
  const credentials: TemporaryCredentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/Key+1', sessionToken: 'token==', expiration: new Date('2030-01-02T03:04:05Z') };

  it('writes one key per line, in the order the script reads them', () => {
    expect(keyHandOff(credentials)).toBe('ASIAEXAMPLE\nsecret/Key+1\ntoken==\n2030-01-02T03:04:05.000Z\n');
  });

  it('refuses keys with a line break, which would shift every value', () => {
    expect(isAtlasSsoError(failureOf(() => keyHandOff({ ...credentials, sessionToken: 'a\nb' })), 'mongodb-terminal-launch-failed')).toBe(true);
  });

});
