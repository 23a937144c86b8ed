import type { LatLng, LatLngBox } from '@fieldops/geo';
import { type ResolvedScope, scopeFilter, updateVersioned } from '@fieldops/platform';
import type { Kysely, Selectable, SelectQueryBuilder, Updateable } from 'kysely';
import type { MerchantDb, MerchantOwnerChangeTable, MerchantTable, MerchantTransitionTable } from './schema';

export type MerchantRow = Selectable<MerchantTable>;
type Db = Kysely<MerchantDb>;

const MERCHANT_SCOPE = {
  owner: 'merchant.owner_id',
  orgUnit: 'merchant.org_unit_id',
  area: 'merchant.area_id',
  country: 'merchant.country',
  agency: 'merchant.agency_id',
};

const inScope = (scope: ResolvedScope) => scopeFilter(scope, MERCHANT_SCOPE);

function withinBox<O>(query: SelectQueryBuilder<MerchantDb, 'merchant', O>, box: LatLngBox) {
  const inLatitude = query.where('lat', '>=', box.minLat).where('lat', '<=', box.maxLat);
  return box.minLng <= box.maxLng
    ? inLatitude.where('lng', '>=', box.minLng).where('lng', '<=', box.maxLng)
    : inLatitude.where((eb) => eb.or([eb('lng', '>=', box.minLng), eb('lng', '<=', box.maxLng)]));
}

export interface MerchantFilters {
  status?: MerchantRow['status'];
  ownerId?: string;
}

export interface NearbyFilters {
  status?: MerchantRow['status'];
  /** Only this country's merchants; with the scope filter beside it, a country outside the scope finds none. */
  country?: string;
}

export const merchantRepository = {
  /** Without a scope: for the service's own work (consumers), never for a user's request. */
  async findById(db: Db, id: string, scope?: ResolvedScope): Promise<MerchantRow | undefined> {
    const query = db.selectFrom('merchant').selectAll().where('id', '=', id);
    return (scope ? query.where(inScope(scope)) : query).executeTakeFirst();
  },

  async findMany(db: Db, ids: string[], scope: ResolvedScope): Promise<MerchantRow[]> {
    if (ids.length === 0) return [];
    return db.selectFrom('merchant').selectAll().where('id', 'in', ids).where(inScope(scope)).execute();
  },

  /** Every merchant of the country with this business id (no scope): the duplicate check's candidates. */
  async withBusinessId(db: Db, country: string, businessId: string): Promise<MerchantRow[]> {
    return db.selectFrom('merchant').selectAll().where('country', '=', country).where('business_id', '=', businessId).execute();
  },

  async findByLeadId(db: Db, leadId: string): Promise<MerchantRow | undefined> {
    return db.selectFrom('merchant').selectAll().where('lead_id', '=', leadId).executeTakeFirst();
  },

  /** One page by id after `after`, `limit + 1` rows (the extra one tells another page exists). */
  async list(db: Db, scope: ResolvedScope, filters: MerchantFilters, after: string | undefined, limit: number): Promise<MerchantRow[]> {
    let query = db.selectFrom('merchant').selectAll().where(inScope(scope));
    if (filters.status) query = query.where('status', '=', filters.status);
    if (filters.ownerId) query = query.where('owner_id', '=', filters.ownerId);
    if (after) query = query.where('id', '>', after);
    return query
      .orderBy('id')
      .limit(limit + 1)
      .execute();
  },

  /** Every merchant in id order after `after` (no scope): the export that rebuilds read models. */
  async page(db: Db, after: string, limit: number): Promise<MerchantRow[]> {
    let query = db.selectFrom('merchant').selectAll().orderBy('id').limit(limit);
    if (after !== '') query = query.where('id', '>', after);
    return query.execute();
  },

  /** Merchants inside a box (the prefilter of a nearby search); a box crossing the antimeridian has minLng > maxLng. */
  async inBox(db: Db, box: LatLngBox, scope: ResolvedScope | undefined, filters: NearbyFilters): Promise<MerchantRow[]> {
    let query = withinBox(db.selectFrom('merchant').selectAll(), box);
    if (scope) query = query.where(inScope(scope));
    if (filters.status) query = query.where('status', '=', filters.status);
    if (filters.country) query = query.where('country', '=', filters.country);
    return query.execute();
  },

  /** Every merchant inside a box, by id after `after`: what an area change may move. */
  async inBoxPage(db: Db, box: LatLngBox, after: string | undefined, limit: number): Promise<MerchantRow[]> {
    let query = withinBox(db.selectFrom('merchant').selectAll(), box).orderBy('id').limit(limit);
    if (after !== undefined) query = query.where('id', '>', after);
    return query.execute();
  },

  /** The locations of the merchants a scope sees inside a box, by id after `after`: what an area change would move. */
  async locationsInBox(db: Db, box: LatLngBox, scope: ResolvedScope, after: string, limit: number) {
    let query = withinBox(db.selectFrom('merchant').select(['id', 'lat', 'lng', 'area_id']), box)
      .where(inScope(scope))
      .orderBy('id')
      .limit(limit);
    if (after !== '') query = query.where('id', '>', after);
    return (await query.execute()).map((r) => ({ ...r, lat: Number(r.lat), lng: Number(r.lng) }));
  },

  async insert(db: Db, row: MerchantRow): Promise<void> {
    await db.insertInto('merchant').values(row).execute();
  },

  /** Optimistic update: answers false when the row's version is no longer `expectedVersion`. */
  async update(db: Db, id: string, expectedVersion: number, changes: Updateable<MerchantTable>): Promise<boolean> {
    return updateVersioned(db, 'merchant', id, expectedVersion, changes);
  },

  /**
   * Sets the area only while the merchant is still at the point it was resolved for; answers whether it did. Derived
   * from the point and another service's polygons: not a versioned change (no 412 for a pending edit).
   */
  async setArea(db: Db, id: string, areaId: string | null, resolvedAt: LatLng, now: number): Promise<boolean> {
    const result = await db
      .updateTable('merchant')
      .set({ area_id: areaId, updated_at: now })
      .where('id', '=', id)
      .where('lat', '=', resolvedAt.lat)
      .where('lng', '=', resolvedAt.lng)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  async insertTransition(db: Db, row: Selectable<MerchantTransitionTable>): Promise<void> {
    await db.insertInto('merchant_transition').values(row).execute();
  },

  async insertOwnerChange(db: Db, row: Selectable<MerchantOwnerChangeTable>): Promise<void> {
    await db.insertInto('merchant_owner_change').values(row).execute();
  },

  /** The status changes of many merchants, oldest first per merchant (an export page's). */
  async transitionsOfMany(db: Db, merchantIds: string[]): Promise<Selectable<MerchantTransitionTable>[]> {
    if (merchantIds.length === 0) return [];
    return db
      .selectFrom('merchant_transition')
      .selectAll()
      .where('merchant_id', 'in', merchantIds)
      .orderBy('merchant_id')
      .orderBy('at')
      .orderBy('id')
      .execute();
  },

  async transitionsOf(db: Db, merchantId: string): Promise<Selectable<MerchantTransitionTable>[]> {
    return db.selectFrom('merchant_transition').selectAll().where('merchant_id', '=', merchantId).orderBy('at').orderBy('id').execute();
  },
};
