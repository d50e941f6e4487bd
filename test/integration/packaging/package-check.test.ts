import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { requestNames } from '../../../core/api.js';

const run = promisify(execFile);

interface PackageReport {
  readonly ok: boolean;
  readonly problems: readonly string[];
  readonly ourFiles: readonly string[];
  readonly fuses: Readonly<Record<string, boolean | string>>;
  /** What the deb/rpm `atlas-sso` launcher started the app binary with, and what the app takes from that as CLI arguments. */
  readonly cliLauncher: { readonly argv: readonly string[]; readonly cliArgs: readonly string[] | null } | null;
}

describe('packaging (electron-builder --linux dir around a stub Electron, offline)', () => {
  it('packs the built main, preload, UI and CLI, nothing of tests, sources, maps or devDependencies, with the fuses set', { timeout: 240_000 }, async () => {
    // Builds the main process and preload first when older than their sources, so the archive reflects the code under test.
    const { stdout } = await run('node', ['scripts/package-check.mjs', '--json'], { maxBuffer: 64 * 1024 * 1024, timeout: 230_000 });
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as PackageReport;
    expect(report.problems).toEqual([]);
    expect(report.ourFiles).toEqual(expect.arrayContaining(['/dist/electron/main.js', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/dist/cli/program.js', '/package.json']));
    // dist/server is there for the CLI's `ui` command; dist/cli/main.js (a node script) is harmless if built.
    expect(report.ourFiles.filter((file) => file.startsWith('/dist/') && !/^\/dist\/(electron|core|renderer|cli|server)(\/|$)/.test(file))).toEqual([]);
    // /usr/bin/atlas-sso → resources/atlas-sso-cli.sh → the app binary in CLI mode, arguments untouched (a `--cli` after `--` included).
    const cliCall = ['login', '--connection', 'Acme Prod', '--format', 'env', '--', '--cli'];
    expect(report.cliLauncher?.argv).toEqual(['--ozone-platform=headless', '--disable-gpu', '--cli', '--', ...cliCall]);
    expect(report.cliLauncher?.cliArgs).toEqual(cliCall);
    expect(report.fuses).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it("bundles a preload that needs nothing but 'electron' (a sandboxed preload can load nothing else) and exposes the whole API", async () => {
    const code = await readFile('dist/electron/preload.cjs', 'utf8');
    const exposed = new Map<string, unknown>();
    const invoked: unknown[] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
      ipcRenderer: {
        invoke: (channel: string, params: unknown) => {
          invoked.push([channel, params]);
          return Promise.resolve({ ok: true, value: {} });
        },
        on: () => undefined,
        off: () => undefined,
      },
    };
    const required: string[] = [];
    const fakeRequire = (name: string): unknown => {
      required.push(name);
      if (name === 'electron') return fakeElectron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    const module = { exports: {} };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running the built bundle the way Electron's sandboxed preload loader does
    const load = new Function('require', 'module', 'exports', code) as (require: (name: string) => unknown, module: { exports: unknown }, exports: unknown) => void;
    load(fakeRequire, module, module.exports);
    expect(required).toEqual(['electron']);
    const api = exposed.get('atlasSso') as Record<string, (params: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...requestNames, 'subscribe'].sort());
    expect(await api.signOut?.({ connectionId: 'acme' })).toEqual({ ok: true, value: {} });
    expect(invoked).toEqual([['atlas-sso:signOut', { connectionId: 'acme' }]]);
  });
});
