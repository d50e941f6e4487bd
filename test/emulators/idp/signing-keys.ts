import { readFileSync } from 'node:fs';

/** A key pair as an IdP (or AWS, for SAML encryption) holds it: PEM private key and its self-signed certificate. */
export interface SigningKey {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
}

const keysFolder = new URL('../../fixtures/keys/', import.meta.url);

/** Reads `<name>.key.pem` and `<name>.cert.pem` from test/fixtures/keys (generated once with openssl, valid 20 years). */
function loadFixtureKey(name: string): SigningKey {
  return {
    privateKeyPem: readFileSync(new URL(`${name}.key.pem`, keysFolder), 'utf8'),
    certificatePem: readFileSync(new URL(`${name}.cert.pem`, keysFolder), 'utf8'),
  };
}

/** The test IdP's signing key: register its certificate with the STS emulator. */
export const fixtureIdpKey: SigningKey = loadFixtureKey('idp-signing');

/** A key nobody registered: what an attacker would sign a forged response with. */
export const attackerKey: SigningKey = loadFixtureKey('attacker');

/** The key AWS would hold for a SAML provider with encryption on: IdPs encrypt assertions to its certificate. */
export const awsSamlEncryptionKey: SigningKey = loadFixtureKey('aws-saml-encryption');
