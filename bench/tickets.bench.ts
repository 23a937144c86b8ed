// Tickets: 100,000 open tickets in one embedded host (SQLite, in-process bus) behind the gateway. The queue page sorted
// by breach time (REST through the gateway, against the same page read straight from the database); the SLA job's run
// when 1% of the tickets are due (against a run with nothing due); ticket creation through the gateway (against the
// same rows written in one raw transaction). The host listens on 127.0.0.1 only.
import { accountService, DEMO_PASSWORD } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { createGateway } from '@fieldops/gateway';
import { leadsService } from '@fieldops/leads';
import { merchantService } from '@fieldops/merchant';
import { poiService } from '@fieldops/poi';
import { serviceDb } from '@fieldops/testing';
import { createTicketsService, type TicketsDb, ticketsTasks } from '@fieldops/tickets';
import type { Insertable, Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { embeddedSetup, login, startBenchHost } from './bench-host';
import { LoadTarget } from './http-load';
import { type Summary, summarize } from './stats';
import type { Progress, SuiteOutcome } from './suite';
import { formatTable, num } from './text-table';

/** `BENCH_TICKETS` runs a smaller size (a first try); the figures this suite stands for are at 100,000. */
const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const DUE_SHARE = 0.01;
const PAGE = 50;
const QUEUE_REQUESTS = 400;
const QUEUE_CONCURRENCY = 4;
const CREATES = 400;
const CREATE_CONCURRENCY = 4;
const UNLIMITED = { RATE_LIMIT_MAX: String(1_000_000_000) };
const MANAGER = 'countrymanager.sg@fieldops.test';
/** Every `DUE_EVERY`-th ticket is made due; it was opened two weeks ago, so its clocks breached on any calendar. */
const DUE_EVERY = Math.round(1 / DUE_SHARE);
const DUE_AGE_MS = 14 * 86_400_000;

export interface TicketsResult {
  scenario: string;
  operations: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** This scenario's p50 (or per-operation cost) ÷ its peer's, measured in the same run. */
  ratio: number | null;
  note: string;
}

type TicketRow = Insertable<TicketsDb['ticket']>;

/**
 * A ticket seeded straight into the database. The SLA job recomputes a due ticket's clocks from its history on the
 * country's working calendar, so a due ticket must really be late there: one opened an hour before the run (outside
 * Singapore's working hours when the bench runs at night) has counted no working minute and fires nothing.
 */
function aTicket(i: number, now: number, assignees: string[]): TicketRow {
  const due = i % DUE_EVERY === 0;
  const openedAt = due ? now - DUE_AGE_MS : now - 3_600_000;
  const breachAt = now + 60_000 + ((i * 7919) % (30 * 86_400_000));
  return {
    id: uuidv7(),
    country: 'SG',
    type: 'complaint',
    title: `Bench ticket ${i}`,
    description: '',
    state: 'assigned',
    pending_on: null,
    priority: 'urgent',
    queue: 'customer-care',
    assignee_id: assignees[i % assignees.length] ?? null,
    org_unit_id: null,
    agency_id: null,
    area_id: null,
    lat: null,
    lng: null,
    merchant_id: null,
    lead_id: null,
    place_id: null,
    visit_id: null,
    fields: JSON.stringify({ channel: 'phone', category: 'settlement' }),
    created_by: 'service:bench',
    // Spread over the coming 30 days; the due time comes a little before the breach.
    sla_breach_at: breachAt,
    sla_breach_sort: breachAt,
    sla_next_due_at: now + 30_000 + ((i * 7919) % (30 * 86_400_000)),
    sla_status: 'on-track',
    resolved_at: null,
    closed_at: null,
    version: 1,
    created_at: openedAt,
    updated_at: openedAt,
  };
}

function opened(row: TicketRow) {
  return {
    id: uuidv7(),
    ticket_id: row.id,
    seq: 1,
    kind: 'opened',
    from_state: null,
    to_state: 'new' as const,
    actor: 'service:bench',
    reason: null,
    detail: JSON.stringify({ priority: row.priority }),
    at: row.created_at,
  };
}

/** The tickets and their opening history written straight to the database (setup, not measured). */
async function seedTickets(db: Kysely<TicketsDb>, count: number, assignees: string[], progress: Progress): Promise<TicketRow[]> {
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) => aTicket(i, now, assignees));
  for (let i = 0; i < rows.length; i += 500) {
    const slice = rows.slice(i, i + 500);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('ticket').values(slice).execute();
      await trx.insertInto('ticket_history').values(slice.map(opened)).execute();
    });
    if (i % 20_000 === 0) progress(`seeding tickets: ${i}/${count}`);
  }
  return rows;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function timeEach(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<void>,
): Promise<{ samples: number[]; seconds: number }> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        samples.push(await timed(() => work(i)));
      }
    }),
  );
  return { samples, seconds: (performance.now() - started) / 1000 };
}

