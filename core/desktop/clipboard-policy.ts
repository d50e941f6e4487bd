/**
 * Copied secrets (a command with keys) leave the clipboard after a while, but only if it still holds what we put
 * there: what the person copied since is theirs.
 */
export function shouldClearClipboard(current: string, copied: string): boolean {
  return copied !== '' && current === copied;
}

/** When to clear, or null for never (0 in the settings). */
export function clipboardClearDelayMs(clearAfterSeconds: number): number | null {
  return Number.isFinite(clearAfterSeconds) && clearAfterSeconds > 0 ? Math.round(clearAfterSeconds * 1000) : null;
}

/**
 * The extra, empty clipboard formats that ask clipboard managers and history tools not to keep a secret: the
 * nspasteboard.org convention on macOS, and Windows' "exclude from monitor processing" (Windows 10+ clipboard history,
 * cloud clipboard). Linux has no shared convention. Written with Electron's raw-format MIME type.
 */
export function concealedClipboardFormats(platform: NodeJS.Platform): readonly string[] {
  if (platform === 'darwin') return [osClipboardFormat('org.nspasteboard.ConcealedType')];
  if (platform === 'win32') return [osClipboardFormat('ExcludeClipboardContentFromMonitorProcessing')];
  return [];
}

function osClipboardFormat(name: string): string {
  return `electron application/osclipboard;format="${name}"`;
}
