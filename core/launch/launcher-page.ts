/**
 * A page that sends the browser on to the launch URL: the browser is given this file's path, never the URL, so the
 * one-time token does not reach any argv (`ps` shows argv to every user), as Jupyter does. No referrer leaves it.
 */
export function launcherPage(launchUrl: string): string {
  const href = launchUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${href}"><title>Atlas SSO</title></head><body><a href="${href}">Open Atlas SSO</a></body></html>\n`;
}
