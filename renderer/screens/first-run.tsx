import { BrandMark } from '../components/brand-mark.js';

interface FirstRunProps {
  readonly onAdd: () => void;
  readonly onImport: () => void;
}

/** The first thing a new person sees: one clear way in, and a team file for those who were sent one. */
export function FirstRun({ onAdd, onImport }: FirstRunProps) {
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
      </div>
    </section>
  );
}
