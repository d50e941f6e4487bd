import { describe, expect, it } from 'vitest';
import { clipboardClearDelayMs, concealedClipboardFormats, shouldClearClipboard } from '../../../core/desktop/clipboard-policy.js';

describe('clipboard auto-clear', () => {
  it('clears only what we copied', () => {
    expect(shouldClearClipboard('AWS_SECRET_ACCESS_KEY=… mongosh', 'AWS_SECRET_ACCESS_KEY=… mongosh')).toBe(true);
    expect(shouldClearClipboard('the person copied this since', 'AWS_SECRET_ACCESS_KEY=… mongosh')).toBe(false);
    expect(shouldClearClipboard('', '')).toBe(false);
  });

  it('waits the configured seconds, or never for 0', () => {
    expect(clipboardClearDelayMs(30)).toBe(30_000);
    expect(clipboardClearDelayMs(0)).toBeNull();
    expect(clipboardClearDelayMs(-5)).toBeNull();
    expect(clipboardClearDelayMs(Number.NaN)).toBeNull();
  });

  it('marks the copy as concealed where the OS has a convention', () => {
    expect(concealedClipboardFormats('darwin')).toEqual(['electron application/osclipboard;format="org.nspasteboard.ConcealedType"']);
    expect(concealedClipboardFormats('win32')).toEqual(['electron application/osclipboard;format="ExcludeClipboardContentFromMonitorProcessing"']);
    expect(concealedClipboardFormats('linux')).toEqual([]);
  });
});
