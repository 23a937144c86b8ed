import { type Dialect, insertIfAbsent, type ResolvedScope, scopeFilter } from '@fieldops/platform';
import { type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { BlobTable, FileDb, FileTable } from './schema';

type Db = Kysely<FileDb>;
export type FileRow = Selectable<FileTable>;
export type BlobRow = Selectable<BlobTable>;
/** A file with the metadata of its bytes. */
export type StoredFileRow = FileRow & Omit<BlobRow, 'sha256' | 'created_at'>;

/** The uploader's columns: whoever's scope covers the uploader may read the file. */
const UPLOADER_SCOPE = { owner: 'file.owner_id', orgUnit: 'file.org_unit_id', country: 'file.country', agency: 'file.agency_id' };
/** A linked record's columns: whoever may read the record may read its files. */
const RECORD_SCOPE = {
  owner: 'linked_record.owner_id',
  orgUnit: 'linked_record.org_unit_id',
  area: 'linked_record.area_id',
  country: 'linked_record.country',
  agency: 'linked_record.agency_id',
};

/** "A file is readable by whoever may read the record it belongs to", or its uploader's records. */
function readableBy(scope: ResolvedScope) {
  return (eb: ExpressionBuilder<FileDb, 'file'>): Expression<SqlBool> =>
    eb.or([
      scopeFilter(scope, UPLOADER_SCOPE),
      eb.exists(
        eb
          .selectFrom('file_link')
          .innerJoin('linked_record', (join) =>
            join
              .onRef('linked_record.record_type', '=', 'file_link.record_type')
              .onRef('linked_record.record_id', '=', 'file_link.record_id'),
          )
          .select(sql<number>`1`.as('one'))
          .whereRef('file_link.file_id', '=', 'file.id')
          .where(scopeFilter(scope, RECORD_SCOPE)),
      ),
    ]);
}

function withBlob(db: Db) {
  return db
    .selectFrom('file')
    .innerJoin('blob', 'blob.sha256', 'file.sha256')
    .selectAll('file')
    .select([
      'blob.size',
      'blob.mime_type',
      'blob.width',
      'blob.height',
      'blob.taken_at',
      'blob.gps_lat',
      'blob.gps_lng',
      'blob.thumbnail_key',
    ]);
}

export const fileRepository = {
  async findById(db: Db, id: string, scope: ResolvedScope): Promise<StoredFileRow | undefined> {
    return withBlob(db).where('file.id', '=', id).where(readableBy(scope)).executeTakeFirst();
  },

  async findMany(db: Db, ids: string[], scope: ResolvedScope): Promise<StoredFileRow[]> {
    if (ids.length === 0) return [];
    return withBlob(db).where('file.id', 'in', ids).where(readableBy(scope)).orderBy('file.id').execute();
  },

  /** Files holding the bytes with this hash, oldest first. */
  async findBySha256(db: Db, sha256: string, scope: ResolvedScope, limit: number): Promise<StoredFileRow[]> {
    return withBlob(db)
      .where('file.sha256', '=', sha256)
      .where(readableBy(scope))
      .orderBy('file.created_at')
      .orderBy('file.id')
      .limit(limit)
      .execute();
  },

  /** One page by id after `after`, `limit + 1` rows (the extra one tells another page exists). */
  async list(db: Db, scope: ResolvedScope, after: string | undefined, limit: number): Promise<StoredFileRow[]> {
    let query = withBlob(db).where(readableBy(scope));
    if (after) query = query.where('file.id', '>', after);
    return query
      .orderBy('file.id')
      .limit(limit + 1)
      .execute();
  },

  async insert(db: Db, row: FileRow): Promise<void> {
    await db.insertInto('file').values(row).execute();
  },

  async findBlob(db: Db, sha256: string): Promise<BlobRow | undefined> {
    return db.selectFrom('blob').selectAll().where('sha256', '=', sha256).executeTakeFirst();
  },

  /** The first upload of some bytes records them; later uploads of the same bytes find them recorded. */
  async insertBlobIfAbsent(db: Db, dialect: Dialect, row: BlobRow): Promise<void> {
    await insertIfAbsent(db, dialect, 'blob', row);
  },

  /** Blobs in hash order after `after`: the backfill's walk. */
  async blobsAfter(db: Db, after: string, limit: number): Promise<BlobRow[]> {
    return db.selectFrom('blob').selectAll().where('sha256', '>', after).orderBy('sha256').limit(limit).execute();
  },

  async countBlobsAfter(db: Db, after: string): Promise<number> {
    const row = await db
      .selectFrom('blob')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('sha256', '>', after)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },
};
