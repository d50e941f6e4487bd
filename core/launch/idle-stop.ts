export type StopReason = 'window-closed' | 'window-never-opened';

/**
 * Calls `stop` once no page has held the event stream for `graceMs` after one did — a reload drops the stream for well
 * under a second and opens it again, while a closed window never does — or when no page came at all within
 * `firstPageWithinMs` (no display, a browser that crashed), so a server nobody can reach does not run on unseen.
 */
export function stopWhenUnwatched(graceMs: number, firstPageWithinMs: number, stop: (reason: StopReason) => void): (openPages: number) => void {
  let timer: NodeJS.Timeout | undefined = setTimeout(() => stop('window-never-opened'), firstPageWithinMs);
  return (openPages) => {
    clearTimeout(timer);
    timer = openPages > 0 ? undefined : setTimeout(() => stop('window-closed'), graceMs);
  };
}
