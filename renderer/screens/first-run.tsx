import { BrandMark } from '../components/brand-mark.js';

interface FirstRunProps {
  readonly onAdd: () => void;
  readonly onImport: () => void;
  /** Present only when the host runs the demo: a way to look around before asking IT for the sign-in link. */
  readonly onTryDemo?: (() => void) | undefined;
  /** True while the demo connection is being added. */
  readonly addingDemo?: boolean;
}

/** The first thing a new person sees: one clear way in, a team file for those who were sent one, and the demo when there is one. */
export function FirstRun({ onAdd, onImport, onTryDemo, addingDemo = false }: FirstRunProps) {
  return (
    <section className="card empty-state" aria-labelledby="first-run-title">
      <BrandMark className="leaf-illustration" />
      <h1 id="first-run-title">Sign in to MongoDB Atlas with your company account</h1>
      <p className="muted">
        Paste the link of the AWS app from your company&apos;s sign-in portal (Okta, Entra ID, Google, ADFS…). The AWS partition and region are
        detected after your first sign-in. No password or key is ever saved.
      </p>
      <div className="button-row">
        <button type="button" className="button primary" onClick={onAdd}>
          Add your company sign-in
        </button>
        <button type="button" className="button" onClick={onImport}>
          Import a team file
        </button>
        {onTryDemo === undefined ? null : (
          <button type="button" className="button" onClick={onTryDemo} disabled={addingDemo} aria-describedby="first-run-demo-hint">
            {addingDemo ? 'Adding the demo…' : 'Try the demo'}
          </button>
        )}
      </div>
      {onTryDemo === undefined ? null : (
        <p id="first-run-demo-hint" className="field-hint">
          The demo signs in to Demo Corp, a company running on this computer only; its sign-in page shows the passwords to use.
        </p>
      )}
    </section>
  );
}
