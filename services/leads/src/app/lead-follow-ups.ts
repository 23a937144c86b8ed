import type { Access } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import { followUpRepository } from '../db/follow-up.repository';
import { visibleLead } from './visible-lead';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The follow-ups of a lead the caller may see, newest first; a lead outside their scope answers 404. */
export async function leadFollowUps(ctx: LeadsContext, access: Access, id: string) {
  const lead = await visibleLead(ctx, access, id);
  const rows = await followUpRepository.ofLead(ctx.db, lead.id);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    note: row.note,
    userId: row.user_id,
    nextFollowUpAt: iso(row.next_follow_up_at),
    visitId: row.visit_id,
    at: new Date(row.at).toISOString(),
  }));
}
