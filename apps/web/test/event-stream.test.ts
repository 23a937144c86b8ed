import { describe, expect, it } from 'vitest';
import { EventStreamParser, type StreamEvent } from '../ui/shared/notifications/event-stream';

function parse(...chunks: string[]) {
  const events: StreamEvent[] = [];
  const parser = new EventStreamParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  return { events, parser };
}

describe('the text/event-stream parser', () => {
  it('dispatches a frame at its blank line, with its type, data and id', () => {
    const { events } = parse('id: 0193-a\nevent: notification\ndata: {"id":"0193-a"}\n\n');
    expect(events).toEqual([{ type: 'notification', data: '{"id":"0193-a"}', lastEventId: '0193-a' }]);
  });

  it('joins a frame split anywhere across chunks, including inside a CRLF', () => {
    const { events } = parse('da', 'ta: one\r', '\ndata: two\r\n', '\r\nid: 7\r\n', 'data: three\n', '\n');
    expect(events).toEqual([
      { type: 'message', data: 'one\ntwo', lastEventId: '' },
      { type: 'message', data: 'three', lastEventId: '7' },
    ]);
  });

  it('ignores comments used as heartbeats, does not dispatch a frame without data, and keeps the last id', () => {
    const { events, parser } = parse(': keep-alive\n\n', 'id: 42\n\n', 'retry: 5000\n\n', 'data: after\n\n');
    expect(events).toEqual([{ type: 'message', data: 'after', lastEventId: '42' }]);
    expect(parser.retryMs).toBe(5000);
  });

  it('holds an unfinished frame until its blank line arrives', () => {
    const { events } = parse('data: partial\n');
    expect(events).toEqual([]);
  });

  it('takes a field without a colon as an empty value and only strips one leading space', () => {
    const { events } = parse('data\ndata:  two spaces\n\n');
    expect(events[0]?.data).toBe('\n two spaces');
  });
});
