/** The Atlas emulator's public surface, for tests, benches and the demo. */
export type { AtlasEmulator, AtlasEmulatorOptions, AuthenticationRecord, RoleGrant } from './server.js';
export { startAtlasEmulator } from './server.js';
export type { TestTls } from './test-tls.js';
export { loadTestTls } from './test-tls.js';
