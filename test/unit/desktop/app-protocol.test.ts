import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appContentSecurityPolicy, appResponseHeaders } from '../../../core/desktop/app-headers.js';
import { resolveAppFile } from '../../../core/desktop/app-file-path.js';

const root = path.resolve('/opt/atlas/dist/renderer');

describe('resolveAppFile', () => {
  it('serves files of the UI folder with their type', () => {
    expect(resolveAppFile(root, 'app://atlas-sso/index.html')).toEqual({ ok: true, filePath: path.join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppFile(root, 'app://atlas-sso/')).toMatchObject({ ok: true, filePath: path.join(root, 'index.html') });
    expect(resolveAppFile(root, 'app://atlas-sso/assets/index-1.js?v=2#x')).toMatchObject({ ok: true, filePath: path.join(root, 'assets', 'index-1.js'), contentType: 'text/javascript; charset=utf-8' });
  });

  it('never resolves outside the folder, however the dots are spelled', () => {
    for (const url of [
      'app://atlas-sso/%2e%2e/%2e%2e/etc/passwd.html',
      'app://atlas-sso/assets/%2E%2E/%2E%2E/secret.js',
      'app://atlas-sso/..%2f..%2fsecret.js',
      'app://atlas-sso/assets%5c..%5c..%5csecret.js',
      'app://atlas-sso/index.html%00.js',
    ]) {
      const resolved = resolveAppFile(root, url);
      // The URL parser folds `%2e%2e` away before we see it; what is left must stay inside the folder or be refused.
      if (resolved.ok) expect(resolved.filePath.startsWith(root + path.sep), url).toBe(true);
    }
    expect(resolveAppFile(root, 'app://atlas-sso/%2e%2e/%2e%2e/etc/passwd.html')).toMatchObject({ ok: true, filePath: path.join(root, 'etc', 'passwd.html') });
    expect(resolveAppFile(root, 'app://atlas-sso/..%2f..%2fsecret.js')).toEqual({ ok: false, status: 403 });
    expect(resolveAppFile(root, 'app://atlas-sso/assets%5c..%5c..%5csecret.js')).toEqual({ ok: false, status: 400 });
    expect(resolveAppFile(root, 'app://atlas-sso/index.html%00.js')).toEqual({ ok: false, status: 400 });
  });

  it('refuses other hosts and schemes, bad encodings and unknown file kinds', () => {
    expect(resolveAppFile(root, 'app://other/index.html')).toEqual({ ok: false, status: 403 });
    expect(resolveAppFile(root, 'file:///opt/atlas/dist/renderer/index.html')).toEqual({ ok: false, status: 403 });
    expect(resolveAppFile(root, 'app://atlas-sso/%E0%A4%A.js')).toEqual({ ok: false, status: 400 });
    expect(resolveAppFile(root, 'app://atlas-sso/package.sh')).toEqual({ ok: false, status: 404 });
  });
});

describe('the app CSP', () => {
  it('allows only our own files, no inline code, no network, no framing', () => {
    const directives = new Map(appContentSecurityPolicy.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1).join(' ')]));
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(appContentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|data:|\*/);
    expect(appResponseHeaders['Content-Security-Policy']).toBe(appContentSecurityPolicy);
  });
});
