// The load process (started by load-process.ts): takes commands over IPC, sends the requests, answers raw latencies.

import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { BatchCommand, LabelSamples, LoadCommand, LoadReport, PlannedRequest } from './load-process';

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

/** A lane's captured values (see `PlannedRequest.capture`). */
type LaneValues = Map<string, string>;

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

function filledIn(text: string, values: LaneValues): string {
  if (!text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => (name === 'now' ? new Date().toISOString() : (values.get(name) ?? whole)));
}

const expected = (request: PlannedRequest, status: number) =>
  typeof request.expectStatus === 'number' ? status === request.expectStatus : request.expectStatus.includes(status);

/** The current command's binary bodies, decoded once. */
let blobs = new Map<string, Buffer>();

function blobNamed(name: string): Buffer {
  const blob = blobs.get(name);
  if (!blob) throw new Error(`the command carries no blob named ${name}`);
  return blob;
}

async function send(request: PlannedRequest, values: LaneValues = new Map()): Promise<string | undefined> {
  try {
    const response = await (pool as Pool).request({
      method: request.method,
      path: filledIn(request.path, values),
      headers: request.headers,
      body: request.blob === undefined ? request.body && filledIn(request.body, values) : blobNamed(request.blob),
    });
    const text = await response.body.text();
    if (!expected(request, response.statusCode)) return `${request.method} ${request.path} ${response.statusCode}: ${text.slice(0, 200)}`;
    if (request.capture) {
      const value: unknown = JSON.parse(text)[request.capture.field];
      if (typeof value !== 'string') return `${request.path} answered no ${request.capture.field}`;
      values.set(request.capture.name, value);
    }
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Sends every lane at once, each lane's requests one after another. */
async function sendLanes(lanes: PlannedRequest[][]): Promise<LoadReport> {
  const report: LoadReport = { latencies: [], errors: 0, firstError: undefined, seconds: 0, byLabel: {} };
  const labelled = (label: string): LabelSamples => {
    report.byLabel[label] ??= { latencies: [], errors: 0, firstError: undefined };
    return report.byLabel[label];
  };
  const started = performance.now();
  await Promise.all(
    lanes.map(async (lane) => {
      const values: LaneValues = new Map();
      for (const request of lane) {
        if (request.thinkMs) await sleep(request.thinkMs);
        const sent = performance.now();
        const failure = await send(request, values);
        const latency = performance.now() - sent;
        report.latencies.push(latency);
        const perLabel = request.label === undefined ? undefined : labelled(request.label);
        perLabel?.latencies.push(latency);
        if (failure !== undefined) {
          report.errors++;
          report.firstError ??= failure;
          if (perLabel) {
            perLabel.errors++;
            perLabel.firstError ??= failure;
          }
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
  blobs = new Map(
    Object.entries(command.kind === 'lanes' ? (command.blobs ?? {}) : {}).map(([name, base64]) => [name, Buffer.from(base64, 'base64')]),
  );
  poolFor(command.url, lanes.length);
  sendLanes(lanes).then(
    (report) => process.send?.(report),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
