/**
 * True when a window can open here: always on macOS and Windows; elsewhere only inside a graphical session, which X11
 * and Wayland announce with DISPLAY / WAYLAND_DISPLAY (an SSH login without X forwarding has neither). Both the login
 * browser and the terminal window for mongosh ask it.
 */
export function graphicalSessionAvailable(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return nonEmpty(env.DISPLAY) || nonEmpty(env.WAYLAND_DISPLAY);
}

function nonEmpty(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}
