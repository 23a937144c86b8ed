import type { Kysely, Selectable } from 'kysely';
import type { FileDb, FileUploadTable } from './schema';

type Db = Kysely<FileDb>;
export type UploadRow = Selectable<FileUploadTable>;

export const uploadRepository = {
  async insert(db: Db, row: UploadRow): Promise<void> {
    await db.insertInto('file_upload').values(row).execute();
  },

  /** The caller's own upload: nobody else completes it or learns it exists. */
  async findOwn(db: Db, id: string, ownerId: string): Promise<UploadRow | undefined> {
    return db.selectFrom('file_upload').selectAll().where('id', '=', id).where('owner_id', '=', ownerId).executeTakeFirst();
  },

  /** Marks a pending upload completed; false when another request completed it first. */
  async complete(db: Db, id: string, at: number): Promise<boolean> {
    const result = await db
      .updateTable('file_upload')
      .set((eb) => ({ status: 'completed', updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  async pendingExpiredBefore(db: Db, before: number, limit: number): Promise<UploadRow[]> {
    return db
      .selectFrom('file_upload')
      .selectAll()
      .where('status', '=', 'pending')
      .where('expires_at', '<', before)
      .orderBy('expires_at')
      .limit(limit)
      .execute();
  },

  /** Only while still pending: an upload completed meanwhile stays. */
  async deletePending(db: Db, id: string): Promise<void> {
    await db.deleteFrom('file_upload').where('id', '=', id).where('status', '=', 'pending').execute();
  },
};
