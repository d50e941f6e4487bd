import { createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 6238 defaults, the ones authenticator apps use. */
const stepSeconds = 30;
const digits = 6;
const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The 6-digit TOTP (HMAC-SHA1, 30 s) for a base32 secret at `time` (ms since the epoch), as an authenticator app shows it. */
export function totp(secretBase32: string, time: number = Date.now()): string {
  return hotp(decodeBase32(secretBase32), Math.floor(time / 1000 / stepSeconds));
}

/** True when `code` matches the current step or the one before or after (clocks drift, people type slowly). */
export function verifyTotp(secretBase32: string, code: string, time: number = Date.now()): boolean {
  const given = Buffer.from(code.trim());
  if (!/^\d{6}$/.test(given.toString())) return false;
  const key = decodeBase32(secretBase32);
  const counter = Math.floor(time / 1000 / stepSeconds);
  let matched = false;
  for (const offset of [-1, 0, 1]) {
    // Compare every candidate in constant time, without stopping early.
    matched = timingSafeEqual(Buffer.from(hotp(key, counter + offset)), given) || matched;
  }
  return matched;
}

/** RFC 4226 HOTP: dynamic truncation of HMAC-SHA1 over the 8-byte big-endian counter. */
function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 4648 base32, tolerant of lower case, spaces and padding as secrets are often shown. */
function decodeBase32(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of clean) {
    const index = base32Alphabet.indexOf(char);
    if (index < 0) throw new Error(`A TOTP secret must be base32 (A-Z, 2-7); it has "${char}".`);
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if (bytes.length === 0) throw new Error('A TOTP secret cannot be empty.');
  return Buffer.from(bytes);
}
