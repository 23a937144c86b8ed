import { openDatabase } from '@fieldops/platform';
import type { TicketsDb } from '@fieldops/tickets';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli-process';
import { removeTempDirs, tempDataDir } from './support/temp-dir';

afterEach(removeTempDirs);

describe('fieldops tickets', () => {
  it('recompute-sla gives an open ticket whose SLA was never computed its due time, from its history', async () => {
    const env = { DATA_DIR: tempDataDir() };
    expect((await runCli(['migrate', '--services', 'tickets'], env)).code).toBe(0);
    const opened = Date.now();
    const database = await openDatabase<TicketsDb>(`sqlite:${env.DATA_DIR}`, 'tickets');
    try {
      // An open SG ticket as an older calendar left it: no due time, no summary.
      await database.db
        .insertInto('ticket')
        .values({
          id: '0190b4c4-0000-7000-8000-0000000000a1',
          country: 'SG',
          type: 'complaint',
          title: 'Settlement missing',
          description: '',
          state: 'new',
          pending_on: null,
          priority: 'normal',
          queue: 'merchant-care',
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
          created_by: '0190b4c4-0000-7000-8000-0000000000b1',
          sla_next_due_at: null,
          sla_breach_at: null,
          sla_status: 'none',
          resolved_at: null,
          closed_at: null,
          version: 1,
          created_at: opened,
          updated_at: opened,
        })
        .execute();
      await database.db
        .insertInto('ticket_history')
        .values({
          id: '0190b4c4-0000-7000-8000-0000000000c1',
          ticket_id: '0190b4c4-0000-7000-8000-0000000000a1',
          seq: 1,
          kind: 'opened',
          from_state: null,
          to_state: 'new',
          actor: '0190b4c4-0000-7000-8000-0000000000b1',
          reason: null,
          detail: JSON.stringify({ priority: 'normal' }),
          at: opened,
        })
        .execute();
    } finally {
      await database.close();
    }
    const result = await runCli(['tickets', 'recompute-sla'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Tickets: 1 open tickets with a new SLA in [\d.]+ s/);
    const after = await openDatabase<TicketsDb>(`sqlite:${env.DATA_DIR}`, 'tickets');
    try {
      const row = await after.db.selectFrom('ticket').select(['sla_next_due_at', 'sla_breach_at', 'sla_status']).executeTakeFirstOrThrow();
      expect(Number(row.sla_next_due_at)).toBeGreaterThan(opened);
      expect(Number(row.sla_breach_at)).toBeGreaterThan(Number(row.sla_next_due_at));
      expect(['on-track', 'at-risk', 'breached']).toContain(row.sla_status);
    } finally {
      await after.close();
    }
  }, 60_000);

  it('says what it can do when asked for something else', async () => {
    const result = await runCli(['tickets', 'teleport'], { DATA_DIR: tempDataDir() });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('tickets recompute-sla');
  });
});
