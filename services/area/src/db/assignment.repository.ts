import { type Dialect, forUpdate, updateVersioned } from '@fieldops/platform';
import type { Kysely, Selectable } from 'kysely';
import type { AreaAssignmentTable, AreaDb } from './schema';

type Db = Kysely<AreaDb>;
export type AssignmentRow = Selectable<AreaAssignmentTable>;

export const assignmentRepository = {
  async findById(db: Db, id: string): Promise<AssignmentRow | undefined> {
    return db.selectFrom('area_assignment').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** An area's assignments, ended ones only when asked, keyset-paged by id. */
  async pageOfArea(db: Db, areaId: string, options: { includeEnded: boolean; now: number }, after: string | undefined, limit: number) {
    let query = db.selectFrom('area_assignment').selectAll().where('area_id', '=', areaId);
    if (!options.includeEnded) {
      query = query
        .where('ended_at', 'is', null)
        .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', options.now)]));
    }
    if (after) query = query.where('id', '>', after);
    return query
      .orderBy('id')
      .limit(limit + 1)
      .execute();
  },

  /** Assignments in force at `at` on any of the areas. */
  async effectiveOn(db: Db, areaIds: string[], at: number): Promise<AssignmentRow[]> {
    if (areaIds.length === 0) return [];
    return db
      .selectFrom('area_assignment')
      .selectAll()
      .where('area_id', 'in', areaIds)
      .where('effective_from', '<=', at)
      .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', at)]))
      .orderBy('id')
      .execute();
  },

  /**
   * The areas a user is assigned to at `at`, in any role. With `latest` it is a locking read on MySQL/MariaDB
   * (`FOR UPDATE`: MariaDB has no `FOR SHARE`), which sees what others committed after this transaction's snapshot.
   */
  async areaIdsOfUser(db: Db, userId: string, at: number, latest?: Dialect): Promise<string[]> {
    const query = db
      .selectFrom('area_assignment')
      .select('area_id')
      .where('user_id', '=', userId)
      .where('effective_from', '<=', at)
      .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', at)]));
    const rows = await (latest ? forUpdate(query, latest) : query).execute();
    return [...new Set(rows.map((r) => r.area_id))];
  },

  /** Users with an assignment on any of the areas, whenever it counts. */
  async usersOn(db: Db, areaIds: string[]): Promise<string[]> {
    if (areaIds.length === 0) return [];
    const rows = await db.selectFrom('area_assignment').select('user_id').distinct().where('area_id', 'in', areaIds).execute();
    return rows.map((r) => r.user_id);
  },

  /** Users whose assignments start or stop counting in `(since, until]`: the scheduled coverage check. */
  async usersWithBoundaryIn(db: Db, since: number, until: number): Promise<string[]> {
    const rows = await db
      .selectFrom('area_assignment')
      .select('user_id')
      .distinct()
      .where((eb) =>
        eb.or([
          eb.and([eb('effective_from', '>', since), eb('effective_from', '<=', until)]),
          eb.and([eb('effective_to', '>', since), eb('effective_to', '<=', until)]),
        ]),
      )
      .execute();
    return rows.map((r) => r.user_id);
  },

  /** Assignments of an area that are in force now or will be. */
  async countCurrentOnArea(db: Db, areaId: string, now: number): Promise<number> {
    const row = await db
      .selectFrom('area_assignment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('area_id', '=', areaId)
      .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', now)]))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  /** Assignments of an area whose period meets `[from, to)` (to null: open-ended). */
  async overlapping(db: Db, areaId: string, from: number, to: number | null): Promise<AssignmentRow[]> {
    let query = db
      .selectFrom('area_assignment')
      .selectAll()
      .where('area_id', '=', areaId)
      .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', from)]));
    if (to !== null) query = query.where('effective_from', '<', to);
    return query.orderBy('id').execute();
  },

  async insert(db: Db, row: AssignmentRow): Promise<void> {
    await db.insertInto('area_assignment').values(row).execute();
  },

  async update(db: Db, id: string, expectedVersion: number, changes: Partial<Omit<AssignmentRow, 'id' | 'version'>>): Promise<boolean> {
    return updateVersioned(db, 'area_assignment', id, expectedVersion, changes);
  },
};
