// Leads: claim throughput through the gateway, sent from a load process of its own (reps claiming distinct public
// leads at once; reps racing for the same leads), against the claim's own writes as a raw transaction, on SQLite with
// the in-process bus and on MariaDB with NATS, and CSV import of 100,000 leads with dedup (against the stored leads,
// the file's rows and the merchants nearby) on SQLite. The hosts listen on 127.0.0.1 only.
import { accountService, DEMO_PASSWORD } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { pendingDemoCountries } from '@fieldops/demo-data/demo-seed';
import { createGateway } from '@fieldops/gateway';
import { placeCells } from '@fieldops/geo';
import { type LeadsDb, leadsService } from '@fieldops/leads';
import { merchantService } from '@fieldops/merchant';
import { createTransactor } from '@fieldops/platform';
import { serviceDb } from '@fieldops/testing';
import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { type BenchHost, type BenchSetup, distributedSetup, embeddedSetup, login, rawPeerDatabase, startBenchHost } from './bench-host';
import { type Lane, type PlannedRequest, sendLanes } from './load-process';
import { summarize } from './stats';
import type { Progress, SuiteOutcome } from './suite';
import { formatTable, num } from './text-table';

const REPS = 20;
const DISTINCT_PER_REP = 40;
const CAPTURES_PER_REP = 20;
const WARMUP_PER_REP = 5;
/** The gateway's per-user budget (600 a minute by default) would turn the load into 429s. */
const UNLIMITED = { RATE_LIMIT_MAX: String(1_000_000_000) };
const RACED_LEADS = 200;
const IMPORT_ROWS = 100_000;
/** One in this many import rows repeats an earlier row (same name, phone and point): merged, not created. */
const DUPLICATE_EVERY = 20;
const IMPORT_TIMEOUT_MS = 150_000;
/** Rows per import file. */
const CHUNK_ROWS = 5_000;
/** No new import file starts after this many seconds. */
const IMPORT_BUDGET_S = 480;

export interface LeadsResult {
  scenario: string;
  operations: number;
  seconds: number;
  perSecond: number;
  p50Ms?: number;
  p99Ms?: number;
  note: string;
}

