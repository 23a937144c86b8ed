import { decodeIdCursor, type Page, toPage } from '@fieldops/platform';
import type { AreaContext } from '../config';
import { assignmentRepository } from '../db/assignment.repository';
import { knownUserRepository } from '../db/known-user.repository';
import { areaInScope } from './area-rules';
import type { AreaAccess } from './area-visibility';
import { type AssignmentView, toAssignmentView } from './assignment-view';

/** An area's current and future assignments (all of them, ended included, when asked). */
export async function listAssignments(
  ctx: AreaContext,
  { scope: visibility }: AreaAccess,
  areaId: string,
  query: { limit: number; cursor?: string; includeEnded?: boolean },
): Promise<Page<AssignmentView>> {
  await areaInScope(ctx.db, visibility, areaId);
  const after = decodeIdCursor(query.cursor);
  const rows = await assignmentRepository.pageOfArea(
    ctx.db,
    areaId,
    { includeEnded: query.includeEnded === true, now: ctx.clock.now() },
    after,
    query.limit,
  );
  const users = new Map((await knownUserRepository.findMany(ctx.db, [...new Set(rows.map((r) => r.user_id))])).map((u) => [u.id, u]));
  return toPage(
    rows,
    query.limit,
    (r) => [r.id],
    (r) => toAssignmentView(r, users.get(r.user_id)),
  );
}
