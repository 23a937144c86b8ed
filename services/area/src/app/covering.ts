import { can } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import type { AreaContext } from '../config';
import { areaRepository } from '../db/area.repository';
import { type AssignmentRow, assignmentRepository } from '../db/assignment.repository';
import { knownUserRepository } from '../db/known-user.repository';
import type { AreaDb } from '../db/schema';
import type { PathStep } from '../domain/area-index';
import type { LatLng } from '../domain/geometry';
import type { AreaIndexHolder } from './area-index-holder';
import type { AreaAccess } from './area-visibility';

export interface Coverer {
  assignmentId: string;
  userId: string;
  user: { name: string; email: string } | null;
  role: AssignmentRow['role'];
  /** The area the assignment is on: the resolved area or one of its ancestors. */
  areaId: string;
  effectiveFrom: number;
  effectiveTo: number | null;
}

export interface Covering {
  areaId: string | null;
  path: PathStep[];
  /** Nearest area first: `primary[0]` is the most specific primary rep. */
  primary: Coverer[];
  backups: Coverer[];
  managers: Coverer[];
}

const NOBODY: Covering = { areaId: null, path: [], primary: [], backups: [], managers: [] };

/**
 * Who covers a point, as far as the caller may know: only areas in their territories (a point in someone else's
 * answers like a point outside every area), and names and emails only for callers who may read users (and their own).
 */
export async function coveringFor(
  ctx: AreaContext,
  { caller, scope: visibility }: Pick<AreaAccess, 'caller' | 'scope'>,
  index: AreaIndexHolder,
  point: LatLng,
  at: number,
): Promise<Covering> {
  const covering = await coveringAt(ctx.db, index, point, at);
  const visible = new Set(
    await areaRepository.visibleAmong(
      ctx.db,
      visibility,
      covering.path.map((step) => step.id),
    ),
  );
  // Visibility is by subtree: when the resolved area is hidden, so is every ancestor.
  if (covering.areaId === null || !visible.has(covering.areaId)) return NOBODY;
  const mayReadUsers = can(caller, 'user:read');
  const shown = (list: Coverer[]) =>
    list.filter((c) => visible.has(c.areaId)).map((c) => (mayReadUsers || c.userId === caller.userId ? c : { ...c, user: null }));
  return {
    areaId: covering.areaId,
    path: covering.path.filter((step) => visible.has(step.id)),
    primary: shown(covering.primary),
    backups: shown(covering.backups),
    managers: shown(covering.managers),
  };
}

/** Who covers a WGS-84 point at `at`: one resolution, one query for the assignments of the whole path. */
export async function coveringAt(db: Kysely<AreaDb>, index: AreaIndexHolder, point: LatLng, at: number): Promise<Covering> {
  const resolution = (await index.current()).resolve(point);
  if (!resolution) return NOBODY;
  const depth = new Map(resolution.path.map((step, i) => [step.id, i]));
  const rows = await assignmentRepository.effectiveOn(db, [...depth.keys()], at);
  rows.sort((a, b) => (depth.get(b.area_id) ?? 0) - (depth.get(a.area_id) ?? 0));
  const users = new Map((await knownUserRepository.findMany(db, [...new Set(rows.map((r) => r.user_id))])).map((u) => [u.id, u]));
  const coverer = (row: AssignmentRow): Coverer => {
    const user = users.get(row.user_id);
    return {
      assignmentId: row.id,
      userId: row.user_id,
      user: user ? { name: user.name, email: user.email } : null,
      role: row.role,
      areaId: row.area_id,
      effectiveFrom: Number(row.effective_from),
      effectiveTo: row.effective_to === null ? null : Number(row.effective_to),
    };
  };
  const withRole = (role: AssignmentRow['role']) => rows.filter((r) => r.role === role).map(coverer);
  return {
    areaId: resolution.areaId,
    path: resolution.path,
    primary: withRole('primary'),
    backups: withRole('backup'),
    managers: withRole('manager'),
  };
}