/** Public leads in central Singapore, written straight to the database (setup, not measured). */
async function publicLeads(db: Kysely<LeadsDb>, count: number, tag: string): Promise<string[]> {
  const now = Date.now();
  const rows: Insertable<LeadsDb['lead']>[] = Array.from({ length: count }, (_, i) => {
    const point = { lat: 1.3 + (i % 100) * 0.001, lng: 103.8 + Math.floor(i / 100) * 0.001 };
    const cells = placeCells(point);
    return {
      id: uuidv7(),
      name: `Bench ${tag} ${i}`,
      name_key: `bench ${tag} ${i}`,
      phone: null,
      phone_masked: null,
      address: '',
      category: 'grocery',
      ...point,
      h3_r7: cells.r7,
      h3_r9: cells.r9,
      area_id: null,
      country: 'SG',
      owner_id: null,
      org_unit_id: null,
      agency_id: null,
      pool: 'public',
      stage: 'new',
      protected_until: null,
      claimed_at: null,
      warned_for: null,
      next_follow_up_at: null,
      duplicate_of: null,
      merchant_id: null,
      conversion_status: 'none',
      conversion_reason: null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
  });
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('lead')
      .values(rows.slice(i, i + 200))
      .execute();
  return rows.map((r) => String(r.id));
}

const claimRequest = (token: string, id: string, expectStatus: number | readonly number[]): PlannedRequest => ({
  method: 'POST',
  path: `/api/v1/leads/${id}/claim`,
  headers: { authorization: `Bearer ${token}` },
  expectStatus,
});

/** Each rep claims its own leads one after another, all reps at once, from the load process. */
async function distinctClaims(url: string, tokens: string[], ids: string[], engine: string): Promise<LeadsResult> {
  const perRep = WARMUP_PER_REP + DISTINCT_PER_REP;
  const lanes: Lane[] = tokens.map((token, r) => ids.slice(r * perRep, (r + 1) * perRep).map((id) => claimRequest(token, id, 200)));
  const load = await sendLanes(url, lanes, WARMUP_PER_REP);
  if (load.errors > 0) throw new Error(`${load.errors} claims of free leads failed; the first: ${load.firstError}`);
  const s = load.latencyMs;
  return {
    scenario: `claim distinct leads (${tokens.length} reps), gateway, ${engine}`,
    operations: s.count,
    seconds: s.count / load.requestsPerSecond,
    perSecond: load.requestsPerSecond,
    p50Ms: s.p50,
    p99Ms: s.p99,
    note: 'claims/s',
  };
}

let captured = 0;

/** A new lead's body in central Singapore, each at its own spot with its own name and phone: none is a duplicate. */
function newLeadBody(): string {
  captured++;
  return JSON.stringify({
    name: `${storeName(7_000_000 + captured)} Provisions`,
    address: `${captured} Bench Street`,
    category: 'grocery',
    phone: `+65 9${String(3_000_000 + captured).slice(-7)}`,
    lat: 1.28 + (captured % 200) * 0.0003,
    lng: 103.83 + Math.floor(captured / 200) * 0.0003,
  });
}

/** Each rep captures new leads one after another (each checked for duplicates nearby), all reps at once. */
async function captures(url: string, tokens: string[], engine: string): Promise<LeadsResult> {
  const lanes: Lane[] = tokens.map((token) =>
    Array.from({ length: WARMUP_PER_REP + CAPTURES_PER_REP }, () => ({
      method: 'POST' as const,
      path: '/api/v1/leads',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: newLeadBody(),
      expectStatus: 201,
    })),
  );
  const load = await sendLanes(url, lanes, WARMUP_PER_REP);
  if (load.errors > 0) throw new Error(`${load.errors} captures failed; the first: ${load.firstError}`);
  const s = load.latencyMs;
  return {
    scenario: `capture new leads with dedup (${tokens.length} reps), gateway, ${engine}`,
    operations: s.count,
    seconds: s.count / load.requestsPerSecond,
    perSecond: load.requestsPerSecond,
    p50Ms: s.p50,
    p99Ms: s.p99,
    note: 'captures/s',
  };
}

/**
 * Every rep claims every lead, each in its own order: a claim answers 200 (won) or 409 (lost), and the claim history
 * must hold exactly one winner per lead.
 */
async function racedClaims(url: string, db: Kysely<LeadsDb>, tokens: string[], ids: string[], engine: string): Promise<LeadsResult> {
  const lanes: Lane[] = tokens.map((token, r) =>
    ids.map((_, i) => claimRequest(token, ids[(i * 7 + r * 13) % ids.length] ?? '', [200, 409])),
  );
  const load = await sendLanes(url, lanes, 0);
  if (load.errors > 0) throw new Error(`${load.errors} raced claims answered neither 200 nor 409; the first: ${load.firstError}`);
  const winners = await db
    .selectFrom('lead_claim_history')
    .select(['lead_id', (eb) => eb.fn.countAll<number>().as('wins')])
    .where('lead_id', 'in', ids)
    .where('event', '=', 'claimed')
    .groupBy('lead_id')
    .execute();
  const doubles = winners.filter((w) => Number(w.wins) !== 1).length;
  if (doubles > 0 || winners.length !== ids.length) throw new Error(`${winners.length} leads won, ${doubles} of them more than once`);
  const s = load.latencyMs;
  const seconds = s.count / load.requestsPerSecond;
  return {
    scenario: `race for the same leads (${tokens.length} reps × ${ids.length}), gateway, ${engine}`,
    operations: winners.length,
    seconds,
    perSecond: winners.length / seconds,
    p50Ms: s.p50,
    p99Ms: s.p99,
    note: `wins/s; ${num(s.count)} attempts (200 or 409), one winner each`,
  };
}

/**
 * The writes a claim makes, without HTTP, auth or the reads before them: the lead's conditional update, the holding
 * counter's conditional increment, the claim history row and the outbox event, in one transaction; as many claimers
 * at once as reps.
 */
async function rawClaims(db: Kysely<LeadsDb>, ids: string[], claimers: number, engine: string): Promise<LeadsResult> {
  const transact = createTransactor(
    db,
    'leads',
    () => Date.now(),
    () => undefined,
    () => {},
  );
  const perClaimer = Math.floor(ids.length / claimers);
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: claimers }, async (_, c) => {
      const userId = uuidv7();
      await db.insertInto('lead_holding').values({ user_id: userId, held: 0 }).execute();
      for (const id of ids.slice(c * perClaimer, (c + 1) * perClaimer)) {
        const t0 = performance.now();
        const now = Date.now();
        await transact(async (trx, events) => {
          const updated = await trx
            .updateTable('lead')
            .set((eb) => ({ owner_id: userId, pool: 'private', claimed_at: now, updated_at: now, version: eb('version', '+', 1) }))
            .where('id', '=', id)
            .where('owner_id', 'is', null)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) !== 1) throw new Error(`the raw claim of ${id} found it taken`);
          const counted = await trx
            .updateTable('lead_holding')
            .set((eb) => ({ held: eb('held', '+', 1) }))
            .where('user_id', '=', userId)
            .where('held', '<', 1_000_000)
            .executeTakeFirst();
          if (Number(counted.numUpdatedRows) !== 1) throw new Error('the raw claim found no holding counter');
          await trx
            .insertInto('lead_claim_history')
            .values({ id: uuidv7(), lead_id: id, user_id: userId, event: 'claimed', at: now })
            .execute();
          await events.append({ type: 'leads.lead.claimed.v1', subject: id, data: { id, ownerId: userId }, country: 'SG', actor: userId });
        });
        samples.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const s = summarize(samples);
  return {
    scenario: `  raw claim transactions (${claimers} at once), ${engine}`,
    operations: s.count,
    seconds,
    perSecond: s.count / seconds,
    p50Ms: s.p50,
    p99Ms: s.p99,
    note: 'claims/s',
  };
}

