// The load process (started by load-process.ts): takes commands over IPC, sends the requests, answers raw latencies.
import { Pool } from 'undici';
import type { BatchCommand, LoadCommand, LoadReport, PlannedRequest } from './load-process';

let pool: Pool | undefined;
let origin = '';

/** One keep-alive connection per request in flight; bounded so a stuck server fails a request instead of stalling the run. */
function poolFor(url: string, connections: number): Pool {
  if (pool && origin === url && pool.stats.size <= connections) return pool;
  void pool?.close();
  origin = url;
  pool = new Pool(url, { connections, headersTimeout: 30_000, bodyTimeout: 30_000 });
  return pool;
}

async function send(request: PlannedRequest): Promise<string | undefined> {
  try {
    const response = await (pool as Pool).request({
      method: request.method,
      path: request.path,
      headers: request.headers,
      body: request.body,
    });
    const text = await response.body.text();
    return response.statusCode === request.expectStatus ? undefined : `${response.statusCode}: ${text.slice(0, 200)}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Sends every lane at once, each lane's requests one after another. */
async function sendLanes(lanes: PlannedRequest[][]): Promise<LoadReport> {
  const report: LoadReport = { latencies: [], errors: 0, firstError: undefined, seconds: 0 };
  const started = performance.now();
  await Promise.all(
    lanes.map(async (lane) => {
      for (const request of lane) {
        const sent = performance.now();
        const failure = await send(request);
        report.latencies.push(performance.now() - sent);
        if (failure !== undefined) {
          report.errors++;
          report.firstError ??= failure;
        }
      }
    }),
  );
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/** GETs of the given paths, `concurrency` in flight at a time. */
function batchLanes(command: BatchCommand): PlannedRequest[][] {
  const lanes: PlannedRequest[][] = Array.from({ length: command.concurrency }, () => []);
  command.paths.forEach((path, i) => {
    lanes[i % command.concurrency]?.push({ method: 'GET', path, headers: command.headers, expectStatus: command.expectStatus });
  });
  return lanes;
}

process.on('message', (command: LoadCommand) => {
  if (command.kind === 'close') {
    void pool?.close().finally(() => process.exit(0));
    return;
  }
  const lanes = command.kind === 'lanes' ? command.lanes : batchLanes(command);
  poolFor(command.url, lanes.length);
  sendLanes(lanes).then(
    (report) => process.send?.(report),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
