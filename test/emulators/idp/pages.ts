/** A user as the demo login page lists them. */
export interface DemoAccount {
  readonly username: string;
  readonly password: string;
  readonly displayName?: string;
  readonly hasTotp: boolean;
}

/** Every page carries the nonce its inline style (and script) must match under the CSP. */
interface PageFrame {
  readonly title: string;
  readonly nonce: string;
}

export interface LoginPageInput extends PageFrame {
  readonly action: string;
  readonly relayState: string;
  readonly username?: string;
  readonly error?: string;
  readonly demoAccounts?: readonly DemoAccount[];
}

export interface TotpPageInput extends PageFrame {
  readonly action: string;
  readonly pendingId: string;
  readonly error?: string;
}

export interface AutoPostPageInput extends PageFrame {
  readonly acsUrl: string;
  readonly samlResponse: string;
  readonly relayState: string;
}

export interface MessagePageInput extends PageFrame {
  readonly heading: string;
  readonly message: string;
}

/** The CSP every page is served with: nothing runs or loads unless this response's nonce allows it. */
export function contentSecurityPolicy(nonce: string, formActions: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    `form-action 'self' ${formActions.join(' ')}`.trim(),
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The login form's "Keep me signed in" box: ticked, the browser sends `on` and the session cookie outlives the browser. */
export const keepSignedInField = 'keepSignedIn';

/** The IdP's sign-in form; with demo accounts it lists who can sign in, for the demo. */
export function renderLoginPage(input: LoginPageInput): string {
  const error = input.error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(input.error)}</p>`;
  const demo = input.demoAccounts === undefined || input.demoAccounts.length === 0 ? '' : demoAccountsTable(input.demoAccounts);
  return page(input, `
    <h1>Sign in to ${escapeHtml(input.title)}</h1>
    ${error}
    <form method="post" action="${escapeHtml(input.action)}">
      <input type="hidden" name="RelayState" value="${escapeHtml(input.relayState)}">
      <label for="username">Username</label>
      <input id="username" name="username" autocomplete="username" required autofocus value="${escapeHtml(input.username ?? '')}">
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <div class="keep">
        <input id="keep-signed-in" name="${keepSignedInField}" type="checkbox">
        <label for="keep-signed-in">Keep me signed in</label>
      </div>
      <button type="submit">Sign in</button>
    </form>
    ${demo}`);
}

/** The second step for people with an authenticator app. */
export function renderTotpPage(input: TotpPageInput): string {
  const error = input.error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(input.error)}</p>`;
  return page(input, `
    <h1>Two-step verification</h1>
    <p>Enter the 6-digit code from your authenticator app.</p>
    ${error}
    <form method="post" action="${escapeHtml(input.action)}">
      <input type="hidden" name="pending" value="${escapeHtml(input.pendingId)}">
      <label for="code">Code</label>
      <input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required autofocus>
      <button type="submit">Verify</button>
    </form>`);
}

/** What every SAML IdP sends after sign-in: a form that posts the SAMLResponse to AWS, by script or by hand. */
export function renderAutoPostPage(input: AutoPostPageInput): string {
  return page(input, `
    <h1>Signing you in to AWS…</h1>
    <form method="post" action="${escapeHtml(input.acsUrl)}">
      <input type="hidden" name="SAMLResponse" value="${escapeHtml(input.samlResponse)}">
      <input type="hidden" name="RelayState" value="${escapeHtml(input.relayState)}">
      <noscript><p>JavaScript is off: press Continue to finish signing in.</p></noscript>
      <button type="submit">Continue</button>
    </form>
    <script nonce="${escapeHtml(input.nonce)}">document.forms[0].submit();</script>`);
}

/** A page with a heading and a sentence, and nothing that goes anywhere: errors, and "signed in" dead ends. */
export function renderMessagePage(input: MessagePageInput): string {
  return page(input, `
    <h1>${escapeHtml(input.heading)}</h1>
    <p class="message">${escapeHtml(input.message)}</p>`);
}

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function demoAccountsTable(accounts: readonly DemoAccount[]): string {
  const rows = accounts
    .map((account) => `
        <tr><td>${escapeHtml(account.displayName ?? account.username)}</td><td><code>${escapeHtml(account.username)}</code></td><td><code>${escapeHtml(account.password)}</code></td><td>${account.hasTotp ? 'yes' : 'no'}</td></tr>`)
    .join('');
  return `
    <section class="demo" aria-label="Demo accounts">
      <h2>Demo accounts</h2>
      <table>
        <thead><tr><th>Person</th><th>Username</th><th>Password</th><th>Code step</th></tr></thead>
        <tbody>${rows}
        </tbody>
      </table>
    </section>`;
}

const styles = `
  body { font: 16px/1.5 system-ui, sans-serif; background: #f4f5f7; color: #1d2330; margin: 0; }
  main { max-width: 26rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  h2 { font-size: 1rem; margin-bottom: .25rem; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { box-sizing: border-box; width: 100%; padding: .5rem; font: inherit; border: 1px solid #99a; border-radius: 4px; }
  button { margin-top: 1.5rem; padding: .5rem 1.25rem; font: inherit; border: 0; border-radius: 4px; background: #1a5fb4; color: #fff; cursor: pointer; }
  .keep { display: flex; align-items: center; gap: .5rem; margin-top: 1rem; }
  .keep input { width: auto; margin: 0; }
  .keep label { margin: 0; font-weight: normal; }
  .error { color: #a51d2d; background: #fbe9eb; padding: .5rem .75rem; border-radius: 4px; }
  .demo { margin-top: 2rem; font-size: .9rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .2rem .4rem; border-bottom: 1px solid #dde; }
`;

function page(frame: PageFrame, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(frame.title)}</title>
  <style nonce="${escapeHtml(frame.nonce)}">${styles}</style>
</head>
<body>
  <main>${body}
  </main>
</body>
</html>
`;
}
