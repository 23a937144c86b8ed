import { randomUUID } from 'node:crypto';
import { accountService, DEMO_PASSWORD } from '@fieldops/account';
import type { VisitSnapshot } from '@fieldops/contracts';
import { type PerformanceDb, performanceService } from '@fieldops/performance';
import { defineService, type ServiceContext } from '@fieldops/platform';
import { serviceDb } from '@fieldops/testing';
import { type Kysely, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { type BenchSetup, distributedSetup, embeddedSetup, login, startBenchHost } from './bench-host';
import { createProbeService, writeProbe } from './fixtures/probe-service';
import { LoadProcess, LoadTally } from './load-process';
import { type Summary, summarize } from './stats';
import type { Progress, SuiteOutcome } from './suite';
import { formatTable, num } from './text-table';

/**
 * The performance service's three loads, each beside a peer measured in the same run on the same engine, on SQLite
 * with the in-process bus and on MariaDB with NATS:
 * - facts ingested per second from the bus (verified visits checked out) ÷ the bus's own rate for a consumer that
 *   applies each event with one insert (the events suite's probe);
 * - a leaderboard over 50,000 reps asked over HTTP ÷ the engine's bare GROUP BY over the same facts;
 * - explain of a figure with 10,000 facts over HTTP (its sum and a page of facts, scope applied) ÷ the engine's bare SUM.
 * The HTTP requests come from a load process of their own, so the client's work never shares the server's event loop.
 */
const INGESTED = Number(process.env.BENCH_PERF_EVENTS ?? 3_000);
const REPS = Number(process.env.BENCH_PERF_REPS ?? 50_000);
const FIGURE_FACTS = Number(process.env.BENCH_PERF_FACTS ?? 10_000);
const ROUNDS = 40;
const MONTH = '2026-11';
/** The sign-in and request budgets would turn the measured requests into 429s. */
const UNLIMITED = { RATE_LIMIT_MAX: String(1_000_000_000), RATE_LIMIT_LOGIN_MAX: String(1_000_000_000) };

export interface PerformanceResult {
  setup: string;
  measure: string;
  value: number;
  unit: string;
  peer: string;
  peerValue: number;
  /** value ÷ peer (for rates: how much of the peer's rate; for latencies: how many times the peer's time). */
  ratio: number;
  latencyMs?: Summary;
  peerLatencyMs?: Summary;
}

interface SourceDb {
  bench_visit: { id: string };
}

/** Publishes checked-out visits as the checkin service would, each in its own transaction. */
function visitSource() {
  let running: ServiceContext<SourceDb> | undefined;
  const definition = defineService<SourceDb>({
    name: 'benchvisits',
    migrations: [
      {
        name: '001_bench_visit',
        async up(db, t) {
          await db.schema
            .createTable('bench_visit')
            .addColumn('id', t.id, (c) => c.primaryKey())
            .execute();
        },
      },
    ],
    async onStart(ctx) {
      running = ctx;
    },
  });
  const write = async (n: number) => {
    if (!running) throw new Error('the visit source has not started');
    const at = new Date(Date.UTC(2026, 10, 1 + (n % 28), 3)).toISOString();
    const visit: VisitSnapshot = {
      id: uuidv7(),
      repId: `0190b4c4-0000-7000-8000-${String(n % 500).padStart(12, '0')}`,
      orgUnitId: '0190b4c4-0000-7000-8000-0000000000aa',
      agencyId: null,
      country: 'SG',
      targetType: 'merchant',
      targetId: randomUUID(),
      targetName: 'Bench Mart',
      areaId: null,
      lat: 1.3,
      lng: 103.8,
      accuracyM: 5,
      distanceM: 3,
      checkedInAt: at,
      receivedAt: at,
      checkedOutAt: at,
      dwellSeconds: 600,
      outcome: 'met-owner',
      notes: '',
      followUpAt: null,
      photoIds: [],
      riskScore: 0,
      riskSignals: [],
      verification: 'verified',
      version: 2,
    };
    await running.transact(async (trx, events) => {
      await trx.insertInto('bench_visit').values({ id: visit.id }).execute();
      await events.append({ type: 'checkin.visit.checked-out.v1', subject: visit.id, data: visit, country: 'SG' });
    });
  };
  return { definition, write };
}

async function writeAll(count: number, writers: number, write: (n: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < count) await write(next++);
    }),
  );
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error('timed out waiting for the consumers');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const countOf = async (db: Kysely<PerformanceDb>, table: 'performance_fact') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Rounds of `work` after two unmeasured ones; answers each round's milliseconds. */
async function timed(work: () => Promise<unknown>): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS + 2; i++) {
    const start = performance.now();
    await work();
    if (i >= 2) samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/** Facts for `reps` reps in MONTH, `perRep` each, written in batches straight to the table. */
async function seedFacts(db: Kysely<PerformanceDb>, metric: string, reps: string[], perRep: number): Promise<void> {
  const rows = [];
  for (const [i, userId] of reps.entries()) {
    for (let k = 0; k < perRep; k++) {
      const day = 1 + ((i + k) % 28);
      rows.push({
        id: uuidv7(),
        metric,
        user_id: userId,
        org_unit_id: `0190b4c4-0000-7000-8000-${String(i % 2_000).padStart(12, '0')}`,
        agency_id: null,
        area_id: null,
        country: 'SG',
        occurred_at: Date.UTC(2026, 10, day, 3),
        day: `${MONTH}-${String(day).padStart(2, '0')}`,
        week: '2026-W47',
        month: MONTH,
        quarter: '2026-Q4',
        source_type: 'visit',
        source_id: uuidv7(),
        source_event_id: uuidv7(),
        credit: 1 + ((i * 7 + k) % 5),
        reverses: null,
        recorded_at: Date.now(),
      });
      if (rows.length === 500) await db.insertInto('performance_fact').values(rows.splice(0)).execute();
    }
  }
  if (rows.length > 0) await db.insertInto('performance_fact').values(rows).execute();
}

/** `rounds` GETs of `path` one after another from the load process, after two unmeasured ones. */
async function requestTimes(load: LoadProcess, url: string, path: string, token: string, rounds = ROUNDS): Promise<Summary> {
  const batch = (count: number) => ({
    kind: 'batch' as const,
    url,
    paths: Array.from({ length: count }, () => path),
    headers: { authorization: `Bearer ${token}` },
    concurrency: 1,
    expectStatus: 200,
  });
  await load.run(batch(2));
  const tally = new LoadTally();
  tally.add(await load.run(batch(rounds)));
  const result = tally.result();
  if (result.errors > 0) throw new Error(`${result.errors} of ${result.requests} GET ${path} failed; the first: ${result.firstError}`);
  return result.latencyMs;
}

async function measure(setup: BenchSetup, progress: Progress): Promise<PerformanceResult[]> {
  const source = visitSource();
  const probe = createProbeService(() => {});
  progress(`${setup.label}: starting account + performance (and the event source and probe) and seeding the demo accounts`);
  const bench = await startBenchHost({
    setup,
    services: [accountService, source.definition, probe.definition, performanceService],
    env: UNLIMITED,
  });
  const load = new LoadProcess();
  try {
    await bench.host.service('account')?.seedDemo({ start() {}, tick() {}, stop() {} });
    const db = serviceDb<PerformanceDb>(bench, 'performance');
    const probeDb = serviceDb<{ probe_applied: { event_id: string } }>(bench, 'probe');
    const results: PerformanceResult[] = [];
    const row = (result: Omit<PerformanceResult, 'setup'>) => results.push({ setup: setup.label, ...result });

    progress(`${setup.label}: ingest: ${INGESTED} visits through the bus into facts, and as many probe events`);
    const before = await countOf(db, 'performance_fact');
    await writeAll(200, 4, source.write);
    await until(async () => (await countOf(db, 'performance_fact')) >= before + 200, 120_000);
    let start = performance.now();
    await writeAll(INGESTED, 4, source.write);
    await until(async () => (await countOf(db, 'performance_fact')) >= before + 200 + INGESTED, 300_000);
    const factsPerSecond = INGESTED / ((performance.now() - start) / 1000);
    const applied = async () =>
      Number(
        (
          await probeDb
            .selectFrom('probe_applied')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    start = performance.now();
    const ctx = probe.context();
    await writeAll(INGESTED, 4, (n) => writeProbe(ctx, n));
    await until(async () => (await applied()) >= INGESTED, 300_000);
    const probePerSecond = INGESTED / ((performance.now() - start) / 1000);
    row({
      measure: 'facts ingested from the bus',
      value: factsPerSecond,
      unit: 'facts/s',
      peer: 'probe events applied (one insert each)',
      peerValue: probePerSecond,
      ratio: factsPerSecond / probePerSecond,
    });

    const admin = await login(bench.url, 'admin@fieldops.test', DEMO_PASSWORD);
    progress(`${setup.label}: leaderboard: ${REPS} reps, asked over HTTP from the load process`);
    const reps = Array.from({ length: REPS }, () => uuidv7());
    await seedFacts(db, 'leads-captured', reps, 2);
    const board = await requestTimes(
      load,
      bench.url,
      `/api/v1/performance/leaderboard?metric=leads-captured&period=${MONTH}&limit=50`,
      admin,
    );
    const bareGroup = await timed(() =>
      sql`select user_id, sum(credit) as v from performance_fact where metric = 'leads-captured' and month = ${MONTH} group by user_id`.execute(
        db,
      ),
    );
    row({
      measure: `leaderboard, ${num(REPS)} reps (top 50, HTTP)`,
      value: board.p99,
      unit: 'ms p99',
      peer: 'bare GROUP BY user over the same facts',
      peerValue: bareGroup.p99,
      ratio: board.p99 / bareGroup.p99,
      latencyMs: board,
      peerLatencyMs: bareGroup,
    });

    progress(`${setup.label}: explain: a figure of ${FIGURE_FACTS} facts, asked over HTTP from the load process`);
    // A real rep, so the subject is one the service can check the scope of.
    const me = await fetch(`${bench.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${await login(bench.url, 'rep1.sg@fieldops.test', DEMO_PASSWORD)}` },
    });
    const rep = ((await me.json()) as { user: { id: string } }).user.id;
    await seedFacts(db, 'merchants-activated', [rep], FIGURE_FACTS);
    const explain = await requestTimes(
      load,
      bench.url,
      `/api/v1/performance/figures/explain?metric=merchants-activated&period=${MONTH}&subject=user:${rep}&limit=200`,
      admin,
    );
    const bareSum = await timed(() =>
      sql`select sum(credit) as v from performance_fact where metric = 'merchants-activated' and user_id = ${rep} and month = ${MONTH}`.execute(
        db,
      ),
    );
    row({
      measure: `explain, ${num(FIGURE_FACTS)} facts (sum + first page of 200, HTTP)`,
      value: explain.p99,
      unit: 'ms p99',
      peer: 'bare SUM over the same facts',
      peerValue: bareSum.p99,
      ratio: explain.p99 / bareSum.p99,
      latencyMs: explain,
      peerLatencyMs: bareSum,
    });
    return results;
  } finally {
    await load.close();
    await bench.stop();
  }
}

export async function runPerformanceSuite(progress: Progress): Promise<SuiteOutcome<PerformanceResult>> {
  const results: PerformanceResult[] = [];
  const skipped: string[] = [];
  results.push(...(await measure(embeddedSetup(), progress)));
  const distributed = await distributedSetup(['account', 'benchvisits', 'probe', 'performance']);
  if (typeof distributed === 'string') skipped.push(`nats:// + mariadb skipped: ${distributed}`);
  else results.push(...(await measure(distributed, progress)));
  return { results, table: [performanceTable(results), ...skipped].join('\n') };
}

function performanceTable(results: PerformanceResult[]): string {
  const columns = [
    { header: 'setup' },
    { header: 'measure' },
    { header: 'value', align: 'right' },
    { header: 'unit' },
    { header: 'peer (same run)' },
    { header: 'peer', align: 'right' },
    { header: 'ratio', align: 'right' },
    { header: 'p50 ms', align: 'right' },
    { header: 'peer p50 ms', align: 'right' },
  ] as const;
  const rows = results.map((r) => [
    r.setup,
    r.measure,
    num(r.value, 1),
    r.unit,
    r.peer,
    num(r.peerValue, 1),
    num(r.ratio, 2),
    r.latencyMs ? num(r.latencyMs.p50, 2) : '',
    r.peerLatencyMs ? num(r.peerLatencyMs.p50, 2) : '',
  ]);
  const legend =
    'rates over the whole batch; latencies over 40 rounds, the HTTP requests sent one at a time from a load process of ' +
    'their own (auth, scope and JSON included), the peers run in the bench process on the same database';
  return [formatTable(columns, rows), legend].join('\n');
}
