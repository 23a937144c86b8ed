// `npm run bench [-- <suite> …]` (the suites are the keys of SUITES below; all of them by default): runs the benchmark suites against 127.0.0.1
// only, prints a table per suite and writes bench/results/latest.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCheckinSuite } from './checkin.bench';
import { runEventsSuite } from './events.bench';
import { runFieldDaySuite } from './fieldday.bench';
import { runGatewaySuite } from './gateway.bench';
import { runLeadsSuite } from './leads.bench';
import { runMarketingSuite } from './marketing.bench';
import { runNearbySuite } from './nearby.bench';
import { runNotificationSuite } from './notification.bench';
import { runPerformanceSuite } from './performance.bench';
import { runRelaySuite } from './relay.bench';
import { runReplicasSuite } from './replicas.bench';
import { runResolveSuite } from './resolve.bench';
import { runSearchSuite } from './search.bench';
import type { Progress, SuiteOutcome } from './suite';
import { runTicketsSuite } from './tickets.bench';

const SUITES: Record<string, (progress: Progress) => Promise<SuiteOutcome<unknown>>> = {
  checkin: runCheckinSuite,
  events: runEventsSuite,
  fieldday: runFieldDaySuite,
  gateway: runGatewaySuite,
  leads: runLeadsSuite,
  marketing: runMarketingSuite,
  nearby: runNearbySuite,
  notification: runNotificationSuite,
  performance: runPerformanceSuite,
  relay: runRelaySuite,
  replicas: runReplicasSuite,
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
  /** The machine each suite ran on (a later run of another suite may be on another one). */
  suiteMachines: Record<string, string>;
  suiteLoads: Record<string, unknown>;
  results: Record<string, unknown>;
  tables: Record<string, unknown>;
  failures: Record<string, unknown>;
}

/** What the last report says about the suites other than `rerun` (nothing when there is no readable report). */
function earlierReport(file: string, rerun: string[]): EarlierReport {
  const kept: EarlierReport = { suiteDates: {}, suiteMachines: {}, suiteLoads: {}, results: {}, tables: {}, failures: {} };
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
  const machines = record('suiteMachines');
  const machine =
    'cpu' in report && typeof report.cpu === 'string' && 'cores' in report ? `${report.cpu}, ${String(report.cores)} cores` : '';
  const keep = (name: string) => name in SUITES && !rerun.includes(name);
  for (const [name, value] of Object.entries(record('results'))) {
    if (!keep(name)) continue;
    kept.results[name] = value;
    const ranAt = dates[name];
    kept.suiteDates[name] = typeof ranAt === 'string' ? ranAt : date;
    const ranOn = machines[name];
    if (typeof ranOn === 'string' || machine) kept.suiteMachines[name] = typeof ranOn === 'string' ? ranOn : machine;
    const table = record('tables')[name];
    if (typeof table === 'string') kept.tables[name] = table;
    const load = record('suiteLoads')[name];
    if (load !== undefined) kept.suiteLoads[name] = load;
  }
  for (const [name, value] of Object.entries(record('failures'))) if (keep(name)) kept.failures[name] = value;
  return kept;
}

/** The committed page of figures: each suite's table as it last ran, with its date and the machine. */
function resultsPage(report: {
  node: string;
  cpu: string;
  cores: number;
  suiteDates: Record<string, string>;
  suiteMachines: Record<string, string>;
  suiteLoads: Record<string, unknown>;
  tables: Record<string, unknown>;
}): string {
  const lines = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (each suite keeps its last run). Figures depend on the machine and on what else it',
    'runs: compare the ratios, which are measured against an engine or a peer in the same run.',
    '',
    `Last run on ${report.cpu}, ${report.cores} cores; Node.js ${report.node}. Each suite names the machine it ran on.`,
  ];
  for (const name of Object.keys(SUITES)) {
    const table = report.tables[name];
    if (typeof table !== 'string') continue;
    const load = loadNote(report.suiteLoads[name], report.cores);
    const machine = report.suiteMachines[name] ? ` on ${report.suiteMachines[name]}` : '';
    lines.push(
      '',
      `## ${name}`,
      '',
      `Run ${report.suiteDates[name] ?? 'at an unknown date'}${machine}${load}.`,
      '',
      '```text',
      table,
      '```',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** How busy the machine was while a suite ran: a load above the core count means other work shared the cores. */
interface SuiteLoad {
  before: number;
  after: number;
}

function loadNote(load: unknown, cores: number): string {
  if (typeof load !== 'object' || load === null || !('before' in load) || !('after' in load)) return '';
  const { before, after } = load;
  if (typeof before !== 'number' || typeof after !== 'number') return '';
  const busy = Math.max(before, after) > cores ? '; other work shared the machine, so only the ratios compare' : '';
  return `; load average ${before.toFixed(1)} → ${after.toFixed(1)} on ${cores} cores${busy}`;
}

async function main(): Promise<void> {
  const names = selectedSuites(process.argv.slice(2));
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const cores = os.availableParallelism();
  console.log(`FieldOps benchmarks: node ${process.version}, ${cpu}, ${cores} cores`);
  const results: Record<string, unknown[]> = {};
  const tables: Record<string, string> = {};
  const failures: Record<string, string> = {};
  const loads: Record<string, SuiteLoad> = {};
  for (const name of names) {
    const suite = SUITES[name];
    if (!suite) continue;
    console.log(`\n== ${name} ==`);
    const started = performance.now();
    const loadBefore = os.loadavg()[0] ?? 0;
    try {
      const outcome = await suite((message) => console.log(`  [${name}] ${message}`));
      results[name] = outcome.results;
      tables[name] = outcome.table;
      console.log(`\n${outcome.table}\n(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      // fetch's own error says only "fetch failed"; the reason (a reset, a refused connection) is its cause.
      const cause = error instanceof Error && error.cause !== undefined ? `\ncaused by: ${String(error.cause)}` : '';
      failures[name] = (error instanceof Error ? (error.stack ?? error.message) : String(error)) + cause;
      console.error(`\n${name} failed: ${failures[name]}`);
      process.exitCode = 1;
    }
    loads[name] = { before: loadBefore, after: os.loadavg()[0] ?? 0 };
  }
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const date = new Date().toISOString();
  // A run of some suites keeps the other suites' figures from the last run, with the date each suite ran.
  const earlier = earlierReport(file, names);
  const ran = Object.fromEntries(names.map((name) => [name, date]));
  const ranOn = Object.fromEntries(names.map((name) => [name, `${cpu}, ${cores} cores`]));
  const report = {
    date,
    node: process.version,
    cpu,
    cores,
    suiteDates: { ...earlier.suiteDates, ...ran },
    suiteMachines: { ...earlier.suiteMachines, ...ranOn },
    suiteLoads: { ...earlier.suiteLoads, ...loads },
    results: { ...earlier.results, ...results },
    tables: { ...earlier.tables, ...tables },
    ...(Object.keys(failures).length || Object.keys(earlier.failures).length ? { failures: { ...earlier.failures, ...failures } } : {}),
  };
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  const summary = path.join(path.dirname(file), '..', 'RESULTS.md');
  fs.writeFileSync(summary, resultsPage(report));
  console.log(`\nwrote ${path.relative(process.cwd(), file)} and ${path.relative(process.cwd(), summary)}`);
}

await main();
