/**
 * Sent with every file of the app UI from the app:// handler. Stricter than browser mode's: the UI talks to the
 * host over IPC, so it needs no network at all (connect-src 'none'); no inline script or style, nothing framed.
 */
export const appContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
].join('; ');

export const appResponseHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': appContentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};
