import { databaseUrlFor, defineService, openDatabase, type ResolvedScope } from '@fieldops/platform';
import { databaseEngines, queryPlan, withScratchDatabase } from '@fieldops/testing';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { ticketsSchema } from '../src/db/migrations/001-tickets';
import type { TicketsDb } from '../src/db/schema';
import { NO_BREACH, ticketRepository } from '../src/db/ticket.repository';
import { ticketsService } from '../src/index';

/** Enough rows that an engine's planner weighs the index against a scan and a sort. */
const ROWS = 3000;
const NOW = Date.parse('2026-03-02T02:00:00Z');

const countryManager: ResolvedScope = {
  userId: uuidv7(),
  scope: 'country',
  country: 'SG',
  orgUnitId: uuidv7(),
  orgUnitIds: [],
  areaIds: [],
  agencyId: null,
};

/** A ticket as the 001 schema stored it (before the sort column existed); every third without a breach time. */
function oldRow(i: number) {
  return {
    id: uuidv7(),
    country: i % 5 === 0 ? 'BR' : 'SG',
    type: 'complaint',
    title: `Ticket ${i}`,
    description: '',
    state: i % 7 === 0 ? 'closed' : 'assigned',
    pending_on: null,
    priority: 'normal',
    queue: 'customer-care',
    assignee_id: null,
    org_unit_id: null,
    agency_id: null,
    area_id: null,
    lat: null,
    lng: null,
    merchant_id: null,
    lead_id: null,
    place_id: null,
    visit_id: null,
    fields: '{}',
    created_by: 'service:test',
    sla_next_due_at: null,
    sla_breach_at: i % 3 === 0 ? null : NOW + ((i * 7919) % 1_000_000),
    sla_status: 'on-track',
    resolved_at: null,
    closed_at: null,
    version: 1,
    created_at: NOW,
    updated_at: NOW,
  };
}

describe.each(await databaseEngines())('the queue sorted by breach time on $name', (engine) => {
  it('existing rows get their sort key, and "breaches first" reads the index in order (no sort step)', () =>
    withScratchDatabase(engine, 'tickets', async (config) => {
      // The tickets database as the first migration left it, with tickets in it.
      await defineService<TicketsDb>({ name: 'tickets', migrations: [ticketsSchema] }).migrate({ config });
      const opened = await openDatabase<TicketsDb>(databaseUrlFor(config, 'tickets'), 'tickets');
      const { db, dialect } = opened;
      try {
        const rows = Array.from({ length: ROWS }, (_, i) => oldRow(i));
        for (let i = 0; i < rows.length; i += 500)
          await db
            .insertInto('ticket')
            .values(rows.slice(i, i + 500) as never)
            .execute();

        await ticketsService.migrate({ config });
        const stored = await db.selectFrom('ticket').select(['sla_breach_at', 'sla_breach_sort']).execute();
        for (const row of stored) {
          expect(Number(row.sla_breach_sort)).toBe(row.sla_breach_at === null ? NO_BREACH : Number(row.sla_breach_at));
        }
        if (dialect === 'mysql') await sql`analyze table ticket`.execute(db);

        const breachesFirst = ticketRepository.listQuery(db, countryManager, {
          state: 'open',
          sort: 'breach',
          after: undefined,
          limit: 50,
        });
        const plan = await queryPlan(db, dialect, breachesFirst);
        if (dialect === 'sqlite') {
          expect(plan).toContain('USING INDEX ticket_breach_sort');
          expect(plan).not.toContain('TEMP B-TREE');
        } else {
          expect(plan).toContain('"key":"ticket_breach_sort"');
          expect(plan).not.toContain('filesort');
        }

        // The order the index gives is the order asked for: soonest breach first, the ones without a breach last.
        const expected = rows
          .filter((r) => r.country === 'SG' && r.state !== 'closed')
          .sort((a, b) => (a.sla_breach_at ?? NO_BREACH) - (b.sla_breach_at ?? NO_BREACH) || a.id.localeCompare(b.id));
        const seen: string[] = [];
        let after: { breachAt: number; id: string } | undefined;
        for (let page = 0; page < 3; page++) {
          const got = await ticketRepository.list(db, countryManager, { state: 'open', sort: 'breach', after, limit: 50 });
          const shown = got.slice(0, 50);
          seen.push(...shown.map((r) => r.id));
          const last = shown.at(-1);
          if (!last) break;
          after = { breachAt: last.sla_breach_sort, id: last.id };
        }
        expect(seen).toEqual(expected.slice(0, 150).map((r) => r.id));
      } finally {
        await opened.close();
      }
    }));
});
