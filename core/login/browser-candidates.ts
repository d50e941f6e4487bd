import path from 'node:path';

/**
 * Where Chrome, Chromium and Edge are usually installed, in the order to try them:
 * Chrome first (where most people keep their passkeys and saved IdP sessions), then the others.
 */
export function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, homeDir: string): readonly string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Chromium.app/Contents/MacOS/Chromium',
    ];
    return apps.flatMap((app) => [path.posix.join('/Applications', app), path.posix.join(homeDir, 'Applications', app)]);
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((root): root is string => root !== undefined && root !== '');
    const apps = ['Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe', 'Chromium\\Application\\chrome.exe'];
    return apps.flatMap((app) => roots.map((root) => path.win32.join(root, app)));
  }
  return [
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/microsoft-edge-stable',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
  ];
}
