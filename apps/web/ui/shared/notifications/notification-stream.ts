import { sessionFetch } from '../api/client';
import { EventStreamParser, type StreamEvent } from './event-stream';

export const STREAM_PATH = '/api/v1/notifications/stream';

export interface StreamHandlers {
  onEvent(event: StreamEvent): void;
  /** Connected (again): what happened while away that Last-Event-ID does not replay, such as reads, is refetched. */
  onOpen(): void;
}

const MAX_DELAY_MS = 30_000;

/**
 * Follows the user's live notices until `signal` aborts. Read with fetch rather than EventSource, which cannot
 * send the bearer token; after a dropped connection it reconnects with `Last-Event-ID`, so the server resumes after
 * the last notice received, waiting the server's `retry:` or 1 s, doubling on each failure up to 30 s.
 * Stops for good when the answer says the stream will not come (signed out, no notification service here).
 */
export async function followNotificationStream(handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
  let lastEventId = '';
  let retryMs: number | undefined;
  let failures = 0;
  while (!signal.aborted) {
    const parser = new EventStreamParser(handlers.onEvent);
    parser.lastEventId = lastEventId;
    parser.retryMs = retryMs;
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (lastEventId) headers['last-event-id'] = lastEventId;
      const response = await sessionFetch(STREAM_PATH, { headers, signal, cache: 'no-store' });
      if (response.status >= 400 && response.status < 500 && response.status !== 429) return;
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      failures = 0;
      handlers.onOpen();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(value);
      }
    } catch {
      if (signal.aborted) return;
    }
    ({ lastEventId, retryMs } = parser);
    failures += 1;
    await pause(Math.min(MAX_DELAY_MS, (retryMs ?? 1000) * 2 ** (failures - 1)), signal);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
