// Check-in writes: through the gateway (auth, validation, target lookup over RPC, geofence, risk signals, visit row and
// outbox event in one transaction) and the same transaction raw (geofence, row, outbox), on SQLite with the in-process
// bus and on MariaDB with NATS, in one run. The host listens on 127.0.0.1 only.

import { randomUUID } from 'node:crypto';
import { accountService, DEMO_PASSWORD } from '@fieldops/account';
import { type CheckinDb, checkinService } from '@fieldops/checkin';
import { createGateway } from '@fieldops/gateway';
import { distanceMeters } from '@fieldops/geo';
import { merchantService } from '@fieldops/merchant';
import { createTransactor } from '@fieldops/platform';
import { serviceDb } from '@fieldops/testing';
import type { Insertable, Kysely } from 'kysely';
import { type BenchHost, type BenchSetup, distributedSetup, embeddedSetup, login, rawPeerDatabase, startBenchHost } from './bench-host';
import { cpuMsSince, type Lane, sendLanes } from './load-process';
import { summarize } from './stats';
import type { Progress, SuiteOutcome } from './suite';
import { formatTable, num } from './text-table';

const SERVICES = [accountService, merchantService, checkinService];
const REPS = 16;
const CHECK_INS_PER_REP = 100;
/**
 * Check-ins each rep sends before the measured ones: 800 in all, so that the fresh server's hot paths are compiled
 * by the time it is measured (with 5 a rep, the first measured requests ran partly unoptimised: 0.38 → 0.42 of raw).
 */
const WARMUP_PER_REP = 50;
/** The gateway's per-user budget (600 a minute by default) would turn the load into 429s. */
const UNLIMITED = { RATE_LIMIT_MAX: String(1_000_000_000) };
const SHOP = { lat: 1.3, lng: 103.85 };

export interface CheckinResult {
  engines: string;
  path: 'gateway' | 'raw transaction';
  operations: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** This process's CPU time per check-in while they ran: gateway, services and consumers, or the raw transaction. */
  cpuMsPerOp: number;
  /** Gateway check-ins/s ÷ raw transactions/s on the same database. */
  ratio?: number;
}

interface Rep {
  token: string;
  merchantId: string;
}

