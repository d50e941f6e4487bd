import type { Certificate, MessageBoxOptions } from 'electron';
import { app, BrowserWindow, dialog } from 'electron';
import { parseUrl } from '../core/desktop/app-origin.js';
import type { CertificateDecision } from '../core/desktop/client-certificate.js';
import { certificateAnswer, certificateLogLine, decideClientCertificate } from '../core/desktop/client-certificate.js';

/**
 * Answers a site's request for a client certificate (corporate IdPs use them) instead of Chromium's silent pick:
 * the configured subject, else the person's choice. Logs the subject used, never more (no key reaches this code).
 */
export function handleClientCertificates(configuredSubject: string | undefined): void {
  app.on('select-client-certificate', (event, webContents, url, list, callback) => {
    event.preventDefault();
    const host = parseUrl(url)?.host ?? 'a site';
    const finish = (decision: CertificateDecision): void => {
      const chosen: Certificate | undefined = decision.kind === 'use' ? list[decision.index] : undefined;
      console.log(certificateLogLine(host, chosen));
      callback(chosen);
    };
    const decision = decideClientCertificate(host, list, configuredSubject);
    if (decision.kind !== 'ask') {
      finish(decision);
      return;
    }
    const options: MessageBoxOptions = { type: 'question', noLink: true, ...decision.question, buttons: [...decision.question.buttons] };
    const owner = webContents === null ? null : BrowserWindow.fromWebContents(webContents);
    (owner === null ? dialog.showMessageBox(options) : dialog.showMessageBox(owner, options)).then(
      ({ response }) => finish(certificateAnswer(list, response)),
      () => finish({ kind: 'none' }),
    );
  });
}
