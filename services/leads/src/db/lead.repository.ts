import { boxAround, CircleCover, COARSE_RESOLUTION, type LatLng, type LatLngBox, placeCells } from '@fieldops/geo';
import type { ResolvedScope } from '@fieldops/platform';
import { type Kysely, type Selectable, sql, type Transaction, type Updateable } from 'kysely';
import { publicPoolOf, visibleTo } from './lead-visibility';
import type { LeadsDb, LeadTable } from './schema';

export type LeadRow = Selectable<LeadTable>;
type Db = Kysely<LeadsDb> | Transaction<LeadsDb>;
export type LeadChanges = Omit<Updateable<LeadTable>, 'id' | 'version' | 'created_at'>;

/** The most candidates one duplicate check reads of each kind (nearby, same phone). */
const NEAR_LIMIT = 200;

/**
 * The order of distance from a point, as an SQL expression both engines compute: squared degrees with longitude scaled
 * to the point's latitude (an equirectangular approximation, exact enough to rank neighbours within a few hundred metres).
 */
function squaredDegreesFrom({ lat, lng }: LatLng) {
  const lngScale = Math.cos((lat * Math.PI) / 180) ** 2;
  return sql<number>`(lat - ${lat}) * (lat - ${lat}) + (lng - ${lng}) * (lng - ${lng}) * ${lngScale}`;
}

/**
 * A coordinate compared as a plain value, never through an index (`+lat`: a unary plus, which both engines read as the
 * column itself): the box trims what the H3 cells found. Without statistics SQLite took the (country, lat) index for
 * the box's latitude range, reading every lead of the country in a band across it (~0.4 ms a check) instead of
 * the few in the cells.
 */
const coordinate = (column: 'lat' | 'lng') => sql<number>`+${sql.ref(column)}`;

const toNumber = (v: number | null): number | null => (v === null ? null : Number(v));

/** MySQL drivers may hand BIGINTs back as strings: every row leaves the repository with numbers. */
function normalise(row: LeadRow): LeadRow {
  return {
    ...row,
    lat: Number(row.lat),
    lng: Number(row.lng),
    protected_until: toNumber(row.protected_until),
    claimed_at: toNumber(row.claimed_at),
    warned_for: toNumber(row.warned_for),
    next_follow_up_at: toNumber(row.next_follow_up_at),
    version: Number(row.version),
    created_at: Number(row.created_at),
    updated_at: Number(row.updated_at),
  };
}

/** The indexed H3 cell columns of a WGS-84 point, which every lead row carries. */
export function h3Columns(point: LatLng): Pick<LeadRow, 'h3_r7' | 'h3_r9'> {
  const cells = placeCells(point);
  return { h3_r7: cells.r7, h3_r9: cells.r9 };
}

export interface ListFilter {
  pool: 'mine' | 'public' | undefined;
  userId: string;
  after: string | undefined;
  limit: number;
  /** Only this country's leads; with the scope filter beside it, a country outside the scope finds none. */
  country?: string;
}

export interface NearbyQuery {
  country: string;
  lat: number;
  lng: number;
  radiusM: number;
  phone: string | null;
}

/**
 * What a duplicate check judges a lead near the point captured by. In a dense street it reads a couple of hundred
 * leads and keeps a few of them: who holds a lead is read for those it keeps (`holders`).
 */
const NEAR_LEAD_COLUMNS = ['id', 'name', 'phone', 'lat', 'lng'] as const;
export type NearLead = Pick<LeadRow, (typeof NEAR_LEAD_COLUMNS)[number]>;
export type LeadHolder = Pick<LeadRow, 'id' | 'pool' | 'owner_id'>;

export interface LeadLocation {
  id: string;
  lat: number;
  lng: number;
  area_id: string | null;
}

