import { databaseEngines, declaredColumns, migratedColumns, type ServiceColumns } from '@fieldops/testing';
import { describe, expect, it } from 'vitest';
import type { TicketsDb } from '../src/db/schema';
import { ticketsService } from '../src/index';

/** Every table of db/schema.ts with every column; the compiler fails when the two differ. */
const COLUMNS: ServiceColumns<TicketsDb> = {
  ticket: {
    id: true,
    country: true,
    type: true,
    title: true,
    description: true,
    state: true,
    pending_on: true,
    priority: true,
    queue: true,
    assignee_id: true,
    org_unit_id: true,
    agency_id: true,
    area_id: true,
    lat: true,
    lng: true,
    merchant_id: true,
    lead_id: true,
    place_id: true,
    visit_id: true,
    on_site_visit_id: true,
    fields: true,
    created_by: true,
    sla_next_due_at: true,
    sla_breach_at: true,
    sla_breach_sort: true,
    sla_status: true,
    resolved_at: true,
    closed_at: true,
    version: true,
    created_at: true,
    updated_at: true,
  },
  ticket_history: {
    id: true,
    ticket_id: true,
    seq: true,
    kind: true,
    from_state: true,
    to_state: true,
    actor: true,
    reason: true,
    detail: true,
    at: true,
  },
  ticket_comment: { id: true, ticket_id: true, author_id: true, body: true, visibility: true, at: true },
  ticket_watcher: { ticket_id: true, user_id: true, at: true },
  ticket_sla_action: { action_key: true, ticket_id: true, at: true },
  ticket_sla_policy: { country: true, ticket_type: true, policies: true, version: true, updated_by: true, updated_at: true },
};

describe.each(await databaseEngines())('the tickets schema on $name', (engine) => {
  it('the migrations make exactly the tables and columns of db/schema.ts', async () => {
    expect(await migratedColumns(ticketsService, engine)).toEqual(declaredColumns(COLUMNS));
  });
});
