// The load generator's side of a benchmark: requests sent from a process of their own, so the client's work (building
// requests, reading answers, timing) never shares an event loop or a core's time slice with the server it measures.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Summary, summarize } from './stats';

export interface PlannedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  /** JSON text. */
  body?: string;
  /** The status that counts as success. */
  expectStatus: number;
}

/** Requests one after another, as one user (a rep syncing their day) would send them. */
export type Lane = PlannedRequest[];

export interface LanesPlan {
  /** Origin, e.g. `http://127.0.0.1:3000`. */
  url: string;
  lanes: Lane[];
  /** The first requests of each lane warm up (JIT, connections, caches) and are not measured. */
  warmUpPerLane: number;
}

export interface LanesResult {
  /** Measured requests. */
  requests: number;
  /** Answers with another status, or failed requests. */
  errors: number;
  firstError: string | undefined;
  seconds: number;
  perSecond: number;
  latencyMs: Summary;
}

/** What the load process sends back: raw samples, summarised here so both sides share one definition. */
export interface LanesReport {
  latencies: number[];
  errors: number;
  firstError: string | undefined;
  seconds: number;
}

const GENERATOR = fileURLToPath(new URL('./load-generator.ts', import.meta.url));

/** Runs every lane at once from a separate Node.js process and answers the measured figures. */
export function sendFromOwnProcess(plan: LanesPlan): Promise<LanesResult> {
  return new Promise((resolve, reject) => {
    const child = fork(GENERATOR, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: LanesReport | undefined;
    child.once('message', (message) => {
      report = message as LanesReport;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!report) {
        reject(new Error(`the load process ended (code ${code}) without a report`));
        return;
      }
      resolve({
        requests: report.latencies.length,
        errors: report.errors,
        firstError: report.firstError,
        seconds: report.seconds,
        perSecond: report.latencies.length / report.seconds,
        latencyMs: summarize(report.latencies),
      });
    });
    child.send(plan);
  });
}
