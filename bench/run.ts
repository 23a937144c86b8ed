// `npm run bench [-- events|gateway …]`: runs the benchmark suites against 127.0.0.1 only, prints a table per suite
// and writes bench/results/latest.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEventsSuite } from './events.bench';
import { runGatewaySuite } from './gateway.bench';
import type { Progress, SuiteOutcome } from './suite';

const SUITES: Record<string, (progress: Progress) => Promise<SuiteOutcome<unknown>>> = {
  events: runEventsSuite,
  gateway: runGatewaySuite,
};

function selectedSuites(args: string[]): string[] {
  const unknown = args.filter((name) => !(name in SUITES));
  if (unknown.length > 0) {
    console.error(`unknown suite ${unknown.join(', ')}; the suites are: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
  return args.length > 0 ? args : Object.keys(SUITES);
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
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpu,
    cores,
    results,
    ...(Object.keys(failures).length ? { failures } : {}),
  };
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

await main();
