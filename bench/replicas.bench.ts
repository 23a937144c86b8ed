// Read-heavy mix (merchant lists and visit lists, as a manager's console pages through them) against a MariaDB primary
// with 0, 1 and 2 read replicas of the bench's own, in one run. The services run in this process; the requests come
// from a load process of their own. The throughput ratio is each setup's requests/s ÷ the primary alone.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountService, DEMO_PASSWORD } from '@fieldops/account';
import { type CheckinDb, checkinService } from '@fieldops/checkin';
import { merchantService } from '@fieldops/merchant';
import { serviceDb, startMariaDbPair } from '@fieldops/testing';
import type { Insertable, Kysely } from 'kysely';
import { type BenchSetup, login, startBenchHost } from './bench-host';
import { type LoadResult, LoadTarget } from './http-load';
import type { Progress, SuiteOutcome } from './suite';
import { formatTable, num } from './text-table';

const SERVICES = [accountService, merchantService, checkinService];
const USER = 'admin@fieldops.test';
const VISITS = 3_000;
const REQUESTS = 2_000;
const WARMUP = 200;
const CONCURRENCY = 16;
const UNLIMITED = { RATE_LIMIT_MAX: String(1_000_000_000) };
/** Half merchant lists, half visit lists, pages deep enough that the database does real work. */
const MIX = [
  '/api/v1/merchants?limit=100',
  '/api/v1/visits?limit=100',
  '/api/v1/merchants?limit=100&status=active',
  '/api/v1/visits?limit=100&verification=open',
];

export interface ReplicasResult extends LoadResult {
  replicas: number;
  /** This setup's requests/s ÷ the primary alone. */
  rpsRatio: number;
}

function setupOn(primaryUrl: string, prefix: string, dir: string, replicaUrls: string[]): BenchSetup {
  return {
    label: `${replicaUrls.length} replica(s)`,
    env: {
      DATA_DIR: dir,
      DATABASE_URL: `${primaryUrl}/?databasePrefix=${prefix}`,
      ...(replicaUrls.length > 0 ? { DATABASE_REPLICA_URL: replicaUrls.join(',') } : {}),
      BUS_URL: 'local:',
      CACHE_URL: 'memory:',
    },
    // The servers go with the run.
    cleanup: async () => {},
  };
}

/** Visits straight into the check-in database: the list reads them, how they were made does not matter here. */
async function insertVisits(db: Kysely<CheckinDb>): Promise<void> {
  const now = Date.now();
  for (let batch = 0; batch < VISITS / 500; batch++) {
    const rows: Insertable<CheckinDb['visit']>[] = Array.from({ length: 500 }, (_, i) => ({
      id: randomUUID(),
      rep_id: randomUUID(),
      org_unit_id: null,
      agency_id: null,
      country: 'SG',
      area_id: null,
      target_type: 'merchant',
      target_id: randomUUID(),
      target_name: `Bench Shop ${i}`,
      target_lat: 1.3,
      target_lng: 103.85,
      lat: 1.3,
      lng: 103.85,
      accuracy_m: 10,
      distance_m: 5,
      mock_location: 0,
      offline: 0,
      checked_in_at: now - (batch * 500 + i) * 60_000,
      received_at: now,
      check_in_fingerprint: 'f'.repeat(64),
      notes: '',
      answers: '{}',
      photo_ids: '[]',
      risk_score: 0,
      risk_signals: '[]',
      verification: 'open',
      version: 1,
      created_at: now,
      updated_at: now,
    }));
    await db.insertInto('visit').values(rows).execute();
  }
}

export async function runReplicasSuite(progress: Progress): Promise<SuiteOutcome<ReplicasResult>> {
  progress('starting a MariaDB primary and two replicas of our own');
  const pair = await startMariaDbPair({ replicas: 2 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-bench-'));
  const prefix = `fob_${randomBytes(4).toString('hex')}_`;
  try {
    progress('seeding demo data (account, merchant) and visits on the primary');
    const seeder = await startBenchHost({ setup: setupOn(pair.primary.url, prefix, dir, []), services: SERVICES, listen: false });
    try {
      await seeder.host.seedDemo();
      await insertVisits(serviceDb<CheckinDb>(seeder, 'checkin'));
    } finally {
      await seeder.stop();
    }
    await pair.synced();
    const measured: (LoadResult & { replicas: number })[] = [];
    for (const count of [0, 1, 2]) {
      const replicaUrls = pair.replicas.slice(0, count).map((r) => r.url);
      progress(`${count} replica(s): ${REQUESTS} reads, ${CONCURRENCY} at once`);
      const bench = await startBenchHost({
        setup: setupOn(pair.primary.url, prefix, dir, replicaUrls),
        services: SERVICES,
        env: UNLIMITED,
      });
      const target = new LoadTarget({
        url: bench.url,
        headers: { authorization: `Bearer ${await login(bench.url, USER, DEMO_PASSWORD)}` },
        concurrency: CONCURRENCY,
      });
      try {
        const paths = (n: number) => Array.from({ length: n }, (_, i) => MIX[i % MIX.length] ?? MIX[0] ?? '/');
        await target.warmUp(paths(WARMUP));
        await target.measure(paths(REQUESTS));
        const result = target.result();
        if (result.errors > 0) throw new Error(`${result.errors} reads failed; the first: ${result.firstError}`);
        measured.push({ ...result, replicas: count });
      } finally {
        await target.close();
        await bench.stop();
      }
    }
    const alone = measured[0]?.requestsPerSecond ?? Number.NaN;
    const results = measured.map((r) => ({ ...r, rpsRatio: r.requestsPerSecond / alone }));
    const columns = [
      { header: 'replicas', align: 'right' as const },
      { header: 'reads', align: 'right' as const },
      { header: 'reads/s', align: 'right' as const },
      { header: 'p50 ms', align: 'right' as const },
      { header: 'p99 ms', align: 'right' as const },
      { header: '÷ primary alone', align: 'right' as const },
    ];
    const rows = results.map((r) => [
      String(r.replicas),
      num(r.requests),
      num(r.requestsPerSecond, 1),
      num(r.latencyMs.p50, 2),
      num(r.latencyMs.p99, 2),
      num(r.rpsRatio, 3),
    ]);
    const legend = `mix: ${MIX.join(', ')}; ${VISITS} visits; every server and the services share this machine's cores`;
    return { results, table: [formatTable(columns, rows), legend].join('\n') };
  } finally {
    await pair.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
