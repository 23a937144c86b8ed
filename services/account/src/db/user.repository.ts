import { type DataScope, type ResolvedScope, scopeFilter, updateVersioned } from '@fieldops/platform';
import { type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { UnitLeader } from '../domain/team-leads';
import type { AccountDb, UserTable } from './schema';

export type UserRow = Selectable<UserTable>;
type Db = Kysely<AccountDb>;

const USER_SCOPE = { owner: 'user.id', orgUnit: 'user.org_unit_id', country: 'user.country', agency: 'user.agency_id' };

export interface UserFilters {
  orgUnitId?: string;
  agencyId?: string;
  status?: 'active' | 'disabled';
  /** Matches the start of the email or name. */
  q?: string;
}

export const userRepository = {
  async findById(db: Db, id: string, scope?: ResolvedScope): Promise<UserRow | undefined> {
    let query = db.selectFrom('user').selectAll().where('id', '=', id);
    if (scope) query = query.where(scopeFilter(scope, USER_SCOPE));
    return query.executeTakeFirst();
  },

  /** Emails are stored lower-case. */
  async findByEmail(db: Db, email: string, scope?: ResolvedScope): Promise<UserRow | undefined> {
    let query = db.selectFrom('user').selectAll().where('email', '=', email);
    if (scope) query = query.where(scopeFilter(scope, USER_SCOPE));
    return query.executeTakeFirst();
  },

  async findMany(db: Db, ids: string[], scope: ResolvedScope): Promise<UserRow[]> {
    if (ids.length === 0) return [];
    return db.selectFrom('user').selectAll().where('id', 'in', ids).where(scopeFilter(scope, USER_SCOPE)).execute();
  },

  /** Keyset page ordered by id (UUIDv7, so by creation). */
  async page(db: Db, scope: ResolvedScope, filters: UserFilters, after: string | undefined, limit: number): Promise<UserRow[]> {
    let query = db.selectFrom('user').selectAll().where(scopeFilter(scope, USER_SCOPE));
    if (filters.orgUnitId) query = query.where('org_unit_id', '=', filters.orgUnitId);
    if (filters.agencyId) query = query.where('agency_id', '=', filters.agencyId);
    if (filters.status) query = query.where('status', '=', filters.status);
    if (filters.q) {
      // `!` as the escape character: a backslash would need different quoting on SQLite and MySQL.
      const prefix = `${filters.q.replace(/[!%_]/g, (c) => `!${c}`)}%`;
      const startsWith = (column: 'email' | 'name') => sql<SqlBool>`${sql.ref(column)} like ${prefix} escape '!'`;
      query = query.where((eb) => eb.or([startsWith('email'), startsWith('name')]));
    }
    if (after) query = query.where('id', '>', after);
    return query
      .orderBy('id')
      .limit(limit + 1)
      .execute();
  },

  async insert(db: Db, row: UserRow): Promise<void> {
    await db.insertInto('user').values(row).execute();
  },

  /** Optimistic update: answers false when the row's version is no longer `expectedVersion`. */
  async update(db: Db, id: string, expectedVersion: number, changes: Partial<Omit<UserRow, 'id' | 'version'>>): Promise<boolean> {
    return updateVersioned(db, 'user', id, expectedVersion, changes);
  },

  async recordLogin(db: Db, id: string, at: number): Promise<void> {
    await db.updateTable('user').set({ last_login_at: at }).where('id', '=', id).execute();
  },

  async roleIdsOf(db: Db, userIds: string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return result;
    const rows = await db
      .selectFrom('user_role')
      .select(['user_id', 'role_id'])
      .where('user_id', 'in', userIds)
      .orderBy('role_id')
      .execute();
    for (const row of rows) result.get(row.user_id)?.push(row.role_id);
    return result;
  },

  async setRoles(db: Db, userId: string, roleIds: string[]): Promise<void> {
    await db.deleteFrom('user_role').where('user_id', '=', userId).execute();
    if (roleIds.length > 0) {
      await db
        .insertInto('user_role')
        .values(roleIds.map((role_id) => ({ user_id: userId, role_id })))
        .execute();
    }
  },

  /**
   * Active holders of a role with one of `scopes` who sit in one of `orgUnitIds`, and belong to `agencyId` (null: to
   * no agency): the candidates for someone's team lead.
   */
  async leadersIn(db: Db, orgUnitIds: string[], scopes: readonly DataScope[], agencyId: string | null): Promise<UnitLeader[]> {
    if (orgUnitIds.length === 0) return [];
    const rows = await db
      .selectFrom('user')
      .innerJoin('user_role', 'user_role.user_id', 'user.id')
      .innerJoin('role', 'role.id', 'user_role.role_id')
      .select(['user.id as id', 'user.org_unit_id as orgUnitId'])
      .distinct()
      .where('user.org_unit_id', 'in', orgUnitIds)
      .where('user.status', '=', 'active')
      .where('role.scope', 'in', [...scopes])
      .where((eb) => (agencyId === null ? eb('user.agency_id', 'is', null) : eb('user.agency_id', '=', agencyId)))
      .execute();
    return rows;
  },

  /**
   * Active holders of the role named `roleName` in the caller's scope who sit in the subtree whose root has
   * `unitPath`, ordered by id; at most `limit`.
   */
  async activeHoldersUnder(db: Db, unitPath: string, roleName: string, scope: ResolvedScope, limit: number): Promise<UserRow[]> {
    return db
      .selectFrom('user')
      .innerJoin('org_unit', 'org_unit.id', 'user.org_unit_id')
      .selectAll('user')
      .where('org_unit.path', 'like', `${unitPath}%`)
      .where('user.status', '=', 'active')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('user_role')
            .innerJoin('role', 'role.id', 'user_role.role_id')
            .select('user_role.user_id')
            .whereRef('user_role.user_id', '=', 'user.id')
            .where('role.name', '=', roleName),
        ),
      )
      .where(scopeFilter(scope, USER_SCOPE))
      .orderBy('user.id')
      .limit(limit)
      .execute();
  },

  async countInOrgUnit(db: Db, orgUnitId: string): Promise<number> {
    const row = await db
      .selectFrom('user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_unit_id', '=', orgUnitId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  async countWithRole(db: Db, roleId: string): Promise<number> {
    const row = await db
      .selectFrom('user_role')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role_id', '=', roleId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },
};
