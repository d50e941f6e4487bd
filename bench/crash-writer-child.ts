// Child process for the crash-leftovers bench: rewrites a profile of a large credentials file and an entry of the
// encrypted keys cache forever, printing a line after each pair of writes, until the bench kills it with SIGKILL.
// Usage: node --import tsx bench/crash-writer-child.ts <folder>
import { join } from 'node:path';
import { editFileAtomically } from '../core/credentials/atomic-edit.js';
import { upsertCredentialsProfile } from '../core/credentials/credentials-profile.js';
import { createEncryptedFileStore } from '../core/credentials/keys-cache-file.js';
import { writerCredentials } from '../test/integration/credentials/writer-credentials.js';

const [folder = ''] = process.argv.slice(2);
const store = createEncryptedFileStore(join(folder, 'keys-cache'));
// Big enough that a write takes a while, so kills land in the middle of one.
const secret = 'k'.repeat(4_000_000);
for (let n = 1; ; n += 1) {
  await editFileAtomically(join(folder, 'aws', 'credentials'), (old) => upsertCredentialsProfile(old ?? '', 'crash', writerCredentials('crash', n)).text);
  await store.set(`entry-${n % 3}`, secret);
  process.stdout.write(`${n}\n`);
}
