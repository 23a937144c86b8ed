import type { Kysely, Selectable } from 'kysely';
import type { AreaDb, GeometryPreviewTable } from './schema';

type Db = Kysely<AreaDb>;
export type PreviewRow = Selectable<GeometryPreviewTable>;

export const previewRepository = {
  async insert(db: Db, row: PreviewRow): Promise<void> {
    await db.insertInto('geometry_preview').values(row).execute();
  },

  async find(db: Db, id: string): Promise<PreviewRow | undefined> {
    return db.selectFrom('geometry_preview').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async remove(db: Db, id: string): Promise<void> {
    await db.deleteFrom('geometry_preview').where('id', '=', id).execute();
  },

  async removeExpired(db: Db, now: number): Promise<number> {
    const result = await db.deleteFrom('geometry_preview').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
