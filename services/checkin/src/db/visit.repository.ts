import { forUpdate, type ResolvedScope, scopeFilter, updateVersioned } from '@fieldops/platform';
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { CheckinDb, VisitTable } from './schema';

export type VisitRow = Selectable<VisitTable>;
type Db = Kysely<CheckinDb> | Transaction<CheckinDb>;

const VISIT_SCOPE = {
  owner: 'visit.rep_id',
  orgUnit: 'visit.org_unit_id',
  area: 'visit.area_id',
  country: 'visit.country',
  agency: 'visit.agency_id',
};

const inScope = (scope: ResolvedScope) => scopeFilter(scope, VISIT_SCOPE);

export interface VisitFilters {
  repId?: string;
  /** Device time bounds [from, to). */
  from?: number;
  to?: number;
  targetType?: VisitRow['target_type'];
  targetId?: string;
  verification?: VisitRow['verification'];
  /** open: not checked out yet; closed: checked out. */
  state?: 'open' | 'closed';
}

const FIX_COLUMNS = ['lat', 'lng', 'accuracy_m', 'checked_in_at'] as const;

/**
 * A rep's fixes around a time, in one statement: the latest `before` up to `at`, and the first after it (a visit
 * replayed out of order has a neighbour on both sides). Each half reads the index `visit_rep_fixes` alone (its plan
 * is tested); the halves come back in no particular order.
 */
export function fixesAroundQuery(db: Db, repId: string, at: number, before: number) {
  const upTo = db
    .selectFrom('visit')
    .select(FIX_COLUMNS)
    .where('rep_id', '=', repId)
    .where('checked_in_at', '<=', at)
    .orderBy('checked_in_at', 'desc')
    .limit(before);
  const after = db
    .selectFrom('visit')
    .select(FIX_COLUMNS)
    .where('rep_id', '=', repId)
    .where('checked_in_at', '>', at)
    .orderBy('checked_in_at')
    .limit(1);
  return db
    .selectFrom(upTo.as('up_to'))
    .selectAll()
    .unionAll(db.selectFrom(after.as('after')).selectAll());
}

/** A position in device-time order: (checked_in_at, id). */
export type VisitKey = [number, string];

/** A previous fix of a rep, for the risk signals. */
export interface RepFix {
  lat: number;
  lng: number;
  accuracy_m: number;
  checked_in_at: number;
}

/** The visits in scope that match the filters: shared by a page of them and their count. */
function filtered(db: Db, scope: ResolvedScope, filters: VisitFilters) {
  let query = db.selectFrom('visit').where(inScope(scope));
  if (filters.repId) query = query.where('rep_id', '=', filters.repId);
  if (filters.from !== undefined) query = query.where('checked_in_at', '>=', filters.from);
  if (filters.to !== undefined) query = query.where('checked_in_at', '<', filters.to);
  if (filters.targetType) query = query.where('target_type', '=', filters.targetType);
  if (filters.targetId) query = query.where('target_id', '=', filters.targetId);
  if (filters.verification) query = query.where('verification', '=', filters.verification);
  if (filters.state) query = query.where('checked_out_at', filters.state === 'open' ? 'is' : 'is not', null);
  return query;
}

export const visitRepository = {
  /** Without a scope: for the service's own work (replays, consumers), never to answer a user. */
  async findById(db: Db, id: string, scope?: ResolvedScope): Promise<VisitRow | undefined> {
    const query = db.selectFrom('visit').selectAll().where('id', '=', id);
    return (scope ? query.where(inScope(scope)) : query).executeTakeFirst();
  },

  /** The row, locked until the transaction ends on MySQL (SQLite's write transactions are serialised anyway). */
  async lockById(trx: Transaction<CheckinDb>, dialect: 'sqlite' | 'mysql', id: string): Promise<VisitRow | undefined> {
    return forUpdate(trx.selectFrom('visit').selectAll().where('id', '=', id), dialect).executeTakeFirst();
  },

  /** One page in device-time order after `after`, `limit + 1` rows (the extra one tells another page exists). */
  async list(db: Db, scope: ResolvedScope, filters: VisitFilters, after: VisitKey | undefined, limit: number): Promise<VisitRow[]> {
    let query = filtered(db, scope, filters).selectAll();
    if (after) {
      const [at, id] = after;
      query = query.where((eb) => eb.or([eb('checked_in_at', '>', at), eb.and([eb('checked_in_at', '=', at), eb('id', '>', id)])]));
    }
    return query
      .orderBy('checked_in_at')
      .orderBy('id')
      .limit(limit + 1)
      .execute();
  },

  /** How many visits the filters match in the scope: the whole list, not a page of it. */
  async count(db: Db, scope: ResolvedScope, filters: VisitFilters): Promise<number> {
    const row = await filtered(db, scope, filters)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  /** Every visit in id order (export for read models). */
  async exportPage(db: Db, afterId: string, limit: number): Promise<VisitRow[]> {
    return db.selectFrom('visit').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
  },

  /** The rep's latest `before` fixes up to `at` (device time), newest first, and their first fix after it. */
  async fixesAround(db: Db, repId: string, at: number, before: number): Promise<{ upTo: RepFix[]; after: RepFix | undefined }> {
    const rows = (await fixesAroundQuery(db, repId, at, before).execute()).map((row) => ({
      lat: Number(row.lat),
      lng: Number(row.lng),
      accuracy_m: Number(row.accuracy_m),
      checked_in_at: Number(row.checked_in_at),
    }));
    return {
      upTo: rows.filter((fix) => fix.checked_in_at <= at).sort((a, b) => b.checked_in_at - a.checked_in_at),
      after: rows.find((fix) => fix.checked_in_at > at),
    };
  },

  async insert(db: Db, row: VisitRow): Promise<void> {
    await db.insertInto('visit').values(row).execute();
  },

  /** Optimistic update: answers false when the row's version is no longer `expectedVersion`. */
  async update(db: Db, id: string, expectedVersion: number, changes: Updateable<VisitTable>): Promise<boolean> {
    return updateVersioned(db, 'visit', id, expectedVersion, changes);
  },

  async insertPhotos(db: Db, visitId: string, photos: { id: string; sha256: string }[], at: number): Promise<void> {
    if (photos.length === 0) return;
    await db
      .insertInto('visit_photo')
      .values(photos.map((p) => ({ visit_id: visitId, photo_id: p.id, sha256: p.sha256, created_at: at })))
      .execute();
  },

  /**
   * For each photo hash, up to `perPhoto` other visits that carry the same bytes: one index seek each, however often a
   * photo was used (a photo sent with thousands of visits made every check-in read them all).
   */
  async visitsWithPhotos(db: Db, sha256s: string[], visitId: string, perPhoto: number): Promise<Map<string, string[]>> {
    const hashes = [...new Set(sha256s)];
    const visits = await Promise.all(
      hashes.map((sha256) =>
        db
          .selectFrom('visit_photo')
          .select('visit_id')
          .where('sha256', '=', sha256)
          .where('visit_id', '<>', visitId)
          .limit(perPhoto)
          .execute(),
      ),
    );
    const found = new Map<string, string[]>();
    hashes.forEach((sha256, i) => {
      const ids = (visits[i] ?? []).map((row) => row.visit_id);
      if (ids.length > 0) found.set(sha256, ids);
    });
    return found;
  },
};