const row = (scenario: string, s: Summary, perSecond: number, ratio: number | null, note: string): TicketsResult => ({
  scenario,
  operations: s.count,
  perSecond,
  p50Ms: s.p50,
  p99Ms: s.p99,
  ratio,
  note,
});

export async function runTicketsSuite(progress: Progress): Promise<SuiteOutcome<TicketsResult>> {
  progress('starting account, area, poi, merchant, leads and tickets behind the gateway (SQLite), seeding the demo organisation');
  const services = [
    accountService,
    areaService,
    poiService,
    merchantService,
    leadsService,
    createTicketsService({ slaCheckMs: 86_400_000 }),
  ];
  const bench = await startBenchHost({ setup: embeddedSetup(), services, edge: createGateway({ services }), env: UNLIMITED });
  try {
    // Only the demo organisation (users, teams): the demo's own merchants and tickets are not what is measured.
    await bench.host.service('account')?.seedDemo({ start: () => {}, tick: () => {}, stop: () => {} });
    const db = serviceDb<TicketsDb>(bench, 'tickets');
    const token = await login(bench.url, MANAGER, DEMO_PASSWORD);
    const me = (await (await fetch(`${bench.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      user: { id: string };
    };
    const rows = await seedTickets(db, TICKETS, [me.user.id], progress);
    const results: TicketsResult[] = [];

    // 1. The queue page, breaches first, through the gateway; its peer: the same page straight from the database.
    progress(`queue page: ${QUEUE_REQUESTS} × GET /api/v1/tickets?state=open&sort=breach&limit=${PAGE}`);
    const queuePath = `/api/v1/tickets?state=open&sort=breach&limit=${PAGE}`;
    const queue = new LoadTarget({ url: bench.url, headers: { authorization: `Bearer ${token}` }, concurrency: QUEUE_CONCURRENCY });
    await queue.warmUp(Array(40).fill(queuePath));
    await queue.measure(Array(QUEUE_REQUESTS).fill(queuePath));
    const page = queue.result();
    await queue.close();
    if (page.errors > 0) throw new Error(`queue page: ${page.errors} errors, first ${page.firstError}`);
    const engine = await timeEach(QUEUE_REQUESTS, 1, async () => {
      // The page the gateway reads for the country manager: their country's tickets or the ones they opened.
      await db
        .selectFrom('ticket')
        .selectAll()
        .where((eb) => eb.or([eb('country', '=', 'SG'), eb('created_by', '=', me.user.id)]))
        .where('state', 'in', ['new', 'assigned', 'in_progress', 'pending', 'review'])
        .orderBy('sla_breach_sort')
        .orderBy('id')
        .limit(PAGE + 1)
        .execute();
    });
    const engineSummary = summarize(engine.samples);
    results.push(
      row(
        'queue page via gateway (country manager)',
        page.latencyMs,
        page.requestsPerSecond,
        page.latencyMs.p50 / engineSummary.p50,
        'p50 ÷ the page read straight from SQLite',
      ),
      row('queue page straight from SQLite', engineSummary, QUEUE_REQUESTS / engine.seconds, null, `${TICKETS} open tickets`),
    );

    // 2. The SLA job: one run with nothing due, then runs until the 1% made due have fired.
    progress('SLA job: a run with nothing due');
    const idle = await timeEach(5, 1, async () => void (await bench.host.runTask(ticketsTasks.fireSlaActions, {})));
    const due = rows.filter((_, i) => i % DUE_EVERY === 0).map((r) => r.id);
    const now = Date.now();
    for (let i = 0; i < due.length; i += 500) {
      await db
        .updateTable('ticket')
        .set({ sla_next_due_at: now - 1 })
        .where('id', 'in', due.slice(i, i + 500))
        .execute();
    }
    progress(`SLA job: ${due.length} tickets due`);
    const runs: number[] = [];
    let fired = 0;
    for (;;) {
      let answer = { fired: 0 };
      runs.push(await timed(async () => (answer = await bench.host.runTask(ticketsTasks.fireSlaActions, {}))));
      fired += answer.fired;
      const left = await db
        .selectFrom('ticket')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('sla_next_due_at', '<=', now)
        .executeTakeFirst();
      if (Number(left?.n ?? 0) === 0 || runs.length > 100) break;
    }
    const jobTotal = runs.reduce((a, b) => a + b, 0);
    const published = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('subject', 'in', due.slice(0, 500))
      .where((eb) => eb.or([eb('type', 'like', '%.sla-%'), eb('type', 'like', '%.escalated.%')]))
      .executeTakeFirst();
    const idleSummary = summarize(idle.samples);
    results.push(
      row('SLA job run, nothing due', idleSummary, 5 / idle.seconds, null, `${TICKETS} open tickets`),
      row(
        `SLA job runs, ${due.length} due (1%)`,
        summarize(runs),
        due.length / (jobTotal / 1000),
        jobTotal / due.length / idleSummary.p50,
        `${runs.length} runs, ${fired} actions fired (${Number(published?.n ?? 0)} SLA events of the first 500 due); ratio: ms per due ticket ÷ an idle run`,
      ),
    );

    // 3. Creation: POST through the gateway (validation, assignment rule, SLA, history, outbox) against the same two
    // rows written in one raw transaction.
    progress(`creation: ${CREATES} × POST /api/v1/tickets`);
    const body = JSON.stringify({
      type: 'data-correction',
      title: 'Phone number changed',
      fields: { field: 'phone', correctValue: '+6561234567' },
    });
    const created = await timeEach(CREATES, CREATE_CONCURRENCY, async () => {
      const response = await fetch(`${bench.url}/api/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      await response.text();
      if (response.status !== 201) throw new Error(`POST /api/v1/tickets answered ${response.status}`);
    });
    const raw = await timeEach(CREATES, 1, async (i) => {
      const ticket = aTicket(TICKETS + i, Date.now(), [me.user.id]);
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('ticket').values(ticket).execute();
        await trx.insertInto('ticket_history').values(opened(ticket)).execute();
      });
    });
    const createdSummary = summarize(created.samples);
    const rawSummary = summarize(raw.samples);
    const createdPerSecond = CREATES / created.seconds;
    const rawPerSecond = CREATES / raw.seconds;
    results.push(
      row(
        'create via gateway',
        createdSummary,
        createdPerSecond,
        createdPerSecond / rawPerSecond,
        'ratio: tickets/s ÷ the raw transaction’s',
      ),
      row('create: raw transaction (ticket + history row)', rawSummary, rawPerSecond, null, 'SQLite, one writer'),
    );
    return { results, table: ticketsTable(results) };
  } finally {
    await bench.stop();
  }
}

function ticketsTable(results: TicketsResult[]): string {
  const columns = [
    { header: `tickets (${TICKETS} open)` },
    { header: 'ops', align: 'right' },
    { header: 'per s', align: 'right' },
    { header: 'p50 ms', align: 'right' },
    { header: 'p99 ms', align: 'right' },
    { header: 'ratio', align: 'right' },
    { header: 'note' },
  ] as const;
  return formatTable(
    columns,
    results.map((r) => [
      r.scenario,
      String(r.operations),
      num(r.perSecond, 1),
      num(r.p50Ms, 2),
      num(r.p99Ms, 2),
      r.ratio === null ? '—' : num(r.ratio, 2),
      r.note,
    ]),
  );
}
