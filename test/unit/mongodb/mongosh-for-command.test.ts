import { describe, expect, it } from 'vitest';
import type { LoginShellAnswer } from '../../../core/mongodb/login-shell-path.js';
import { mongoshForCommand } from '../../../core/mongodb/mongosh-for-command.js';

const installed = (...files: readonly string[]) => (file: string): Promise<boolean> => Promise.resolve(files.includes(file));
const shellSays = (answer: LoginShellAnswer) => (): Promise<LoginShellAnswer> => Promise.resolve(answer);
const base = { env: { PATH: '/app/node_modules/.bin:/usr/bin', HOME: '/home/ana' }, platform: 'linux' as const, homeDir: '/home/ana' };

describe('mongoshForCommand', () => {
  it('names mongosh bare when the login shell finds it, including a Settings path that is the same file', async () => {
    const onPath = { asked: true, path: '/home/ana/bin/mongosh' } as const;
    expect(await mongoshForCommand({ ...base, exists: installed('/home/ana/bin/mongosh'), askLoginShell: shellSays(onPath) })).toEqual({ found: 'on-path', program: 'mongosh' });
    expect(await mongoshForCommand({ ...base, configuredPath: '/home/ana/bin/mongosh', exists: installed('/home/ana/bin/mongosh'), askLoginShell: shellSays(onPath) })).toEqual({ found: 'on-path', program: 'mongosh' });
  });

  it('names it by absolute path when only Settings, an install folder or the app\'s own PATH has it', async () => {
    const notOnShellPath = shellSays({ asked: true, path: undefined });
    expect(await mongoshForCommand({ ...base, configuredPath: '/opt/m/mongosh', exists: installed('/opt/m/mongosh'), askLoginShell: shellSays({ asked: true, path: '/usr/bin/mongosh' }) })).toEqual({ found: 'by-path', program: '/opt/m/mongosh' });
    expect(await mongoshForCommand({ ...base, exists: installed('/home/ana/.local/bin/mongosh'), askLoginShell: notOnShellPath })).toEqual({ found: 'by-path', program: '/home/ana/.local/bin/mongosh' });
    expect(await mongoshForCommand({ ...base, exists: installed('/app/node_modules/.bin/mongosh'), askLoginShell: notOnShellPath })).toEqual({ found: 'by-path', program: '/app/node_modules/.bin/mongosh' });
    // A shell that could not be asked (Windows, no $SHELL, too slow) confirms nothing: the path is named.
    expect(await mongoshForCommand({ ...base, exists: installed('/usr/bin/mongosh'), askLoginShell: shellSays({ asked: false }) })).toEqual({ found: 'by-path', program: '/usr/bin/mongosh' });
  });

  it('says it is missing, with how to get it, when nothing has it', async () => {
    const found = await mongoshForCommand({ ...base, exists: installed(), askLoginShell: shellSays({ asked: true, path: undefined }) });
    expect(found).toMatchObject({ found: 'missing', program: 'mongosh', installHint: expect.stringContaining('https://www.mongodb.com/try/download/shell') as unknown });
  });
});
