/**
 * Calls `stop` once no page has held the event stream for `graceMs`, counting only after the first page came: a reload
 * drops the stream for well under a second and opens it again, while a closed window never does.
 */
export function stopWhenUnwatched(graceMs: number, stop: () => void): (openPages: number) => void {
  let timer: NodeJS.Timeout | undefined;
  return (openPages) => {
    clearTimeout(timer);
    timer = openPages > 0 ? undefined : setTimeout(stop, graceMs);
  };
}
