import { useState } from 'react';
import type { ApiError } from '../../core/api.js';
import { useApi } from '../app/api-context.js';
import { copyText } from '../app/clipboard.js';
import { diagnosticsText } from '../lib/diagnostics-text.js';
import type { NextStep } from '../lib/error-guidance.js';
import { errorGuidance } from '../lib/error-guidance.js';
import { assertNever } from '../lib/assert-never.js';

interface ErrorNoticeProps {
  readonly error: ApiError;
  /** What the next-step button does here; a step with no handler shows no button. */
  readonly actions?: Partial<Record<Exclude<NextStep, 'none'>, () => void>>;
  readonly onDismiss?: () => void;
  /** A heading for this place ("Settings not saved") instead of the one for the code. */
  readonly title?: string;
}

/** An error as a sentence with the next step, its details on demand, and diagnostics to copy that hold no secret. */
export function ErrorNotice({ error, actions = {}, onDismiss, title }: ErrorNoticeProps) {
  const api = useApi();
  const [copied, setCopied] = useState(false);
  const guidance = errorGuidance(error.code);
  const next = guidance.nextStep === 'none' ? undefined : actions[guidance.nextStep];
  const copyDiagnostics = async (): Promise<void> => {
    const reply = await api.getDiagnostics({});
    await copyText(diagnosticsText(error, reply.ok ? reply.value.text : null));
    setCopied(true);
  };
  const neutral = guidance.tone === 'neutral';
  return (
    <div className={neutral ? 'notice' : 'notice error'} role={neutral ? 'status' : 'alert'}>
      <p className="notice-title">{title ?? guidance.title}</p>
      <p>{error.message}</p>
      {neutral ? null : (
        <details>
          <summary>Details</summary>
          <pre>{[`Code: ${error.code}`, error.details].filter((line) => line !== undefined).join('\n')}</pre>
        </details>
      )}
      <div className="button-row">
        {next === undefined || guidance.nextStep === 'none' ? null : (
          <button type="button" className="button primary" onClick={next}>
            {nextStepLabel(guidance.nextStep)}
          </button>
        )}
        {neutral ? null : (
          <button type="button" className="button" onClick={() => void copyDiagnostics()}>
            {copied ? 'Diagnostics copied' : 'Copy diagnostics'}
          </button>
        )}
        {onDismiss === undefined ? null : (
          <button type="button" className="button" onClick={onDismiss}>
            Dismiss
          </button>
        )}
      </div>
    </div>
  );
}

function nextStepLabel(step: Exclude<NextStep, 'none'>): string {
  switch (step) {
    case 'sign-in-again':
      return 'Sign in again';
    case 'try-again':
      return 'Try again';
    case 'edit-connection':
      return 'Edit connection';
    case 'open-settings':
      return 'Open settings';
    default:
      return assertNever(step);
  }
}
