// Child process for the crash test: rewrites the `crash` profile of a large file forever, printing each update
// number once its write is complete, until the test kills it with SIGKILL.
// Usage: node --import tsx crash-writer.ts <credentials file> <first update number>
import { editFileAtomically } from '../../../core/credentials/atomic-edit.js';
import { upsertCredentialsProfile } from '../../../core/credentials/credentials-profile.js';
import { writerCredentials } from './writer-credentials.js';

const [file = '', first = '1'] = process.argv.slice(2);
for (let n = Number(first); ; n += 1) {
  await editFileAtomically(file, (old) => upsertCredentialsProfile(old ?? '', 'crash', writerCredentials('crash', n)).text, { staleMs: 2000, lockWaitMs: 30_000 });
  process.stdout.write(`${n}\n`);
}
