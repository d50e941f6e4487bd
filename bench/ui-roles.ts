import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startDemoStack } from '../test/emulators/demo-stack.js';
import { demoTyping, signInAt, startUiHost } from '../test/e2e/support/ui-host.js';
import type { Measure } from './table.js';
import { formatTable } from './table.js';

const runs = 5;

/**
 * Timed in the page: when the answer to its sign-in request arrives (the host sends it as soon as it has captured the
 * SAML response and read its roles) and when the role picker first shows a role.
 */
const probe = `(() => {
  const marks = (window.__rolesTiming = { answered: undefined, shown: undefined });
  const send = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const response = await send(input, init);
    if (String(input instanceof Request ? input.url : input).endsWith('/api/signIn')) marks.answered = performance.now();
    return response;
  };
  new MutationObserver(() => {
    if (marks.answered !== undefined && marks.shown === undefined && document.querySelector('dialog [role=option], [role=dialog] [role=option], dialog option, [role=dialog] option')) marks.shown = performance.now();
  }).observe(document, { subtree: true, childList: true });
})()`;

/** Browser mode against the demo stack: from the captured sign-in's answer to the roles on screen. */
export async function runUiRolesBench(): Promise<readonly Measure[]> {
  const stack = await startDemoStack();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'] });
  const samples: number[] = [];
  try {
    for (let run = 0; run <= runs; run += 1) {
      const host = await startUiHost({ stsUrl: stack.sts.url, connections: [stack.connection] });
      const context = await browser.newContext();
      try {
        await context.addInitScript(probe);
        const page = await context.newPage();
        await page.goto(host.url);
        await page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: stack.connection.name, exact: true }) }).getByRole('button', { name: 'Sign in' }).click();
        await signInAt(host, stack.idp.url, demoTyping('alice', 'alice-demo'));
        await page.getByRole('dialog').getByRole('option').first().waitFor();
        const marks = await page.evaluate<{ readonly answered?: number; readonly shown?: number }>('window.__rolesTiming');
        if (marks.answered === undefined || marks.shown === undefined) throw new Error(`The page's marks are incomplete: ${JSON.stringify(marks)}`);
        // The first run warms the host's file and compile caches.
        if (run > 0) samples.push(marks.shown - marks.answered);
      } finally {
        await context.close();
        await host.stop();
      }
    }
  } finally {
    await browser.close();
    await stack.close();
  }
  return [{ name: 'atlas-sso ui: sign-in answer → roles shown (in the page)', unit: 'ms', samples, goal: { kind: 'at-most', value: 50 } }];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatTable(await runUiRolesBench()));
}
