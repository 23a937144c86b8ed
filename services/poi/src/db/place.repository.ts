import type { IndexResolution, LatLng, LatLngBox } from '@fieldops/geo';
import { type Dialect, forUpdate, updateVersioned } from '@fieldops/platform';
import type { ExpressionBuilder, Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { PlaceScope } from '../domain/place-scope';
import type { PlaceTable, PoiDb } from './schema';

export type PlaceRow = Selectable<PlaceTable>;
type Db = Kysely<PoiDb>;

export interface PlaceLocation {
  id: string;
  lat: number;
  lng: number;
}

export type BoundingBox = LatLngBox;

/** The boxes a read of cells keeps to: inside `within`, outside `readBefore`. */
export interface CellBoxes {
  within?: BoundingBox;
  readBefore?: BoundingBox;
}

function withinBox<O>(query: SelectQueryBuilder<PoiDb, 'place', O>, box: BoundingBox) {
  return query.where((eb) => boxCondition(eb, box));
}

/** Whether a place lies in the box; a box whose west edge is east of its east edge crosses the antimeridian. */
function boxCondition(eb: ExpressionBuilder<PoiDb, 'place'>, box: BoundingBox) {
  const inLng =
    box.minLng <= box.maxLng
      ? eb.and([eb('lng', '>=', box.minLng), eb('lng', '<=', box.maxLng)])
      : eb.or([eb('lng', '>=', box.minLng), eb('lng', '<=', box.maxLng)]);
  return eb.and([eb('lat', '>=', box.minLat), eb('lat', '<=', box.maxLat), inLng]);
}

// IN lists stay well below every engine's limit on bound parameters.
const CELLS_PER_QUERY = 500;

function inScope<O>(query: SelectQueryBuilder<PoiDb, 'place', O>, scope: PlaceScope) {
  return scope.country === null ? query : query.where('country', '=', scope.country);
}

export const placeRepository = {
  async findById(db: Db, id: string, scope?: PlaceScope): Promise<PlaceRow | undefined> {
    const query = db.selectFrom('place').selectAll().where('id', '=', id);
    return (scope ? inScope(query, scope) : query).executeTakeFirst();
  },

  async findMany(db: Db, ids: string[], scope: PlaceScope): Promise<PlaceRow[]> {
    if (ids.length === 0) return [];
    return inScope(db.selectFrom('place').selectAll().where('id', 'in', ids), scope).execute();
  },

  /** Both places of a merge, locked until the transaction ends (in id order, so two merges cannot deadlock). */
  async lockPair(db: Db, dialect: Dialect, ids: [string, string]): Promise<PlaceRow[]> {
    return forUpdate(db.selectFrom('place').selectAll().where('id', 'in', ids).orderBy('id'), dialect).execute();
  },

  /** Every place (any status, any country) after `afterId` in id order: a page of an export. */
  async pageAfter(db: Db, afterId: string, limit: number): Promise<PlaceRow[]> {
    return db.selectFrom('place').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
  },

  async count(db: Db): Promise<number> {
    const row = await db
      .selectFrom('place')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  async insert(db: Db, row: PlaceRow): Promise<void> {
    await db.insertInto('place').values(row).execute();
  },

  async insertMany(db: Db, rows: PlaceRow[]): Promise<void> {
    if (rows.length > 0) await db.insertInto('place').values(rows).execute();
  },

  /**
   * Records the areas places now lie in, each only while the place is still at the point its area was resolved for;
   * answers the changes made. Not a versioned change: the area is derived from the point and another service's
   * polygons, and must not make a rep's pending edit of the place fail with 412.
   */
  async setAreas(db: Db, changes: { placeId: string; areaId: string | null; at: LatLng }[], now: number) {
    const made: { placeId: string; areaId: string | null }[] = [];
    for (const { placeId, areaId, at } of changes) {
      const result = await db
        .updateTable('place')
        .set({ area_id: areaId, updated_at: now })
        .where('id', '=', placeId)
        .where('lat', '=', at.lat)
        .where('lng', '=', at.lng)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) made.push({ placeId, areaId });
    }
    return made;
  },

  /** Optimistic update: answers false when the row's version is no longer `expectedVersion`. */
  async update(db: Db, id: string, expectedVersion: number, changes: Partial<Omit<PlaceRow, 'id' | 'version'>>): Promise<boolean> {
    return updateVersioned(db, 'place', id, expectedVersion, changes);
  },

  /**
   * Where the active places of `cells` (one resolution) are, inside the box `within` (when given) and outside
   * `readBefore` (the box an earlier read of the same cells covered): what a nearby search measures before it reads
   * whole rows.
   */
  async locationsInCells(
    db: Db,
    resolution: IndexResolution,
    cells: string[],
    scope: PlaceScope,
    category: string | undefined,
    boxes: CellBoxes = {},
  ): Promise<PlaceLocation[]> {
    const found: PlaceLocation[] = [];
    for (let i = 0; i < cells.length; i += CELLS_PER_QUERY) {
      const query = placeRepository.locationsInCellsQuery(db, resolution, cells.slice(i, i + CELLS_PER_QUERY), scope, category, boxes);
      // One by one: spreading a dense cell's 100,000+ rows into push() overflows the call stack.
      for (const row of await query.execute()) found.push(row);
    }
    return found;
  },

  /** One query of `locationsInCells`, for at most CELLS_PER_QUERY cells. */
  locationsInCellsQuery(
    db: Db,
    resolution: IndexResolution,
    cells: string[],
    scope: PlaceScope,
    category: string | undefined,
    boxes: CellBoxes,
  ) {
    const column = resolution === 7 ? 'h3_r7' : 'h3_r9';
    let query = inScope(
      db.selectFrom('place').select(['id', 'lat', 'lng']).where(column, 'in', cells).where('status', '=', 'active'),
      scope,
    );
    if (category) query = query.where('category', '=', category as PlaceRow['category']);
    const { within, readBefore } = boxes;
    if (within) query = withinBox(query, within);
    if (readBefore) query = query.where((eb) => eb.not(boxCondition(eb, readBefore)));
    return query;
  },

  async activeWithPhone(db: Db, phone: string, scope: PlaceScope, limit: number): Promise<PlaceRow[]> {
    return inScope(db.selectFrom('place').selectAll().where('phone', '=', phone).where('status', '=', 'active'), scope)
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  /** Active places of one coarse cell inside a box, by id after `after`: one cell's share of a box page. */
  async locationsInCellAndBox(db: Db, cell: string, box: BoundingBox, scope: PlaceScope, after: string | undefined, limit: number) {
    let query = withinBox(db.selectFrom('place').select(['id', 'lat', 'lng', 'area_id']).where('h3_r7', '=', cell), box);
    query = inScope(query.where('status', '=', 'active'), scope);
    if (after) query = query.where('id', '>', after);
    return query.orderBy('id').limit(limit).execute();
  },

  /** Active places inside a box by id after `after`, reading the table in id order: for boxes too big for cells. */
  async locationsInBox(db: Db, box: BoundingBox, scope: PlaceScope, after: string | undefined, limit: number) {
    let query = inScope(
      withinBox(db.selectFrom('place').select(['id', 'lat', 'lng', 'area_id']), box).where('status', '=', 'active'),
      scope,
    );
    if (after) query = query.where('id', '>', after);
    return query.orderBy('id').limit(limit).execute();
  },

  /**
   * Active places of a country whose address contains one of `texts` or whose normalised name contains one of
   * `nameKeys`. LIKE's wildcards are dropped rather than escaped: SQLite and MySQL disagree on the escape character.
   */
  async matchingText(db: Db, country: string, texts: string[], nameKeys: string[], limit: number): Promise<PlaceRow[]> {
    const containing = (value: string) => `%${value.replace(/[\\%_]/g, '')}%`;
    return db
      .selectFrom('place')
      .selectAll()
      .where('country', '=', country)
      .where('status', '=', 'active')
      .where((eb) =>
        eb.or([
          ...texts.map((text) => eb('address', 'like', containing(text))),
          ...nameKeys.filter((key) => key.length > 0).map((key) => eb('name_key', 'like', containing(key))),
        ]),
      )
      .limit(limit)
      .execute();
  },
};
