import type { MachineCredentialSetup } from '../../core/api.js';
import { Breakable } from '../components/breakable.js';

/** What this computer sets up for AWS, read on opening and asking no one; calm when nothing is, as on most laptops. */
export function MachineSetup({ setup }: { readonly setup: MachineCredentialSetup }) {
  if (setup.sources.length === 0) {
    return (
      <div className="notice" role="status">
        <p>No AWS identity here — normal on a laptop; this panel is for servers, containers and CI.</p>
        <p className="small muted">{setup.instanceMetadata}</p>
      </div>
    );
  }
  return (
    <div className="notice" role="status" aria-label="Set up on this computer">
      <p className="notice-title">Set up on this computer (not checked yet)</p>
      <ul className="identity-steps">
        {setup.sources.map((source) => (
          <li key={source.source}>
            {source.label}:{' '}
            {source.details.map((detail, index) => (
              <span key={detail}>
                {index === 0 ? null : ', '}
                <Breakable text={detail} className="mono" />
              </span>
            ))}
            {source.note === null ? null : <span className="muted small"> — {source.note}</span>}
          </li>
        ))}
      </ul>
      <p className="small muted">{setup.instanceMetadata}</p>
      <p className="small muted">Check this computer asks these sources, and AWS STS, who they belong to.</p>
    </div>
  );
}