export const leadRepository = {
  /** Leads within a box (any country), by id after `after`: what an area change may move. */
  async locationsInBox(db: Db, box: LatLngBox, after: string | undefined, limit: number): Promise<LeadLocation[]> {
    let query = db
      .selectFrom('lead')
      .select(['id', 'lat', 'lng', 'area_id'])
      .where('lat', '>=', box.minLat)
      .where('lat', '<=', box.maxLat)
      .where('lng', '>=', box.minLng)
      .where('lng', '<=', box.maxLng)
      .orderBy('id')
      .limit(limit);
    if (after !== undefined) query = query.where('id', '>', after);
    return (await query.execute()).map((r) => ({ ...r, lat: Number(r.lat), lng: Number(r.lng) }));
  },

  /** The locations of the leads a scope sees inside a box, by id after `after`: what an area change would move. */
  async visibleLocationsInBox(db: Db, box: LatLngBox, scope: ResolvedScope, after: string, limit: number): Promise<LeadLocation[]> {
    let query = db
      .selectFrom('lead')
      .select(['id', 'lat', 'lng', 'area_id'])
      .where('lat', '>=', box.minLat)
      .where('lat', '<=', box.maxLat)
      .where('lng', '>=', box.minLng)
      .where('lng', '<=', box.maxLng)
      .where(visibleTo(scope))
      .orderBy('id')
      .limit(limit);
    if (after !== '') query = query.where('id', '>', after);
    return (await query.execute()).map((r) => ({ ...r, lat: Number(r.lat), lng: Number(r.lng) }));
  },

  /**
   * Sets leads' areas, each only while the lead is still at the point its area was resolved for; answers how many
   * changed. Derived data, so the version (the owners' optimistic lock) is left alone.
   */
  async setAreas(db: Db, changes: { leadId: string; areaId: string | null; at: LatLng }[], now: number): Promise<number> {
    let changed = 0;
    for (const { leadId, areaId, at } of changes) {
      const result = await db
        .updateTable('lead')
        .set({ area_id: areaId, updated_at: now })
        .where('id', '=', leadId)
        .where('lat', '=', at.lat)
        .where('lng', '=', at.lng)
        .executeTakeFirst();
      changed += Number(result.numUpdatedRows);
    }
    return changed;
  },

  async insert(db: Db, row: LeadRow): Promise<void> {
    await db.insertInto('lead').values(row).execute();
  },

  /** Many new leads, a hundred per statement (well under every engine's parameter limit). */
  async insertMany(db: Db, rows: LeadRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 100) {
      await db
        .insertInto('lead')
        .values(rows.slice(start, start + 100))
        .execute();
    }
  },

  async byId(db: Db, id: string): Promise<LeadRow | undefined> {
    const row = await db.selectFrom('lead').selectAll().where('id', '=', id).executeTakeFirst();
    return row && normalise(row);
  },

  /** A lead the scope may see, or undefined (the API's 404). */
  async visible(db: Db, id: string, scope: ResolvedScope): Promise<LeadRow | undefined> {
    const row = await db.selectFrom('lead').selectAll().where('id', '=', id).where(visibleTo(scope)).executeTakeFirst();
    return row && normalise(row);
  },

  /** The leads among `ids` the scope may see (missing or hidden ones are simply absent). */
  async visibleMany(db: Db, ids: string[], scope: ResolvedScope): Promise<LeadRow[]> {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom('lead').selectAll().where('id', 'in', ids).where(visibleTo(scope)).orderBy('id').execute();
    return rows.map(normalise);
  },

  /** Every lead in id order after `after` (all countries, no scope): the export that rebuilds read models. */
  async page(db: Db, after: string, limit: number): Promise<LeadRow[]> {
    let query = db.selectFrom('lead').selectAll().orderBy('id').limit(limit);
    if (after !== '') query = query.where('id', '>', after);
    return (await query.execute()).map(normalise);
  },

  /** Whether a lead within the caller's pool reach was claimed since `since`: a claim race the caller just lost. */
  async takenSince(db: Db, id: string, scope: ResolvedScope, since: number): Promise<boolean> {
    const row = await db
      .selectFrom('lead')
      .select('id')
      .where('id', '=', id)
      .where('claimed_at', '>=', since)
      .where(publicPoolOf(scope, { anyOwner: true }))
      .executeTakeFirst();
    return row !== undefined;
  },

  async list(db: Db, scope: ResolvedScope, filter: ListFilter): Promise<LeadRow[]> {
    let query = db
      .selectFrom('lead')
      .selectAll()
      .orderBy('id')
      .limit(filter.limit + 1);
    if (filter.pool === 'mine') query = query.where('owner_id', '=', filter.userId);
    else if (filter.pool === 'public') query = query.where(publicPoolOf(scope));
    else query = query.where(visibleTo(scope));
    if (filter.after !== undefined) query = query.where('id', '>', filter.after);
    if (filter.country !== undefined) query = query.where('country', '=', filter.country);
    return (await query.execute()).map(normalise);
  },

  /**
   * Leads of a country in the H3 cells covering a circle around a point and inside the box around it. The box keeps
   * the cells' far corners out, so the limit counts leads that may be near; nearest first, so in a street of more than
   * the limit it is the farthest that are left out, never a twin next door.
   */
  nearQuery(db: Db, q: NearbyQuery) {
    const centre = { lat: q.lat, lng: q.lng };
    const { resolution, cells } = new CircleCover(centre, q.radiusM).next(q.radiusM);
    let query = db
      .selectFrom('lead')
      .select(NEAR_LEAD_COLUMNS)
      .where(resolution === COARSE_RESOLUTION ? 'h3_r7' : 'h3_r9', 'in', cells)
      .where('country', '=', q.country);
    // No box at a pole; across the antimeridian only the latitude narrows it.
    const box = boxAround(centre, q.radiusM);
    if (box) query = query.where(coordinate('lat'), '>=', box.minLat).where(coordinate('lat'), '<=', box.maxLat);
    if (box && box.minLng <= box.maxLng) {
      query = query.where(coordinate('lng'), '>=', box.minLng).where(coordinate('lng'), '<=', box.maxLng);
    }
    return query.orderBy(squaredDegreesFrom(centre)).limit(NEAR_LIMIT);
  },

  /**
   * The dedup candidates: `nearQuery`'s leads and those with the same phone (the caller measures exact distances).
   * Two indexed lookups instead of one OR, which no engine plans well.
   */
  async near(db: Db, q: NearbyQuery): Promise<NearLead[]> {
    const rows = await leadRepository.nearQuery(db, q).execute();
    if (q.phone !== null) {
      const seen = new Set(rows.map((r) => r.id));
      const samePhone = await db
        .selectFrom('lead')
        .select(NEAR_LEAD_COLUMNS)
        .where('phone', '=', q.phone)
        .where('country', '=', q.country)
        .limit(NEAR_LIMIT)
        .execute();
      for (const row of samePhone) if (!seen.has(row.id)) rows.push(row);
    }
    return rows.map((row) => ({ ...row, lat: Number(row.lat), lng: Number(row.lng) }));
  },

  /** The pool and holder of the leads named (those a duplicate check kept). */
  async holders(db: Db, ids: string[]): Promise<LeadHolder[]> {
    if (ids.length === 0) return [];
    return db.selectFrom('lead').select(['id', 'pool', 'owner_id']).where('id', 'in', ids).execute();
  },

  /**
   * The optimistic write of every change: applies only if the row still has `expectedVersion` (and, for a claim,
   * is still unowned). False when someone else changed it first.
   */
  async update(db: Db, id: string, expectedVersion: number, changes: LeadChanges, options: { unowned?: boolean } = {}): Promise<boolean> {
    let query = db
      .updateTable('lead')
      .set({ ...changes, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion);
    if (options.unowned) query = query.where('owner_id', 'is', null);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Held leads whose protection ended by `now`. */
  async expired(db: Db, now: number, limit: number): Promise<LeadRow[]> {
    const rows = await db
      .selectFrom('lead')
      .selectAll()
      .where('owner_id', 'is not', null)
      .where('protected_until', '<=', now)
      .where('stage', '<>', 'converted')
      .orderBy('protected_until')
      .limit(limit)
      .execute();
    return rows.map(normalise);
  },

  /** Held leads whose protection ends within `horizonMs` and whose warning for this period is not sent. */
  async expiringUnwarned(db: Db, now: number, horizonMs: number, limit: number): Promise<LeadRow[]> {
    const rows = await db
      .selectFrom('lead')
      .selectAll()
      .where('owner_id', 'is not', null)
      .where('protected_until', '>', now)
      .where('protected_until', '<=', now + horizonMs)
      .where('stage', '<>', 'converted')
      .where((eb) => eb.or([eb('warned_for', 'is', null), eb('warned_for', '<>', eb.ref('protected_until'))]))
      .orderBy('protected_until')
      .limit(limit)
      .execute();
    return rows.map(normalise);
  },
};
