import type { Kysely, Selectable } from 'kysely';
import type { BlobBackfillTable, FileDb } from './schema';

type Db = Kysely<FileDb>;
export type BackfillCheckpoint = Selectable<BlobBackfillTable>;

export const backfillRepository = {
  async find(db: Db, target: string): Promise<BackfillCheckpoint | undefined> {
    return db.selectFrom('blob_backfill').selectAll().where('target', '=', target).executeTakeFirst();
  },

  /** Starts a pass over every blob (a first run, or a run after a finished one). */
  async restart(db: Db, target: string, at: number): Promise<void> {
    await db.deleteFrom('blob_backfill').where('target', '=', target).execute();
    await db.insertInto('blob_backfill').values({ target, after_sha256: '', completed_at: null, updated_at: at }).execute();
  },

  async advance(db: Db, target: string, afterSha256: string, at: number): Promise<void> {
    await db.updateTable('blob_backfill').set({ after_sha256: afterSha256, updated_at: at }).where('target', '=', target).execute();
  },

  async finish(db: Db, target: string, at: number): Promise<void> {
    await db.updateTable('blob_backfill').set({ completed_at: at, updated_at: at }).where('target', '=', target).execute();
  },
};
