import { describe, expect, it } from 'vitest';
import { cliInvocation } from '../../../core/desktop/cli-invocation.js';

const app = '/opt/Atlas SSO/atlas-sso-desktop';

describe('cliInvocation', () => {
  it("gives the CLI everything after the launcher's `--cli --`, as it is", () => {
    expect(cliInvocation([app, '--cli', '--', 'login', '--connection', 'acme', '--format', 'env'])).toEqual(['login', '--connection', 'acme', '--format', 'env']);
    expect(cliInvocation([app, '--cli', '--'])).toEqual([]);
    expect(cliInvocation([app, '--cli', '--', 'exec', '--connection', 'acme', '--', 'tool', '--cli', '--'])).toEqual(['exec', '--connection', 'acme', '--', 'tool', '--cli', '--']);
  });

  it('takes Chromium switches the launcher puts before --cli, and a run from source (electron main.js)', () => {
    expect(cliInvocation([app, '--ozone-platform=headless', '--disable-gpu', '--cli', '--', '--version'])).toEqual(['--version']);
    expect(cliInvocation(['/usr/lib/electron', 'dist/electron/main.js', '--cli', '--', 'connections', 'list'])).toEqual(['connections', 'list']);
    expect(cliInvocation([app, '--cli', 'connections', 'list'])).toEqual(['connections', 'list']);
  });

  it('starts the desktop app otherwise: no --cli, --cli only after --, or in the program path', () => {
    expect(cliInvocation([app])).toBeUndefined();
    expect(cliInvocation([app, 'atlas-sso://sign-in/acme'])).toBeUndefined();
    expect(cliInvocation([app, '--', '--cli', 'login'])).toBeUndefined();
    expect(cliInvocation(['--cli'])).toBeUndefined();
    expect(cliInvocation([app, '--cli=yes', '--', 'login'])).toBeUndefined();
  });
});
