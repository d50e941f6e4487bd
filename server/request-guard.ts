import type { IncomingHttpHeaders } from 'node:http';

/** A secret the caller sent in `X-Atlas-Sso-Token` or `Authorization: Bearer …` (the launch token, the instance key). */
export function headerSecret(headers: IncomingHttpHeaders): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
  const custom = headers['x-atlas-sso-token'];
  return bearer ?? (typeof custom === 'string' && custom !== '' ? custom : undefined);
}

export type GuardVerdict = { readonly ok: true } | { readonly ok: false; readonly status: 403; readonly reason: string };

/**
 * Refuses what no page of ours sends: a Host other than 127.0.0.1:PORT / localhost:PORT (DNS rebinding), an Origin
 * other than ours, and cross-site or same-site requests (another port on this computer is "same-site"). Only a
 * top-level navigation to the page (never to /api) may come from elsewhere (the launcher's redirect file): it carries no authority.
 */
export function checkCaller(headers: IncomingHttpHeaders, port: number, api: boolean): GuardVerdict {
  const host = (headers.host ?? '').toLowerCase();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return refuse('This address is for Atlas SSO on this computer only (unexpected Host).');
  const origin = headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return refuse('Requests from other sites are refused.');
  const site = headers['sec-fetch-site'];
  const pageNavigation = !api && headers['sec-fetch-mode'] === 'navigate' && headers['sec-fetch-dest'] === 'document';
  if (site !== undefined && site !== 'same-origin' && site !== 'none' && !pageNavigation) return refuse('Requests from other sites are refused.');
  return { ok: true };
}

function refuse(reason: string): GuardVerdict {
  return { ok: false, status: 403, reason };
}

/**
 * Sent with everything: no inline script or style, nothing framed, nothing leaked in a Referer, nothing sniffed.
 * The UI is built for exactly this policy (vite.config.ts).
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), payment=()',
};
