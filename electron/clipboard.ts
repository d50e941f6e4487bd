import { clipboard, ClipboardItem } from 'electron';
import { clipboardClearDelayMs, concealedClipboardFormats, shouldClearClipboard } from '../core/desktop/clipboard-policy.js';

/**
 * Copies a command that may hold keys: marked "concealed" for clipboard managers where the OS has a convention,
 * and cleared after `clearAfterSeconds` if the clipboard still holds it. Returns the cancel of the pending clear.
 */
export async function copySecretText(text: string, clearAfterSeconds: number, platform: NodeJS.Platform): Promise<() => void> {
  const formats: Record<string, string> = { 'text/plain': text };
  for (const format of concealedClipboardFormats(platform)) formats[format] = '';
  await clipboard.write([new ClipboardItem(formats)]);
  const delay = clipboardClearDelayMs(clearAfterSeconds);
  if (delay === null) return () => undefined;
  const timer = setTimeout(() => {
    clipboard.readText().then(
      (current) => (shouldClearClipboard(current, text) ? clipboard.clear() : undefined),
      () => undefined,
    );
  }, delay);
  return () => clearTimeout(timer);
}
