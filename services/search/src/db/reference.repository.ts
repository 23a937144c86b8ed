import { type Dialect, forUpdate, insertIfAbsent, upsert } from '@fieldops/platform';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { SearchAreaTable, SearchDb, SearchTicketMerchantTable, SearchUserTable } from './schema';

type Db = Kysely<SearchDb> | Transaction<SearchDb>;
export type UserRow = Selectable<SearchUserTable>;
export type AreaRow = Selectable<SearchAreaTable>;
export type TicketMerchantRow = Selectable<SearchTicketMerchantTable>;

/** Users and areas as their services published them (newest version wins), and merchants' last verified visits. */
export const referenceRepository = {
  async putUser(db: Db, dialect: Dialect, user: UserRow): Promise<boolean> {
    const stored = await db.selectFrom('search_user').select('version').where('id', '=', user.id).executeTakeFirst();
    if (stored && stored.version >= user.version) return false;
    const { id, ...rest } = user;
    await upsert(db, dialect, 'search_user', user, ['id'], rest);
    return true;
  },

  user(db: Db, id: string | null): Promise<UserRow | undefined> {
    if (id === null) return Promise.resolve(undefined);
    return db.selectFrom('search_user').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async usersById(db: Db, ids: string[]): Promise<Map<string, UserRow>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('search_user').selectAll().where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r]));
  },

  async putArea(db: Db, dialect: Dialect, area: AreaRow): Promise<boolean> {
    const stored = await db.selectFrom('search_area').select('version').where('id', '=', area.id).executeTakeFirst();
    if (stored && stored.version >= area.version) return false;
    const { id, ...rest } = area;
    await upsert(db, dialect, 'search_area', area, ['id'], rest);
    return true;
  },

  async allAreas(db: Db): Promise<AreaRow[]> {
    return db.selectFrom('search_area').selectAll().execute();
  },

  /**
   * A merchant's last verified visit (0: none yet), read under a lock on its row, made when absent. The merchant's
   * document and its visits' times are written by two consumers at once: the lock orders them, so whichever commits
   * second reads what the first wrote (on MariaDB; SQLite runs one transaction at a time anyway). Call it inside a
   * transaction.
   */
  async lockLastVerifiedVisit(db: Db, dialect: Dialect, merchantId: string): Promise<number> {
    await insertIfAbsent(db, dialect, 'search_merchant_visit', { merchant_id: merchantId, last_verified_at: 0 });
    const query = db.selectFrom('search_merchant_visit').select('last_verified_at').where('merchant_id', '=', merchantId);
    const row = await forUpdate(query, dialect).executeTakeFirstOrThrow();
    return Number(row.last_verified_at);
  },

  /** Moves the merchant's last verified visit to `at` when later; answers the latest. Call it inside a transaction. */
  async recordVerifiedVisit(db: Db, dialect: Dialect, merchantId: string, at: number): Promise<number> {
    const stored = await referenceRepository.lockLastVerifiedVisit(db, dialect, merchantId);
    if (at <= stored) return stored;
    await db.updateTable('search_merchant_visit').set({ last_verified_at: at }).where('merchant_id', '=', merchantId).execute();
    return at;
  },

  async lastVerifiedVisits(db: Db, merchantIds: string[]): Promise<Map<string, number>> {
    if (merchantIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('search_merchant_visit')
      .selectAll()
      .where('merchant_id', 'in', merchantIds)
      .where('last_verified_at', '>', 0)
      .execute();
    return new Map(rows.map((r) => [r.merchant_id, Number(r.last_verified_at)]));
  },

  /**
   * Records a ticket's merchant and whether it is open, unless a newer version is stored; answers the merchants whose
   * open-ticket flag may have changed (the ticket's merchant, and the one it was about before). Inside a transaction.
   */
  async putTicketMerchant(db: Db, dialect: Dialect, row: TicketMerchantRow): Promise<string[]> {
    const stored = await db.selectFrom('search_ticket_merchant').selectAll().where('ticket_id', '=', row.ticket_id).executeTakeFirst();
    if (stored && stored.version >= row.version) return [];
    const merchants = [...new Set([stored?.merchant_id ?? null, row.merchant_id])].filter((id): id is string => id !== null).sort();
    // Two tickets of one merchant may change at once: each locks the merchant's row first (in id order), so the one
    // that counts second sees what the first wrote.
    for (const id of merchants) await referenceRepository.lockLastVerifiedVisit(db, dialect, id);
    const { ticket_id, ...rest } = row;
    await upsert(db, dialect, 'search_ticket_merchant', row, ['ticket_id'], rest);
    return merchants;
  },

  /** The merchants among `merchantIds` with at least one open ticket; `locking` reads the latest committed rows. */
  async withOpenTickets(db: Db, dialect: Dialect, merchantIds: string[], locking = false): Promise<Set<string>> {
    if (merchantIds.length === 0) return new Set();
    const query = db
      .selectFrom('search_ticket_merchant')
      .select('merchant_id')
      .where('merchant_id', 'in', merchantIds)
      .where('open', '=', 1);
    const rows = await (locking ? forUpdate(query, dialect) : query).execute();
    return new Set(rows.flatMap((r) => (r.merchant_id === null ? [] : [r.merchant_id])));
  },
};
