// Child process for the concurrency test: writes one profile `count` times through the real locked writer.
// Usage: node --import tsx profile-writer.ts <credentials file> <profile> <count>
import { dirname } from 'node:path';
import { writeCredentialsProfile } from '../../../core/credentials/write-profile.js';
import { writerCredentials } from './writer-credentials.js';

const [file = '', profile = '', count = '0'] = process.argv.slice(2);
const env = { HOME: dirname(file), AWS_SHARED_CREDENTIALS_FILE: file };
for (let n = 1; n <= Number(count); n += 1) {
  await writeCredentialsProfile({ profile, credentials: writerCredentials(profile, n), env });
}
