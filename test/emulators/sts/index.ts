/** The STS emulator's public surface, for tests, benches and the demo. */
export type { IssuedCredentials, OidcProvider, RegisteredProvider, RegisteredRole, StsEmulator, StsEmulatorOptions, StsFault } from './sts-emulator.js';
export { startStsEmulator } from './sts-emulator.js';
export type { OidcTestIssuer } from './oidc-test-issuer.js';
export { createOidcTestIssuer } from './oidc-test-issuer.js';
