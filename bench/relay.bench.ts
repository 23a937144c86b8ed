// The outbox relay two ways on one MariaDB of the bench's own (binary log on): polling the outbox table (woken by each
// commit) and tailing the binary log, in one run. Same writes, same in-process bus and consumer; what differs is how
// the relay learns of a commit.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMariaDb } from '@fieldops/testing';
import type { BenchSetup } from './bench-host';
import { type EventsResult, eventsTable, type Load, measureEvents } from './events.bench';
import type { Progress, SuiteOutcome } from './suite';

const LOADS: Load[] = [
  { name: 'warm-up', events: 200, writers: 4 },
  { name: 'paced 100/s', events: 300, writers: 1, ratePerSecond: 100 },
  { name: 'saturated', events: 1_500, writers: 4 },
];

function relaySetup(serverUrl: string, mode: 'poll' | 'binlog'): BenchSetup {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-bench-'));
  const prefix = `fob_${randomBytes(4).toString('hex')}_`;
  return {
    label: `${mode} relay`,
    env: {
      DATA_DIR: dir,
      DATABASE_URL: `${serverUrl}/?databasePrefix=${prefix}`,
      BUS_URL: 'local:',
      CACHE_URL: 'memory:',
      OUTBOX_RELAY: mode,
    },
    // The server and its data go with the run.
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export async function runRelaySuite(progress: Progress): Promise<SuiteOutcome<EventsResult>> {
  progress('starting a MariaDB of our own with its binary log on');
  const server = await startMariaDb({ serverId: 1 });
  try {
    const results: EventsResult[] = [];
    for (const mode of ['poll', 'binlog'] as const) results.push(...(await measureEvents(relaySetup(server.url, mode), progress, LOADS)));
    const legend = "latency: commit (the writer's transact resolved) → applied by the consumer on the in-process bus (publish + apply)";
    return { results, table: eventsTable(results, legend) };
  } finally {
    await server.destroy();
  }
}
