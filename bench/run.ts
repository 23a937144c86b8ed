// `npm run bench [-- checkin|events|gateway|leads|nearby|notification|performance|resolve|search|tickets …]`: runs the benchmark suites against 127.0.0.1
// only, prints a table per suite and writes bench/results/latest.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCheckinSuite } from './checkin.bench';
import { runEventsSuite } from './events.bench';
import { runGatewaySuite } from './gateway.bench';
import { runLeadsSuite } from './leads.bench';
import { runNearbySuite } from './nearby.bench';
import { runNotificationSuite } from './notification.bench';
import { runPerformanceSuite } from './performance.bench';
import { runResolveSuite } from './resolve.bench';
import { runSearchSuite } from './search.bench';
import type { Progress, SuiteOutcome } from './suite';
import { runTicketsSuite } from './tickets.bench';

const SUITES: Record<string, (progress: Progress) => Promise<SuiteOutcome<unknown>>> = {
  checkin: runCheckinSuite,
  events: runEventsSuite,
  gateway: runGatewaySuite,
  leads: runLeadsSuite,
  nearby: runNearbySuite,
  notification: runNotificationSuite,
  performance: runPerformanceSuite,
  resolve: runResolveSuite,
  search: runSearchSuite,
  tickets: runTicketsSuite,
};

function selectedSuites(args: string[]): string[] {
  const unknown = args.filter((name) => !(name in SUITES));
  if (unknown.length > 0) {
    console.error(`unknown suite ${unknown.join(', ')}; the suites are: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
  return args.length > 0 ? args : Object.keys(SUITES);
}

interface EarlierReport {
  suiteDates: Record<string, string>;
  results: Record<string, unknown>;
  failures: Record<string, unknown>;
}

/** What the last report says about the suites other than `rerun` (nothing when there is no readable report). */
function earlierReport(file: string, rerun: string[]): EarlierReport {
  const kept: EarlierReport = { suiteDates: {}, results: {}, failures: {} };
  let report: unknown;
  try {
    report = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return kept;
  }
  if (typeof report !== 'object' || report === null) return kept;
  const record = (key: string): Record<string, unknown> => {
    const value: unknown = key in report ? Reflect.get(report, key) : undefined;
    return typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value)) : {};
  };
  const date = 'date' in report && typeof report.date === 'string' ? report.date : 'unknown';
  const dates = record('suiteDates');
  const keep = (name: string) => name in SUITES && !rerun.includes(name);
  for (const [name, value] of Object.entries(record('results'))) {
    if (!keep(name)) continue;
    kept.results[name] = value;
    const ranAt = dates[name];
    kept.suiteDates[name] = typeof ranAt === 'string' ? ranAt : date;
  }
  for (const [name, value] of Object.entries(record('failures'))) if (keep(name)) kept.failures[name] = value;
  return kept;
}

async function main(): Promise<void> {
  const names = selectedSuites(process.argv.slice(2));
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const cores = os.availableParallelism();
  console.log(`FieldOps benchmarks: node ${process.version}, ${cpu}, ${cores} cores`);
  const results: Record<string, unknown[]> = {};
  const failures: Record<string, string> = {};
  for (const name of names) {
    const suite = SUITES[name];
    if (!suite) continue;
    console.log(`\n== ${name} ==`);
    const started = performance.now();
    try {
      const outcome = await suite((message) => console.log(`  [${name}] ${message}`));
      results[name] = outcome.results;
      console.log(`\n${outcome.table}\n(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failures[name] = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`\n${name} failed: ${failures[name]}`);
      process.exitCode = 1;
    }
  }
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const date = new Date().toISOString();
  // A run of some suites keeps the other suites' figures from the last run, with the date each suite ran.
  const earlier = earlierReport(file, names);
  const ran = Object.fromEntries(names.map((name) => [name, date]));
  const report = {
    date,
    node: process.version,
    cpu,
    cores,
    suiteDates: { ...earlier.suiteDates, ...ran },
    results: { ...earlier.results, ...results },
    ...(Object.keys(failures).length || Object.keys(earlier.failures).length ? { failures: { ...earlier.failures, ...failures } } : {}),
  };
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

await main();
