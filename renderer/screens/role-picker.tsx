import type { KeyboardEvent } from 'react';
import { useId, useMemo, useRef, useState } from 'react';
import type { ApiError, Connection, RolesReady } from '../../core/api.js';
import { roleMenuEntries } from '../../core/session/role-menu.js';
import { AtlasVerdictBadge, atlasVerdictOf } from '../components/atlas-verdict-badge.js';
import { Breakable } from '../components/breakable.js';
import { Dialog } from '../components/dialog.js';
import { ErrorNotice } from '../components/error-notice.js';
import { roleChoices, roleOptionId } from '../lib/role-choices.js';
import { IdpReportView } from './idp-report.js';

interface RolePickerProps {
  readonly connection: Connection;
  readonly roles: RolesReady;
  /** The role signed in as now (switching role): marked "Active". */
  readonly activeRoleArn?: string | undefined;
  /** Set while STS is asked for the picked role. */
  readonly busy: boolean;
  readonly error: ApiError | null;
  readonly onPick: (roleArn: string, principalArn: string | undefined) => void;
  readonly onClose: () => void;
  readonly onSignInAgain: () => void;
}

/**
 * Picks the role to assume: grouped by account, last used first, filtered as the person types (focus starts in the
 * filter), ↑/↓ to move, Enter to pick. A combobox over a listbox, so screen readers follow the active option.
 */
export function RolePicker({ connection, roles, activeRoleArn, busy, error, onPick, onClose, onSignInAgain }: RolePickerProps) {
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const groups = useMemo(() => roleChoices(roles, filter), [roles, filter]);
  const entries = roleMenuEntries(groups);
  const current = entries[Math.min(active, entries.length - 1)];
  const pick = (index: number): void => {
    const entry = entries[index];
    if (entry !== undefined && !busy) onPick(entry.role.roleArn, entry.role.principalArn);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    const moves: Readonly<Record<string, number>> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: entries.length - 1, PageDown: active + 5, PageUp: active - 5 };
    const target = moves[event.key];
    if (target !== undefined && entries.length > 0) {
      event.preventDefault();
      setActive(Math.max(0, Math.min(entries.length - 1, target)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(Math.min(active, entries.length - 1));
    }
  };
  const subject = roles.subject === null ? '' : ` as ${roles.subject}`;
  const switching = activeRoleArn === undefined ? '' : ' The role in use now is marked Active: close this to keep it.';
  return (
    <Dialog fixedHeight title={`Choose a role for ${connection.name}`} description={`Signed in${subject}. Type to filter, ↑ and ↓ to move, Enter to pick.${switching}`} onClose={onClose} initialFocus={input}>
      {roles.warnings.map((warning) => (
        <p className="notice warning" key={warning}>
          {warning}
        </p>
      ))}
      {roles.encrypted ? <EncryptedRoles connection={connection} busy={busy} onPick={onPick} /> : null}
      <div className="field">
        <label htmlFor={`${listId}-filter`}>Filter roles</label>
        <input
          ref={input}
          id={`${listId}-filter`}
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={current === undefined ? undefined : roleOptionId(current.role.roleArn, current.role.principalArn)}
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          placeholder="Account, role or ARN"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="role-groups" id={listId} role="listbox" aria-label="Roles">
        {entries.length === 0 && !roles.encrypted ? <p className="muted">No role matches “{filter}”.</p> : null}
        {groups.map((group) => (
          <div role="group" aria-labelledby={`${listId}-${group.accountId}`} key={group.accountId}>
            <div className="role-group-title" id={`${listId}-${group.accountId}`}>
              {group.accountLabel}
            </div>
            {group.entries.map((entry) => {
              const index = entries.indexOf(entry);
              return (
                <div
                  key={`${entry.role.roleArn} ${entry.role.principalArn}`}
                  id={roleOptionId(entry.role.roleArn, entry.role.principalArn)}
                  role="option"
                  aria-selected={entry === current}
                  className="role-option"
                  onClick={() => pick(index)}
                  onMouseMove={() => setActive(index)}
                >
                  <span>
                    <span className="role-name">{entry.label}</span>
                    <br />
                    <Breakable text={entry.role.roleArn} className="role-arn mono" />
                  </span>
                  <span className="button-row role-badges">
                    {entry.role.roleArn === activeRoleArn ? <span className="badge ok">Active</span> : null}
                    {entry.clusters.map((cluster) => (
                      <span className="badge atlas" key={cluster} title={`This role has a database user on ${cluster}`}>
                        Atlas: {cluster}
                      </span>
                    ))}
                    <AtlasVerdictBadge verdict={atlasVerdictOf(roles, entry.role.roleArn)} />
                    {entry.lastUsed ? <span className="badge ok">Last used</span> : null}
                    {entry.isDefault ? <span className="badge">Default</span> : null}
                  </span>
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {roles.idp === undefined ? null : (
        <details className="notice">
          <summary>What the IdP sent{roles.idp.problems.length === 0 ? '' : ` (${roles.idp.problems.length} to fix)`}</summary>
          <IdpReportView report={roles.idp} />
        </details>
      )}
      {busy ? (
        <p className="progress" role="status">
          <span className="spinner" aria-hidden="true" /> Asking AWS for keys…
        </p>
      ) : null}
      {error === null ? null : <ErrorNotice error={error} actions={{ 'sign-in-again': onSignInAgain }} />}
    </Dialog>
  );
}

/** An encrypted assertion names no role we can read: offer the connection's default role. */
function EncryptedRoles({ connection, busy, onPick }: { readonly connection: Connection; readonly busy: boolean; readonly onPick: RolePickerProps['onPick'] }) {
  return (
    <div className="notice">
      <p>Your identity provider encrypts its answer, so the roles in it cannot be listed here.</p>
      {connection.defaultRole === undefined ? (
        <p>Set the role to use (its ARN) as this connection&apos;s default role, then sign in again.</p>
      ) : (
        <button type="button" className="button primary" disabled={busy} onClick={() => onPick(connection.defaultRole ?? '', undefined)}>
          Use {connection.defaultRole}
        </button>
      )}
    </div>
  );
}
