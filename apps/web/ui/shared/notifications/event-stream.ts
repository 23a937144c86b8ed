/** One Server-Sent Event as the HTML standard's parser dispatches it. */
export interface StreamEvent {
  /** `event:` field; `message` when the frame names none. */
  type: string;
  data: string;
  /** The last event id seen so far (it carries over frames without `id:`), sent back as Last-Event-ID. */
  lastEventId: string;
}

/**
 * The `text/event-stream` parser of the HTML standard (§9.2.6), fed decoded text in chunks of any size: a line may
 * be split across chunks, ends in LF, CR or CRLF; `:` lines are comments (heartbeats); a blank line dispatches.
 * `retry:` changes the reconnection delay the caller reads from `retryMs`.
 */
export class EventStreamParser {
  lastEventId = '';
  retryMs: number | undefined;
  private buffer = '';
  private type = '';
  private data: string[] = [];
  private pendingCr = false;

  constructor(private readonly dispatch: (event: StreamEvent) => void) {}

  push(chunk: string): void {
    let text = chunk;
    // A CR at the end of the previous chunk already ended its line: skip the LF of that CRLF.
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    let start = 0;
    for (let index = 0; index < this.buffer.length; index += 1) {
      const char = this.buffer[index];
      if (char !== '\n' && char !== '\r') continue;
      this.line(this.buffer.slice(start, index));
      if (char === '\r') {
        if (index + 1 === this.buffer.length) this.pendingCr = true;
        else if (this.buffer[index + 1] === '\n') index += 1;
      }
      start = index + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  private line(line: string): void {
    if (line === '') {
      this.flush();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.type = value;
    else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
  }

  private flush(): void {
    const type = this.type || 'message';
    const data = this.data;
    this.type = '';
    this.data = [];
    if (data.length === 0) return;
    this.dispatch({ type, data: data.join('\n'), lastEventId: this.lastEventId });
  }
}
