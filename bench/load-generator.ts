// The load process (started by load-process.ts): receives a plan, sends it, reports raw latencies, exits.
import { Pool } from 'undici';
import type { Lane, LanesPlan, LanesReport, PlannedRequest } from './load-process';

async function send(pool: Pool, request: PlannedRequest): Promise<string | undefined> {
  try {
    const response = await pool.request({ method: request.method, path: request.path, headers: request.headers, body: request.body });
    const text = await response.body.text();
    return response.statusCode === request.expectStatus ? undefined : `${response.statusCode}: ${text.slice(0, 200)}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function run(plan: LanesPlan): Promise<LanesReport> {
  // One keep-alive connection per lane; bounded so a stuck server fails a request instead of stalling the run.
  const pool = new Pool(plan.url, { connections: plan.lanes.length, headersTimeout: 30_000, bodyTimeout: 30_000 });
  const report: LanesReport = { latencies: [], errors: 0, firstError: undefined, seconds: 0 };
  const lane = async (requests: Lane, from: number, to: number, measured: boolean) => {
    for (const request of requests.slice(from, to)) {
      const started = performance.now();
      const failure = await send(pool, request);
      if (!measured) continue;
      report.latencies.push(performance.now() - started);
      if (failure !== undefined) {
        report.errors++;
        report.firstError ??= failure;
      }
    }
  };
  await Promise.all(plan.lanes.map((requests) => lane(requests, 0, plan.warmUpPerLane, false)));
  const started = performance.now();
  await Promise.all(plan.lanes.map((requests) => lane(requests, plan.warmUpPerLane, requests.length, true)));
  report.seconds = (performance.now() - started) / 1000;
  await pool.close();
  return report;
}

process.once('message', (plan: LanesPlan) => {
  run(plan).then(
    (report) => process.send?.(report, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
