import type { Kysely, Selectable } from 'kysely';
import type { AreaDb, KnownOrgUnitTable, KnownUserTable } from './schema';

type Db = Kysely<AreaDb>;
export type KnownUserRow = Selectable<KnownUserTable>;
export type KnownOrgUnitRow = Selectable<KnownOrgUnitTable>;

/** What this service has heard from the account service (read models built from its events). */
export const knownUserRepository = {
  async find(db: Db, id: string): Promise<KnownUserRow | undefined> {
    return db.selectFrom('known_user').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async findMany(db: Db, ids: string[]): Promise<KnownUserRow[]> {
    if (ids.length === 0) return [];
    return db.selectFrom('known_user').selectAll().where('id', 'in', ids).execute();
  },

  /** Keeps the newer of what is stored and `row`: a replayed older event changes nothing. */
  async save(db: Db, row: KnownUserRow): Promise<boolean> {
    const current = await knownUserRepository.find(db, row.id);
    if (!current) await db.insertInto('known_user').values(row).execute();
    else if (current.version <= row.version) await db.updateTable('known_user').set(row).where('id', '=', row.id).execute();
    return !current || current.version <= row.version;
  },

  async findByEmail(db: Db, email: string): Promise<KnownUserRow | undefined> {
    return db.selectFrom('known_user').selectAll().where('email', '=', email).executeTakeFirst();
  },
};

export const knownOrgUnitRepository = {
  async find(db: Db, id: string): Promise<KnownOrgUnitRow | undefined> {
    return db.selectFrom('known_org_unit').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async save(db: Db, row: KnownOrgUnitRow): Promise<boolean> {
    const current = await knownOrgUnitRepository.find(db, row.id);
    if (!current) await db.insertInto('known_org_unit').values(row).execute();
    else if (current.version <= row.version) await db.updateTable('known_org_unit').set(row).where('id', '=', row.id).execute();
    return !current || current.version <= row.version;
  },

  async findCity(db: Db, country: string, name: string): Promise<KnownOrgUnitRow | undefined> {
    return db
      .selectFrom('known_org_unit')
      .selectAll()
      .where('country', '=', country)
      .where('name', '=', name)
      .where('kind', '=', 'city')
      .executeTakeFirst();
  },

  async remove(db: Db, id: string): Promise<void> {
    await db.deleteFrom('known_org_unit').where('id', '=', id).execute();
  },
};
