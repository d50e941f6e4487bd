/**
 * A server-sent events reader for a fetch body: fetch lets the stream share the calls' error handling and reconnects
 * (EventSource retries on its own terms). Feed it text as it arrives; it returns each complete event's data.
 */
export function createSseParser(): (chunk: string) => readonly string[] {
  let buffer = '';
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    const events: string[] = [];
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) events.push(data.join('\n'));
        data = [];
      } else if (line.startsWith('data:')) {
        data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      }
      // Comments (":keep-alive"), "event:", "id:" and "retry:" carry nothing this client needs: the type is in the data.
    }
    return events;
  };
}
