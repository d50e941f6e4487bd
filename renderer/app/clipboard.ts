/**
 * Copies text and, when asked, clears the clipboard after a while, but only if it still holds what we copied:
 * the person may have copied something of their own since, and that is theirs.
 */
export async function copyText(text: string, clearAfterSeconds = 0): Promise<void> {
  await navigator.clipboard.writeText(text);
  if (clearAfterSeconds <= 0) return;
  setTimeout(() => {
    void clearIfStill(text);
  }, clearAfterSeconds * 1000);
}

async function clearIfStill(text: string): Promise<void> {
  // Unreadable (no permission, window not focused): we cannot tell whose text it is, so it stays.
  const current = await navigator.clipboard.readText().catch(() => undefined);
  if (current === text) await navigator.clipboard.writeText('').catch(() => undefined);
}
