import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** Where the CLI keeps Node's compiled code between runs: the OS's per-user cache folder, never beside the settings. */
export function compileCacheDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, homeDir: string): string {
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA?.trim() ? env.LOCALAPPDATA : path.win32.join(homeDir, 'AppData', 'Local');
    return path.win32.join(local, 'Atlas SSO', 'Cache', 'node-compile-cache');
  }
  if (platform === 'darwin') return path.posix.join(homeDir, 'Library', 'Caches', 'Atlas SSO', 'node-compile-cache');
  // As for XDG_CONFIG_HOME, a relative XDG_CACHE_HOME is invalid and ignored.
  const xdg = env.XDG_CACHE_HOME;
  return path.posix.join(xdg !== undefined && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(homeDir, '.cache'), 'atlas-sso', 'node-compile-cache');
}

/**
 * Lets Node keep the compiled CLI between runs (Node 22.1 and newer; NODE_DISABLE_COMPILE_CACHE=1 turns it off), which
 * shortens every start. Node reports a cache it cannot use in its return value, never by throwing or printing.
 */
export function enableCompileCache(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): void {
  if (typeof module.enableCompileCache !== 'function') return;
  try {
    module.enableCompileCache(compileCacheDir(platform, env, env.HOME ?? os.homedir()));
  } catch {
    // A cache is never worth failing a command for.
  }
}
