import type { AssignmentRow } from '../db/assignment.repository';
import type { KnownUserRow } from '../db/known-user.repository';
import type { AssignmentRole } from '../domain/assignment';

export interface AssignmentView {
  id: string;
  areaId: string;
  userId: string;
  /** As the account service last announced the user; null when not heard of yet. */
  user: { name: string; email: string } | null;
  role: AssignmentRole;
  effectiveFrom: string;
  effectiveTo: string | null;
  endedAt: string | null;
  version: number;
  createdAt: string;
}

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export function toAssignmentView(row: AssignmentRow, user: KnownUserRow | undefined): AssignmentView {
  return {
    id: row.id,
    areaId: row.area_id,
    userId: row.user_id,
    user: user ? { name: user.name, email: user.email } : null,
    role: row.role,
    effectiveFrom: iso(row.effective_from),
    effectiveTo: row.effective_to === null ? null : iso(row.effective_to),
    endedAt: row.ended_at === null ? null : iso(row.ended_at),
    version: Number(row.version),
    createdAt: iso(row.created_at),
  };
}