async function post(url: string, path: string, token: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

/** Each rep gets a shop of their own to visit (their scope: a rep checks in only where they may see the target). */
async function repsWithShops(url: string): Promise<Rep[]> {
  return Promise.all(
    Array.from({ length: REPS }, async (_, i) => {
      const token = await login(url, `rep${i + 1}.sg@fieldops.test`, DEMO_PASSWORD);
      const point = { lat: SHOP.lat + i * 0.01, lng: SHOP.lng };
      const made = await post(url, '/api/v1/merchants', token, {
        legalName: `Bench Shop ${i}`,
        category: 'grocery',
        businessId: '201912345K',
        ...point,
      });
      const id = typeof made.json === 'object' && made.json !== null && 'id' in made.json ? made.json.id : undefined;
      if (made.status !== 201 || typeof id !== 'string')
        throw new Error(`creating a shop answered ${made.status} ${JSON.stringify(made.json)}`);
      return { token, merchantId: id };
    }),
  );
}

/** A rep's day synced at once: visits 30 minutes apart at their shop, each from a slightly different spot. */
function checkInBody(rep: Rep, repIndex: number, n: number) {
  return {
    id: randomUUID(),
    targetType: 'merchant',
    targetId: rep.merchantId,
    lat: SHOP.lat + repIndex * 0.01 + (Math.random() - 0.5) * 0.0004,
    lng: SHOP.lng,
    accuracyM: 4 + Math.random() * 20,
    deviceTime: new Date(Date.now() - (CHECK_INS_PER_REP + WARMUP_PER_REP - n) * 30 * 60_000).toISOString(),
    mockLocation: false,
    offline: true,
  };
}

/** Each rep's day as a lane of check-ins sent one after another; every rep at once, from the load process. */
async function throughGateway(url: string, reps: Rep[], engines: string): Promise<CheckinResult> {
  const lanes: Lane[] = reps.map((rep, r) =>
    Array.from({ length: WARMUP_PER_REP + CHECK_INS_PER_REP }, (_, n) => ({
      method: 'POST' as const,
      path: '/api/v1/visits',
      headers: { authorization: `Bearer ${rep.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(checkInBody(rep, r, n)),
      expectStatus: 201,
    })),
  );
  const load = await sendLanes(url, lanes, WARMUP_PER_REP);
  if (load.errors > 0) throw new Error(`${load.errors} check-ins failed; the first: ${load.firstError}`);
  const s = load.latencyMs;
  const seconds = s.count / load.requestsPerSecond;
  return {
    engines,
    path: 'gateway',
    operations: s.count,
    seconds,
    perSecond: load.requestsPerSecond,
    p50Ms: s.p50,
    p99Ms: s.p99,
    cpuMsPerOp: load.cpuMs / s.count,
  };
}

/** The write a check-in makes, without HTTP, auth, RPC or the risk queries: geofence, visit row and outbox event. */
async function rawTransactions(db: Kysely<CheckinDb>, engines: string): Promise<CheckinResult> {
  const transact = createTransactor(
    db,
    'checkin',
    () => Date.now(),
    () => undefined,
    () => {},
  );
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: REPS }, async (_, r) => {
      const repId = randomUUID();
      for (let n = 0; n < CHECK_INS_PER_REP; n++) {
        const t0 = performance.now();
        const now = Date.now();
        const point = { lat: SHOP.lat + (Math.random() - 0.5) * 0.0004, lng: SHOP.lng };
        const distance = distanceMeters(point, SHOP);
        const row: Insertable<CheckinDb['visit']> = {
          id: randomUUID(),
          rep_id: repId,
          org_unit_id: null,
          agency_id: null,
          country: 'SG',
          area_id: null,
          target_type: 'merchant',
          target_id: randomUUID(),
          target_name: `Bench Shop ${r}`,
          target_lat: SHOP.lat,
          target_lng: SHOP.lng,
          ...point,
          accuracy_m: 10,
          distance_m: distance,
          mock_location: 0,
          offline: 1,
          checked_in_at: now - n * 1_800_000,
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
        };
        await transact(async (trx, events) => {
          await trx.insertInto('visit').values(row).execute();
          await events.append({ type: 'checkin.visit.checked-in.v1', subject: String(row.id), data: row, country: 'SG', actor: repId });
        });
        samples.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = cpuMsSince(cpu);
  const s = summarize(samples);
  return {
    engines,
    path: 'raw transaction',
    operations: s.count,
    seconds,
    perSecond: s.count / seconds,
    p50Ms: s.p50,
    p99Ms: s.p99,
    cpuMsPerOp: cpuMs / s.count,
  };
}

/** The merchant demo seed runs on events after `seedDemo`; measuring while it writes would time the seed too. */
async function merchantSeedDone(bench: BenchHost): Promise<void> {
  const db = serviceDb<{ demo_seed: { country: string; done: number } }>(bench, 'merchant');
  const deadline = Date.now() + 180_000;
  for (;;) {
    const seeded = await db.selectFrom('demo_seed').select(['done']).execute();
    if (seeded.length > 0 && seeded.every((row) => Number(row.done) === 1)) return;
    if (Date.now() > deadline) throw new Error('the merchant demo seed did not finish in 3 minutes');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function measure(setup: BenchSetup, progress: Progress): Promise<CheckinResult[]> {
  progress(`${setup.label}: starting account + merchant + checkin behind the gateway and seeding demo data`);
  const bench: BenchHost = await startBenchHost({ setup, services: SERVICES, edge: createGateway({ services: SERVICES }), env: UNLIMITED });
  try {
    await bench.host.seedDemo();
    await merchantSeedDone(bench);
    const reps = await repsWithShops(bench.url);
    progress(`${setup.label}: ${REPS} reps × ${CHECK_INS_PER_REP} check-ins through the gateway`);
    const gateway = await throughGateway(bench.url, reps, setup.label);
    progress(`${setup.label}: ${REPS} × ${CHECK_INS_PER_REP} raw check-in transactions on the same database`);
    const db = serviceDb<CheckinDb>(bench, 'checkin');
    const peer = rawPeerDatabase(setup, db, 'checkin');
    try {
      const raw = await rawTransactions(peer.db, setup.label);
      return [{ ...gateway, ratio: gateway.perSecond / raw.perSecond }, raw];
    } finally {
      await peer.close();
    }
  } finally {
    await bench.stop();
  }
}

export async function runCheckinSuite(progress: Progress): Promise<SuiteOutcome<CheckinResult>> {
  const results: CheckinResult[] = [];
  const skipped: string[] = [];
  results.push(...(await measure(embeddedSetup(), progress)));
  const distributed = await distributedSetup(SERVICES.map((s) => s.name));
  if (typeof distributed === 'string') skipped.push(`nats:// + mariadb skipped: ${distributed}`);
  else results.push(...(await measure(distributed, progress)));
  const columns = [
    { header: 'engines' },
    { header: 'check-in path' },
    { header: 'ops', align: 'right' as const },
    { header: 's', align: 'right' as const },
    { header: 'per s', align: 'right' as const },
    { header: 'p50 ms', align: 'right' as const },
    { header: 'p99 ms', align: 'right' as const },
    { header: 'CPU ms/op', align: 'right' as const },
    { header: 'gateway ÷ raw', align: 'right' as const },
  ];
  const rows = results.map((r) => [
    r.engines,
    r.path,
    num(r.operations),
    num(r.seconds, 2),
    num(r.perSecond, 1),
    num(r.p50Ms, 2),
    num(r.p99Ms, 2),
    num(r.cpuMsPerOp, 3),
    r.ratio === undefined ? '' : num(r.ratio, 3),
  ]);
  const legend = `${REPS} reps at once, each sending its check-ins one after another after ${WARMUP_PER_REP} unmeasured ones; the check-ins come from a load process of their own; gateway and services share one process`;
  const cpu =
    'CPU ms/op: CPU time (user + system, every thread) of the process that runs the gateway and the services, per check-in, while the measured ones ran; the load process and the database server are not in it';
  return { results, table: [formatTable(columns, rows), legend, cpu, ...skipped].join('\n') };
}
