import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The test CA (trusted by tests only) and the 127.0.0.1/localhost server certificate it signed. */
export interface TestTls {
  readonly caFile: string;
  readonly certPem: string;
  readonly keyPem: string;
}

/** Reads test/fixtures/tls (made by its generate.sh), ready for `startAtlasEmulator({tls})`. */
export function loadTestTls(): TestTls {
  const file = (name: string): string => fileURLToPath(new URL(`../../fixtures/tls/${name}`, import.meta.url));
  return {
    caFile: file('ca.pem'),
    certPem: readFileSync(file('server.pem'), 'utf8'),
    keyPem: readFileSync(file('server-key.pem'), 'utf8'),
  };
}