/** A made-up one-word name per number: neighbours' names are no more alike than real shops'. */
const storeName = (n: number) => {
  const word = ((Math.imul(n + 1, 2_654_435_761) >>> 0) % 36 ** 6).toString(36).padStart(6, 'q');
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
};

/**
 * Stores `from` to `from + rows - 1` of a 400 × 250 grid over Singapore (every DUPLICATE_EVERY-th row repeats the
 * one before); `numberOffset` renames and renumbers them (the probe file, east of the grid, matches nothing).
 */
function importCsv(rows: number, from: number, numberOffset: number): string {
  const lines = ['name,phone,address,category,lat,lng'];
  for (let i = 0; i < rows; i++) {
    const k = from + (i % DUPLICATE_EVERY === DUPLICATE_EVERY - 1 ? i - 1 : i);
    const n = numberOffset + k;
    const lat = (1.25 + (k % 400) * 0.0005).toFixed(6);
    const lng = ((numberOffset > 0 ? 103.97 : 103.65) + Math.floor(k / 400) * 0.0012).toFixed(6);
    lines.push(`${storeName(n)},+65 6${String(1_000_000 + n).slice(-7)},${n} Bench Road,retail,${lat},${lng}`);
  }
  return `${lines.join('\n')}\n`;
}

async function postImport(url: string, token: string, csv: string, timeoutMs: number) {
  const response = await fetch(`${url}/api/v1/leads/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csv,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  return { status: response.status, text };
}

/**
 * The import of IMPORT_ROWS rows, one in DUPLICATE_EVERY a repeat, as files of CHUNK_ROWS (earlier files are in the
 * database, so dedup sees them): no new file starts after IMPORT_BUDGET_S, as the host shares this process and a
 * client timeout could not stop a long import. Answers the whole and the last file, or why not when the endpoint is
 * not there.
 */
async function importLeads(url: string, token: string, progress: Progress): Promise<LeadsResult[] | string> {
  const probe = await postImport(url, token, importCsv(3, 0, 6_000_000), 10_000);
  if (probe.status !== 200) return `POST /api/v1/leads/import answered ${probe.status} (${probe.text.slice(0, 200)}): pending`;
  const counts = new Map<string, number>();
  let imported = 0;
  let last: LeadsResult | undefined;
  const started = performance.now();
  while (imported < IMPORT_ROWS && performance.now() - started < IMPORT_BUDGET_S * 1000) {
    const csv = importCsv(CHUNK_ROWS, imported, 0);
    const chunkStarted = performance.now();
    const { status, text } = await postImport(url, token, csv, IMPORT_TIMEOUT_MS);
    const seconds = (performance.now() - chunkStarted) / 1000;
    if (status !== 200) throw new Error(`the import answered ${status}: ${text.slice(0, 300)}`);
    for (const m of text.matchAll(/"status":"(created|merged|rejected)"/g)) counts.set(m[1] ?? '', (counts.get(m[1] ?? '') ?? 0) + 1);
    imported += CHUNK_ROWS;
    last = {
      scenario: `  of which rows ${num(imported - CHUNK_ROWS + 1)}–${num(imported)}`,
      operations: CHUNK_ROWS,
      seconds,
      perSecond: CHUNK_ROWS / seconds,
      note: 'rows/s',
    };
    progress(`imported ${num(imported)} rows, the last ${num(CHUNK_ROWS)} at ${num(last.perSecond)} rows/s`);
  }
  const seconds = (performance.now() - started) / 1000;
  const outcome = ['created', 'merged', 'rejected'].map((k) => `${num(counts.get(k) ?? 0)} ${k}`).join(', ');
  const stopped = imported < IMPORT_ROWS ? ` — stopped at the ${IMPORT_BUDGET_S} s budget` : '';
  const whole = {
    scenario: `CSV import with dedup (${num(imported)} of ${num(IMPORT_ROWS)} rows)`,
    operations: imported,
    seconds,
    perSecond: imported / seconds,
    note: `rows/s; ${outcome}${stopped}`,
  };
  return last ? [whole, last] : [whole];
}

/** Both claim scenarios through the gateway, and the raw transaction as their peer, on one setup's engines. */
async function claimScenarios(setup: BenchSetup, progress: Progress): Promise<LeadsResult[]> {
  progress(`starting account + leads behind the gateway on ${setup.label} and seeding demo data`);
  // A capture asks the area service for the lead's area and the merchant service for stores nearby (dedup).
  const services = [accountService, areaService, merchantService, leadsService];
  const bench = await startBenchHost({ setup, services, edge: createGateway({ services }), env: UNLIMITED });
  try {
    await bench.host.seedDemo();
    const db = serviceDb<LeadsDb>(bench, 'leads');
    await demoSeeded(bench, ['merchant', 'leads']);
    const tokens = await Promise.all(
      Array.from({ length: REPS }, (_, i) => login(bench.url, `rep${i + 1}.sg@fieldops.test`, DEMO_PASSWORD)),
    );
    progress(`${REPS} reps claim ${DISTINCT_PER_REP} distinct public leads each (${setup.label})`);
    const distinctIds = await publicLeads(db, REPS * (WARMUP_PER_REP + DISTINCT_PER_REP), 'distinct');
    const distinct = await distinctClaims(bench.url, tokens, distinctIds, setup.label);
    progress(`${REPS} raw claim transactions at once (${setup.label})`);
    const peer = rawPeerDatabase(setup, db, 'leads');
    const raw = await rawClaims(peer.db, await publicLeads(db, REPS * DISTINCT_PER_REP, 'raw'), REPS, setup.label).finally(() =>
      peer.close(),
    );
    progress(`${REPS} reps race for the same ${RACED_LEADS} leads (${setup.label})`);
    const raced = await racedClaims(bench.url, db, tokens, await publicLeads(db, RACED_LEADS, 'raced'), setup.label);
    progress(`${REPS} reps capture ${CAPTURES_PER_REP} new leads each (${setup.label})`);
    const captured = await captures(bench.url, tokens, setup.label);
    return [{ ...distinct, note: `claims/s; ${num(distinct.perSecond / raw.perSecond, 3)} × raw` }, raw, raced, captured];
  } finally {
    await bench.stop();
  }
}

/** The demo seeds run on the account service's events after `seedDemo`; requests measured meanwhile would time them too. */
async function demoSeeded(bench: BenchHost, services: string[]): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (const service of services) {
    const running = bench.host.service(service);
    if (!running) throw new Error(`the host runs no ${service} service`);
    while ((await pendingDemoCountries(running.db)).length > 0) {
      if (Date.now() > deadline) throw new Error(`the ${service} demo seed did not finish in 3 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export async function runLeadsSuite(progress: Progress): Promise<SuiteOutcome<LeadsResult>> {
  const results: LeadsResult[] = [];
  const pending: string[] = [];
  results.push(...(await claimScenarios(embeddedSetup(), progress)));
  const distributed = await distributedSetup(['account', 'area', 'merchant', 'leads']);
  if (typeof distributed === 'string') pending.push(`claims on MariaDB: ${distributed}`);
  else results.push(...(await claimScenarios(distributed, progress)));
  progress('starting account + leads + merchant on SQLite for the CSV import');
  const bench = await startBenchHost({ setup: embeddedSetup(), services: [accountService, leadsService, merchantService] });
  try {
    await bench.host.seedDemo();
    progress('CSV import');
    const imported = await importLeads(bench.url, await login(bench.url, 'admin@fieldops.test', DEMO_PASSWORD), progress);
    if (typeof imported === 'string') pending.push(`CSV import: ${imported}`);
    else results.push(...imported);
  } finally {
    await bench.stop();
  }
  const rows = results.map((r) => [
    r.scenario,
    num(r.operations),
    num(r.seconds, 2),
    num(r.perSecond, 1),
    r.p50Ms === undefined ? '' : num(r.p50Ms, 1),
    r.p99Ms === undefined ? '' : num(r.p99Ms, 1),
    r.note,
  ]);
  const columns = [
    { header: 'scenario' },
    { header: 'ops', align: 'right' as const },
    { header: 's', align: 'right' as const },
    { header: 'per s', align: 'right' as const },
    { header: 'p50 ms', align: 'right' as const },
    { header: 'p99 ms', align: 'right' as const },
    { header: 'note' },
  ];
  const table = [formatTable(columns, rows), ...pending].join('\n');
  return { results, table };
}
