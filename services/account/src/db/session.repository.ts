import type { Kysely, Selectable } from 'kysely';
import type { AccountDb, RefreshTokenTable, SigningKeyTable } from './schema';

type Db = Kysely<AccountDb>;
export type RefreshTokenRow = Selectable<RefreshTokenTable>;

export const refreshTokenRepository = {
  async insert(db: Db, row: RefreshTokenRow): Promise<void> {
    await db.insertInto('refresh_token').values(row).execute();
  },

  async findById(db: Db, id: string): Promise<RefreshTokenRow | undefined> {
    return db.selectFrom('refresh_token').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Marks a token used; answers false when another request rotated it first (a race or a replay). */
  async rotate(db: Db, id: string, replacedBy: string, at: number): Promise<boolean> {
    const result = await db
      .updateTable('refresh_token')
      .set({ revoked_at: at, replaced_by: replacedBy })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async revokeFamily(db: Db, familyId: string, at: number): Promise<void> {
    await db
      .updateTable('refresh_token')
      .set({ revoked_at: at })
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .execute();
  },

  async revokeAllOfUser(db: Db, userId: string, at: number): Promise<void> {
    await db.updateTable('refresh_token').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  },
};

export const signingKeyRepository = {
  async active(db: Db): Promise<Selectable<SigningKeyTable> | undefined> {
    return db.selectFrom('signing_key').selectAll().where('retired_at', 'is', null).orderBy('created_at', 'desc').executeTakeFirst();
  },

  /** Keys that may still have live tokens: the active one and those retired recently. */
  async verifiable(db: Db, retiredAfter: number): Promise<Selectable<SigningKeyTable>[]> {
    return db
      .selectFrom('signing_key')
      .selectAll()
      .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', retiredAfter)]))
      .execute();
  },

  async insert(db: Db, row: Selectable<SigningKeyTable>): Promise<void> {
    await db.insertInto('signing_key').values(row).execute();
  },
};
