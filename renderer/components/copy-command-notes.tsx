import type { RequestResult } from '../../core/api.js';
import { expiryClockTime } from '../lib/time-left.js';

/** MongoDB's own download page for mongosh: the way to get it on every system. */
const downloadUrl = 'https://www.mongodb.com/try/download/shell';

/**
 * What a person should know about the command just copied, beside the Copy button: that mongosh is missing on this
 * computer (and how to get it) before they paste, and which profile the profile variant saved the keys as.
 */
export function CopyCommandNotes({ reply }: { readonly reply: RequestResult<'copyCommand'> | null }) {
  if (reply === null) return null;
  const saved = reply.savedProfile;
  return (
    <>
      {reply.mongosh.found !== 'missing' ? null : (
        <div className="notice warning" role="status" aria-label="mongosh is not installed">
          <p className="notice-title">mongosh is not installed</p>
          <p>The copied command needs mongosh to run. Get it from MongoDB:</p>
          <ul>
            <li>
              the download page:{' '}
              <a href={downloadUrl} target="_blank" rel="noreferrer">
                {downloadUrl}
              </a>
            </li>
            <li>
              on a Mac with Homebrew: <code>brew install mongosh</code>
            </li>
            <li>on Linux: MongoDB&apos;s apt or yum repository</li>
          </ul>
        </div>
      )}
      {saved === undefined ? null : (
        <p className="notice success" role="status">
          Saved keys as profile <span className="mono">{saved.profile}</span> in <span className="mono">{saved.filePath}</span>, valid until {expiryClockTime(saved.expiresAt)}.
        </p>
      )}
    </>
  );
}
