// Leads: claim throughput (reps claiming distinct public leads at once; reps racing for the same leads) on SQLite with
// the in-process bus and on MariaDB with NATS, and CSV import of 100,000 leads with dedup (against the stored leads,
// the file's rows and the merchants nearby) on SQLite. The hosts listen on 127.0.0.1 only.
import { accountService, DEMO_PASSWORD } from '@fieldops/account';
import { placeCells } from '@fieldops/geo';
import { type LeadsDb, leadsService } from '@fieldops/leads';
import { merchantService } from '@fieldops/merchant';
import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { type BenchSetup, distributedSetup, embeddedSetup, login, startBenchHost } from './bench-host';
import { summarize } from './stats';
import type { Progress, SuiteOutcome } from './suite';
import { formatTable, num } from './text-table';

const REPS = 20;
const DISTINCT_PER_REP = 40;
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

async function claim(url: string, token: string, id: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/api/v1/leads/${id}/claim`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

/** Each rep claims its own leads one after another, all reps at once. */
async function distinctClaims(url: string, tokens: string[], ids: string[], engine: string): Promise<LeadsResult> {
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token, r) => {
      for (const id of ids.slice(r * DISTINCT_PER_REP, (r + 1) * DISTINCT_PER_REP)) {
        const { status, ms } = await claim(url, token, id);
        if (status !== 200) throw new Error(`claim of a free lead answered ${status}`);
        samples.push(ms);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const s = summarize(samples);
  return {
    scenario: `claim distinct leads (${tokens.length} reps), ${engine}`,
    operations: s.count,
    seconds,
    perSecond: s.count / seconds,
    p50Ms: s.p50,
    p99Ms: s.p99,
    note: 'claims/s',
  };
}

/** Every rep claims every lead, each in its own order: one winner per lead, the rest 409. */
async function racedClaims(url: string, tokens: string[], ids: string[], engine: string): Promise<LeadsResult> {
  const samples: number[] = [];
  const wins = new Map<string, number>();
  let lost = 0;
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token, r) => {
      for (let i = 0; i < ids.length; i++) {
        const id = ids[(i * 7 + r * 13) % ids.length] ?? '';
        const { status, ms } = await claim(url, token, id);
        samples.push(ms);
        if (status === 200) wins.set(id, (wins.get(id) ?? 0) + 1);
        else if (status === 409) lost++;
        else throw new Error(`a raced claim answered ${status}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const doubles = [...wins.values()].filter((n) => n > 1).length;
  if (doubles > 0 || wins.size !== ids.length) throw new Error(`${wins.size} leads won, ${doubles} of them twice`);
  const s = summarize(samples);
  return {
    scenario: `race for the same leads (${tokens.length} reps × ${ids.length}), ${engine}`,
    operations: wins.size,
    seconds,
    perSecond: wins.size / seconds,
    p50Ms: s.p50,
    p99Ms: s.p99,
    note: `wins/s; ${num(s.count)} attempts, ${num(lost)} × 409, one winner each`,
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

/** Both claim scenarios on one setup's engines, with the demo organisation's reps. */
async function claimScenarios(setup: BenchSetup, progress: Progress): Promise<LeadsResult[]> {
  progress(`starting account + leads on ${setup.label} and seeding demo data`);
  const bench = await startBenchHost({ setup, services: [accountService, leadsService] });
  try {
    await bench.host.seedDemo();
    const db = bench.host.service('leads')?.db as unknown as Kysely<LeadsDb>;
    const tokens = await Promise.all(
      Array.from({ length: REPS }, (_, i) => login(bench.url, `rep${i + 1}.sg@fieldops.test`, DEMO_PASSWORD)),
    );
    progress(`${REPS} reps claim ${DISTINCT_PER_REP} distinct public leads each (${setup.label})`);
    const distinct = await distinctClaims(bench.url, tokens, await publicLeads(db, REPS * DISTINCT_PER_REP, 'distinct'), setup.label);
    progress(`${REPS} reps race for the same ${RACED_LEADS} leads (${setup.label})`);
    return [distinct, await racedClaims(bench.url, tokens, await publicLeads(db, RACED_LEADS, 'raced'), setup.label)];
  } finally {
    await bench.stop();
  }
}

export async function runLeadsSuite(progress: Progress): Promise<SuiteOutcome<LeadsResult>> {
  const results: LeadsResult[] = [];
  const pending: string[] = [];
  results.push(...(await claimScenarios(embeddedSetup(), progress)));
  const distributed = await distributedSetup(['account', 'leads']);
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
