/** The STS emulator's public surface, for tests, benches and the demo. */
export type { IssuedCredentials, RegisteredProvider, RegisteredRole, StsEmulator, StsEmulatorOptions, StsFault } from './sts-emulator.js';
export { startStsEmulator } from './sts-emulator.js';
