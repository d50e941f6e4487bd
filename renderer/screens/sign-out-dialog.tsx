import { useEffect, useState } from 'react';
import type { Connection, RequestResult } from '../../core/api.js';
import { useApi } from '../app/api-context.js';
import { useAction } from '../app/use-action.js';
import { Dialog } from '../components/dialog.js';
import { ErrorNotice } from '../components/error-notice.js';

interface SignOutDialogProps {
  readonly connection: Connection;
  /** Signed in with keys (not only a sign-in waiting for a role): only then can a profile hold them. */
  readonly hasKeys: boolean;
  readonly onClose: () => void;
  /** Signed out; `removedProfile` names the AWS profile removed with it. */
  readonly onSignedOut: (removedProfile: string | null) => void;
}

/**
 * Says what signing out does, and offers to remove the keys from the AWS profile when it still holds this session's
 * keys (else they would stay there, working, until they expire).
 */
export function SignOutDialog({ connection, hasKeys, onClose, onSignedOut }: SignOutDialogProps) {
  const api = useApi();
  const action = useAction();
  const [written, setWritten] = useState<RequestResult<'writtenProfile'> | null>(null);
  const [removeProfile, setRemoveProfile] = useState(true);
  const connectionId = connection.id;
  useEffect(() => {
    if (!hasKeys) return;
    void api.writtenProfile({ connectionId }).then((reply) => {
      if (reply.ok && reply.value.holdsKeys) setWritten(reply.value);
    });
  }, [api, connectionId, hasKeys]);
  const signOut = (): void => {
    const removing = written !== null && removeProfile;
    void action.run(
      'sign-out',
      async () => {
        if (removing) {
          const removed = await api.removeWrittenProfile({ connectionId });
          if (!removed.ok) return removed;
        }
        return await api.signOut({ connectionId });
      },
      () => onSignedOut(removing ? written.profile : null),
    );
  };
  return (
    <Dialog
      title={`Sign out of ${connection.name}?`}
      description="Atlas SSO forgets this connection’s keys, here and for AWS profiles that ask Atlas SSO for them. Your company sign-in stays, so the next sign-in may not ask for your password (Forget IdP sign-in in the … menu ends that too)."
      onClose={onClose}
    >
      {written === null ? null : (
        <label className="check">
          <input type="checkbox" checked={removeProfile} onChange={(event) => setRemoveProfile(event.target.checked)} />
          <span>
            Also remove the keys from the AWS profile “{written.profile}” ({written.filePath}). Left there, they keep working until they expire.
          </span>
        </label>
      )}
      {action.error === null ? null : <ErrorNotice error={action.error} onDismiss={action.clearError} />}
      <div className="button-row">
        <button type="button" className="button primary" disabled={action.busy !== null} onClick={signOut}>
          {action.busy === null ? 'Sign out' : 'Signing out…'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Stay signed in
        </button>
      </div>
    </Dialog>
  );
}
