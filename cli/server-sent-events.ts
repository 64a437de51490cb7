/** One event of a text/event-stream: its name (`message` unless named) and its data. */
export interface StreamEvent {
  event: string;
  data: string;
}

/**
 * The events of a server-sent event stream as they arrive. Comments (the API's heartbeats)
 * are skipped; an event's several `data:` lines are joined with newlines, as the spec says.
 */
export async function* readEvents(stream: ReadableStream<Uint8Array>):
  AsyncGenerator<StreamEvent> {
  const decoder = new TextDecoder();
  let buffered = '';
  let event = 'message';
  let data: string[] = [];
  for await (const chunk of stream) {
    buffered += decoder.decode(chunk, { stream: true });
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines.map((text) => text.replace(/\r$/, ''))) {
      if (line === '') {
        if (data.length > 0) yield { event, data: data.join('\n') };
        event = 'message';
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        if (field === 'data') data.push(value);
      }
    }
  }
}
