import type { Kysely, Selectable } from 'kysely';
import type { FileDb, LinkedRecordTable } from './schema';

type Db = Kysely<FileDb>;
export type LinkedRecordRow = Selectable<LinkedRecordTable>;
export type RecordScope = Pick<LinkedRecordRow, 'owner_id' | 'org_unit_id' | 'area_id' | 'agency_id' | 'country'>;

export const linkRepository = {
  async findRecord(db: Db, recordType: string, recordId: string): Promise<LinkedRecordRow | undefined> {
    return db
      .selectFrom('linked_record')
      .selectAll()
      .where('record_type', '=', recordType)
      .where('record_id', '=', recordId)
      .executeTakeFirst();
  },

  async insertRecord(db: Db, row: LinkedRecordRow): Promise<void> {
    await db.insertInto('linked_record').values(row).execute();
  },

  async setScope(db: Db, recordType: string, recordId: string, scope: RecordScope, version: number, at: number): Promise<void> {
    await db
      .updateTable('linked_record')
      .set({ ...scope, scope_version: version, updated_at: at })
      .where('record_type', '=', recordType)
      .where('record_id', '=', recordId)
      .execute();
  },

  /**
   * Replaces the record's files with `fileIds`, writing only the links that change. On MariaDB a delete that matches
   * no row locks the gap where it would be, and a new record's rows all go in one gap (ids grow with time): two
   * consumer transactions each deleting before inserting deadlocked there.
   */
  async setLinks(db: Db, recordType: string, recordId: string, fileIds: string[], version: number, at: number): Promise<void> {
    const wanted = new Set(fileIds);
    const current = await db
      .selectFrom('file_link')
      .select('file_id')
      .where('record_type', '=', recordType)
      .where('record_id', '=', recordId)
      .execute();
    const held = new Set(current.map((link) => link.file_id));
    const gone = [...held].filter((fileId) => !wanted.has(fileId));
    const added = [...wanted].filter((fileId) => !held.has(fileId));
    if (gone.length > 0) {
      await db
        .deleteFrom('file_link')
        .where('record_type', '=', recordType)
        .where('record_id', '=', recordId)
        .where('file_id', 'in', gone)
        .execute();
    }
    if (added.length > 0) {
      await db
        .insertInto('file_link')
        .values(added.map((fileId) => ({ record_type: recordType, record_id: recordId, file_id: fileId })))
        .execute();
    }
    await db
      .updateTable('linked_record')
      .set({ links_version: version, updated_at: at })
      .where('record_type', '=', recordType)
      .where('record_id', '=', recordId)
      .execute();
  },
};
