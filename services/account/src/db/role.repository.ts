import type { DataScope } from '@fieldops/platform';
import type { Kysely, Selectable } from 'kysely';
import type { AccountDb, RoleTable } from './schema';

type Db = Kysely<AccountDb>;

export interface Role {
  id: string;
  name: string;
  description: string;
  permissions: string[];
  scope: DataScope;
  builtIn: boolean;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export function toRole(row: Selectable<RoleTable>): Role {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    permissions: JSON.parse(row.permissions) as string[],
    scope: row.scope,
    builtIn: Boolean(row.built_in),
    version: row.version,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function toRoleRow(role: Role): Selectable<RoleTable> {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    permissions: JSON.stringify(role.permissions),
    scope: role.scope,
    built_in: role.builtIn ? 1 : 0,
    version: role.version,
    created_at: role.createdAt,
    updated_at: role.updatedAt,
  };
}

export const roleRepository = {
  async findById(db: Db, id: string): Promise<Role | undefined> {
    const row = await db.selectFrom('role').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRole(row) : undefined;
  },

  async findByName(db: Db, name: string): Promise<Role | undefined> {
    const row = await db.selectFrom('role').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? toRole(row) : undefined;
  },

  async findMany(db: Db, ids: string[]): Promise<Role[]> {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom('role').selectAll().where('id', 'in', ids).execute();
    return rows.map(toRole);
  },

  async rolesOfUser(db: Db, userId: string): Promise<Role[]> {
    const rows = await db
      .selectFrom('role')
      .innerJoin('user_role', 'user_role.role_id', 'role.id')
      .selectAll('role')
      .where('user_role.user_id', '=', userId)
      .orderBy('role.name')
      .execute();
    return rows.map(toRole);
  },

  /** The users who hold the role. */
  async holderIds(db: Db, roleId: string): Promise<string[]> {
    const rows = await db.selectFrom('user_role').select('user_id').where('role_id', '=', roleId).execute();
    return rows.map((r) => r.user_id);
  },

  async page(db: Db, after: string | undefined, limit: number): Promise<Role[]> {
    let query = db.selectFrom('role').selectAll();
    if (after) query = query.where('id', '>', after);
    const rows = await query
      .orderBy('id')
      .limit(limit + 1)
      .execute();
    return rows.map(toRole);
  },

  async insert(db: Db, role: Role): Promise<void> {
    await db.insertInto('role').values(toRoleRow(role)).execute();
  },

  async update(db: Db, role: Role, expectedVersion: number): Promise<boolean> {
    const { id: _id, ...row } = toRoleRow(role);
    const result = await db
      .updateTable('role')
      .set(row)
      .where('id', '=', role.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Answers false when the row's version is no longer `expectedVersion`. */
  async delete(db: Db, id: string, expectedVersion: number): Promise<boolean> {
    const result = await db.deleteFrom('role').where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },
};
