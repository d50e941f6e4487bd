// Child process for the crash-leftovers bench: rewrites a profile of a large credentials file, or an entry of the
// encrypted keys cache, forever, printing a line after each write, until the bench kills it with SIGKILL.
// Usage: node --import tsx bench/crash-writer-child.ts <folder> credentials|keys-cache
import { join } from 'node:path';
import { editFileAtomically } from '../core/credentials/atomic-edit.js';
import { upsertCredentialsProfile } from '../core/credentials/credentials-profile.js';
import { createEncryptedFileStore } from '../core/credentials/keys-cache-file.js';
import { writerCredentials } from '../test/integration/credentials/writer-credentials.js';

const [folder = '', what = 'credentials'] = process.argv.slice(2);
const store = createEncryptedFileStore(join(folder, 'keys-cache'));
// Big enough that a write takes a while, so kills land in the middle of one.
const secret = 'k'.repeat(4_000_000);
for (let n = 1; ; n += 1) {
  if (what === 'keys-cache') await store.set(`entry-${n % 3}`, secret);
  else await editFileAtomically(join(folder, 'aws', 'credentials'), (old) => upsertCredentialsProfile(old ?? '', 'crash', writerCredentials('crash', n)).text);
  process.stdout.write(`${n}\n`);
}
