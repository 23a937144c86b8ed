// The load generator's side of a benchmark: requests sent from a process of their own, so the client's work (building
// requests, reading answers, timing) never shares an event loop with the server it measures.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Summary, summarize } from './stats';

export interface PlannedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  /** JSON text. */
  body?: string;
  /**
   * A binary body (a multipart upload) by its name in the command's `blobs`: the bytes cross the process boundary once,
   * however many requests send them (a field day's thousands of photo uploads overflowed one message otherwise).
   */
  blob?: string;
  /** The status that counts as success (or each that does). */
  expectStatus: number | readonly number[];
  /**
   * Keeps a field of a successful JSON answer under a name: a later request of the same lane says `{{name}}` in its
   * path or body (an uploaded photo's id in the check-out). `{{now}}` is the time the request is sent, ISO 8601.
   */
  capture?: { name: string; field: string };
  /** What kind of request this is: the report keeps each label's latencies apart. */
  label?: string;
  /** A user's pause before sending (reading the screen, walking to the next shop); not part of the latency. */
  thinkMs?: number;
}

/** Requests one after another, as one user (a rep syncing their day) would send them. */
export type Lane = PlannedRequest[];

/** What the load process is asked to do. */
export type LoadCommand = LanesCommand | BatchCommand | { kind: 'close' };

export interface LanesCommand {
  kind: 'lanes';
  url: string;
  lanes: Lane[];
  /** Binary bodies by name, base64 (see `PlannedRequest.blob`). */
  blobs?: Record<string, string>;
}

export interface BatchCommand {
  kind: 'batch';
  url: string;
  paths: string[];
  headers: Record<string, string>;
  concurrency: number;
  expectStatus: number;
}

/** What the load process answers: raw samples, summarised here so both sides share one definition. */
export interface LoadReport {
  latencies: number[];
  errors: number;
  firstError: string | undefined;
  seconds: number;
  /** The same samples per request label (only labelled requests). */
  byLabel: Record<string, LabelSamples>;
}

export interface LabelSamples {
  latencies: number[];
  errors: number;
  firstError: string | undefined;
}

export interface LoadResult {
  requests: number;
  /** Answers with another status, or failed requests; their latencies are in the figures too. */
  errors: number;
  firstError: string | undefined;
  /** Measured requests ÷ the time spent measuring them. */
  requestsPerSecond: number;
  latencyMs: Summary;
}

const GENERATOR = fileURLToPath(new URL('./load-generator.ts', import.meta.url));

/** A load process kept for several commands (one connection pool, warm), answering one command at a time. */
export class LoadProcess {
  private readonly child: ChildProcess;
  private pending: { resolve: (report: LoadReport) => void; reject: (error: Error) => void } | undefined;
  private ended: Error | undefined;

  constructor() {
    this.child = fork(GENERATOR, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (report: LoadReport) => {
      this.pending?.resolve(report);
      this.pending = undefined;
    });
    this.child.once('exit', (code) => {
      this.ended = new Error(`the load process ended (code ${code})`);
      this.pending?.reject(this.ended);
      this.pending = undefined;
    });
  }

  run(command: Exclude<LoadCommand, { kind: 'close' }>): Promise<LoadReport> {
    if (this.ended) return Promise.reject(this.ended);
    if (this.pending) return Promise.reject(new Error('the load process runs one command at a time'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child.send(command);
    });
  }

  async close(): Promise<void> {
    if (this.ended) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ kind: 'close' } satisfies LoadCommand);
    await exited;
  }
}

/** Measured batches add up into one result. */
export class LoadTally {
  private readonly latencies: number[] = [];
  private seconds = 0;
  private errors = 0;
  private firstError: string | undefined;

  add(report: LoadReport): void {
    this.latencies.push(...report.latencies);
    this.seconds += report.seconds;
    this.errors += report.errors;
    this.firstError ??= report.firstError;
  }

  result(): LoadResult {
    return {
      requests: this.latencies.length,
      errors: this.errors,
      firstError: this.firstError,
      requestsPerSecond: this.latencies.length / this.seconds,
      latencyMs: summarize(this.latencies),
    };
  }
}

/**
 * Runs every lane at once from a load process of its own: the first `warmUpPerLane` requests of each are not measured.
 * Also answers the CPU time this process spent (user and system, all its threads) while the measured requests ran: the
 * server's own cost when the bench hosts it in this process.
 */
export async function sendLanes(url: string, lanes: Lane[], warmUpPerLane: number): Promise<LoadResult & { cpuMs: number }> {
  const load = new LoadProcess();
  try {
    await load.run({ kind: 'lanes', url, lanes: lanes.map((lane) => lane.slice(0, warmUpPerLane)) });
    const tally = new LoadTally();
    const cpu = process.cpuUsage();
    tally.add(await load.run({ kind: 'lanes', url, lanes: lanes.map((lane) => lane.slice(warmUpPerLane)) }));
    return { ...tally.result(), cpuMs: cpuMsSince(cpu) };
  } finally {
    await load.close();
  }
}

/** This process's CPU time (user and system) since `start`, in milliseconds. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
