import { randomUUID } from 'node:crypto';
import type { VisitSnapshot } from '@fieldops/contracts';
import { factRepository, type PerformanceDb, performanceService } from '@fieldops/performance';
import { defineService, type ResolvedScope, type ServiceContext } from '@fieldops/platform';
import { type Kysely, sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { embeddedSetup, startBenchHost } from './bench-host';
import { createProbeService, writeProbe } from './fixtures/probe-service';
import { type Summary, summarize } from './stats';
import type { Progress, SuiteOutcome } from './suite';
import { formatTable, num } from './text-table';

/**
 * The performance service's three loads, each beside a peer measured in the same run on the same engine:
 * - facts ingested per second from the bus (verified visits checked out) ÷ the bus's own rate for a consumer that
 *   applies each event with one insert (the events suite's probe);
 * - a leaderboard over 50,000 reps ÷ the engine's bare GROUP BY over the same facts;
 * - explain of a figure with 10,000 facts (its sum and a page of facts, scope applied) ÷ the engine's bare SUM.
 */
const INGESTED = Number(process.env.BENCH_PERF_EVENTS ?? 3_000);
const REPS = Number(process.env.BENCH_PERF_REPS ?? 50_000);
const FIGURE_FACTS = Number(process.env.BENCH_PERF_FACTS ?? 10_000);
const ROUNDS = 40;
const MONTH = '2026-11';
const SCOPE_ALL: ResolvedScope = {
  userId: 'bench',
  scope: 'all',
  country: 'SG',
  orgUnitId: '',
  orgUnitIds: [],
  areaIds: [],
  agencyId: null,
};

export interface PerformanceResult {
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

export async function runPerformanceSuite(progress: Progress): Promise<SuiteOutcome<PerformanceResult>> {
  const source = visitSource();
  const probe = createProbeService(() => {});
  const bench = await startBenchHost({
    setup: embeddedSetup(),
    services: [source.definition, probe.definition, performanceService],
    listen: false,
  });
  try {
    const db = bench.host.service('performance')?.db as unknown as Kysely<PerformanceDb>;
    const probeDb = bench.host.service('probe')?.db as unknown as Kysely<{ probe_applied: { event_id: string } }>;
    const results: PerformanceResult[] = [];

    progress(`ingest: ${INGESTED} visits through the bus into facts, and as many probe events`);
    await writeAll(200, 4, source.write);
    await until(async () => (await countOf(db, 'performance_fact')) >= 200, 120_000);
    let start = performance.now();
    await writeAll(INGESTED, 4, source.write);
    await until(async () => (await countOf(db, 'performance_fact')) >= 200 + INGESTED, 300_000);
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
    results.push({
      measure: 'facts ingested from the bus',
      value: factsPerSecond,
      unit: 'facts/s',
      peer: 'probe events applied (one insert each)',
      peerValue: probePerSecond,
      ratio: factsPerSecond / probePerSecond,
    });

    progress(`leaderboard: ${REPS} reps`);
    const reps = Array.from({ length: REPS }, () => uuidv7());
    await seedFacts(db, 'leads-captured', reps, 2);
    const period = { kind: 'month' as const, key: MONTH };
    const board = await timed(() => factRepository.leaderboard(db, SCOPE_ALL, 'leads-captured', period, undefined, 50));
    const bareGroup = await timed(() =>
      sql`select user_id, sum(credit) as v from performance_fact where metric = 'leads-captured' and month = ${MONTH} group by user_id`.execute(
        db,
      ),
    );
    results.push({
      measure: `leaderboard, ${num(REPS)} reps (top 50)`,
      value: board.p99,
      unit: 'ms p99',
      peer: 'bare GROUP BY user over the same facts',
      peerValue: bareGroup.p99,
      ratio: board.p99 / bareGroup.p99,
      latencyMs: board,
      peerLatencyMs: bareGroup,
    });

    progress(`explain: a figure of ${FIGURE_FACTS} facts`);
    const [rep] = Array.from({ length: 1 }, () => uuidv7());
    await seedFacts(db, 'merchants-activated', [rep as string], FIGURE_FACTS);
    const key = { metric: 'merchants-activated', period, credited: { userId: rep as string } };
    const explain = await timed(async () => {
      await factRepository.sum(db, SCOPE_ALL, key);
      await factRepository.list(db, SCOPE_ALL, key, undefined, 200);
    });
    const bareSum = await timed(() =>
      sql`select sum(credit) as v from performance_fact where metric = 'merchants-activated' and user_id = ${rep} and month = ${MONTH}`.execute(
        db,
      ),
    );
    results.push({
      measure: `explain, ${num(FIGURE_FACTS)} facts (sum + first page of 200)`,
      value: explain.p99,
      unit: 'ms p99',
      peer: 'bare SUM over the same facts',
      peerValue: bareSum.p99,
      ratio: explain.p99 / bareSum.p99,
      latencyMs: explain,
      peerLatencyMs: bareSum,
    });
    return { results, table: performanceTable(results) };
  } finally {
    await bench.stop();
  }
}

function performanceTable(results: PerformanceResult[]): string {
  const columns = [
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
    r.measure,
    num(r.value, 1),
    r.unit,
    r.peer,
    num(r.peerValue, 1),
    num(r.ratio, 2),
    r.latencyMs ? num(r.latencyMs.p50, 2) : '',
    r.peerLatencyMs ? num(r.peerLatencyMs.p50, 2) : '',
  ]);
  return [formatTable(columns, rows), 'embedded: local: bus + sqlite; rates over the whole batch, latencies over 40 rounds'].join('\n');
}
