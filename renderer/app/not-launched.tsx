import { BrandMark } from '../components/brand-mark.js';
import { useTheme } from './use-theme.js';

/** Opened without the launch token (a bookmark, a copied address): say how to get in, without guessing. */
export function NotLaunched() {
  useTheme('system');
  return (
    <main className="app-main">
      <section className="card empty-state" aria-labelledby="not-launched-title">
        <BrandMark className="leaf-illustration" />
        <h1 id="not-launched-title">Open Atlas SSO from its own link</h1>
        <p className="muted">
          This page needs the one-time link that <code>atlas-sso ui</code> prints (and opens) when it starts. Run it again and use that link.
        </p>
      </section>
    </main>
  );
}
