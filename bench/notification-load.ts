// The notification benchmark's clients, in their own process: signs the recipients in, holds one Server-Sent Events
// stream per recipient open on the service (and as many on a bare SSE server, the peer), and reports when each frame
// of a round arrived. Started by notification.bench.ts over IPC; never run by hand.
import http from 'node:http';
import { login } from './bench-host';

export type LoadCommand =
  | { type: 'open'; serviceUrl: string; emails: string[]; password: string; peerUrl: string }
  | { type: 'expect'; stream: StreamName; round: number; count: number }
  | { type: 'close' };

export type LoadReport =
  | { type: 'ready'; opened: number; signInSeconds: number }
  | { type: 'arrived'; stream: StreamName; round: number; at: number[] }
  | { type: 'failed'; error: string };

export type StreamName = 'notification' | 'peer';

/** Frames carry `bench-round-<n>` (the notice's title, or the peer's data): the round they belong to. */
const ROUND = /bench-round-(\d+)/;
const SIGN_IN_CONCURRENCY = 8;
const OPEN_CONCURRENCY = 50;

const wallClock = () => performance.timeOrigin + performance.now();
const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
const requests: http.ClientRequest[] = [];
const arrivals = new Map<string, number[]>();
const expected = new Map<string, number>();

function report(message: LoadReport): void {
  process.send?.(message);
}

function settle(key: string): void {
  const want = expected.get(key);
  const got = arrivals.get(key) ?? [];
  if (want === undefined || got.length < want) return;
  const [stream, round] = key.split(':');
  expected.delete(key);
  arrivals.delete(key);
  report({ type: 'arrived', stream: stream as StreamName, round: Number(round), at: got });
}

/** Opens one stream; resolves once its headers arrived (the server now holds it), counting every frame after. */
function openStream(stream: StreamName, url: string, token: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, {
      agent,
      headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    requests.push(request);
    request.on('error', reject);
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`${stream} stream answered ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk: string) => {
        const at = wallClock();
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const round = ROUND.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          if (round !== undefined) {
            const key = `${stream}:${round}`;
            const list = arrivals.get(key) ?? [];
            list.push(at);
            arrivals.set(key, list);
            settle(key);
          }
          end = buffer.indexOf('\n\n');
        }
      });
      // The server writes `retry:` first: once it is here, the stream is registered.
      response.once('data', () => resolve());
    });
  });
}

async function inBatches<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function open(command: Extract<LoadCommand, { type: 'open' }>): Promise<void> {
  const started = performance.now();
  const tokens: string[] = [];
  await inBatches(command.emails, SIGN_IN_CONCURRENCY, async (email) => {
    tokens.push(await login(command.serviceUrl, email, command.password));
  });
  const signInSeconds = (performance.now() - started) / 1000;
  await inBatches(tokens, OPEN_CONCURRENCY, (token) =>
    openStream('notification', `${command.serviceUrl}/api/v1/notifications/stream`, token),
  );
  await inBatches(tokens, OPEN_CONCURRENCY, () => openStream('peer', `${command.peerUrl}/stream`, undefined));
  report({ type: 'ready', opened: requests.length, signInSeconds });
}

process.on('message', (command: LoadCommand) => {
  if (command.type === 'open') {
    open(command).catch((error: unknown) => report({ type: 'failed', error: String(error) }));
  } else if (command.type === 'expect') {
    const key = `${command.stream}:${command.round}`;
    expected.set(key, command.count);
    settle(key);
  } else {
    for (const request of requests) request.destroy();
    agent.destroy();
    process.disconnect?.();
  }
});
