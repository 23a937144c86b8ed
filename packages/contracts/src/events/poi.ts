import { type Static, Type } from 'typebox';

/**
 * Data schemas of the events published by the poi service, keyed by CloudEvents type. Closed objects, like the
 * account service's: adding a field is a contract change made here; a breaking change is a new `.v<N+1>` type.
 *
 * Coordinates in events are always WGS-84 (storage's system); only the public API speaks GCJ-02/BD-09.
 */

const closed = { additionalProperties: false } as const;

/** What a place is, from a small fixed vocabulary; `other` for the rest. */
export const PLACE_CATEGORIES = [
  'restaurant',
  'cafe',
  'grocery',
  'convenience',
  'bakery',
  'pharmacy',
  'beauty',
  'fitness',
  'laundry',
  'retail',
  'service',
  'other',
] as const;
export type PlaceCategory = (typeof PLACE_CATEGORIES)[number];
export const PlaceCategorySchema = Type.Enum(PLACE_CATEGORIES);

/** Where a place came from. */
export const PLACE_SOURCES = ['rep', 'import', 'partner', 'seed'] as const;
export type PlaceSource = (typeof PLACE_SOURCES)[number];
export const PlaceSourceSchema = Type.Enum(PLACE_SOURCES);

/** A merged place stays readable and points at the place it was merged into. */
export const PLACE_STATUSES = ['active', 'merged'] as const;
export type PlaceStatus = (typeof PLACE_STATUSES)[number];
export const PlaceStatusSchema = Type.Enum(PLACE_STATUSES);

const Id = Type.String({ minLength: 1 });
const NullableId = Type.Union([Id, Type.Null()]);

export const PlaceSnapshot = Type.Object(
  {
    id: Id,
    name: Type.String(),
    address: Type.String(),
    category: PlaceCategorySchema,
    /** E.164, or null when unknown. */
    phone: Type.Union([Type.String(), Type.Null()]),
    country: Type.String(),
    /** WGS-84 degrees. */
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    source: PlaceSourceSchema,
    status: PlaceStatusSchema,
    /** The place this one was merged into (status `merged`). */
    mergedInto: NullableId,
    /** The most specific area containing the place, once the area service has told. */
    areaId: NullableId,
    version: Type.Integer({ minimum: 0 }),
  },
  closed,
);
export type PlaceSnapshot = Static<typeof PlaceSnapshot>;

/** The most places one import event carries; a bigger import publishes several. */
export const MAX_PLACES_PER_IMPORT_EVENT = 250;

/**
 * A bulk import or generated load: one event per batch instead of one per place, each place in full so that
 * consumers (search) need no read back. The event's subject is the batch id.
 */
export const PlacesImported = Type.Object(
  {
    batchId: Id,
    places: Type.Array(PlaceSnapshot, { minItems: 1, maxItems: MAX_PLACES_PER_IMPORT_EVENT }),
  },
  closed,
);
export type PlacesImported = Static<typeof PlacesImported>;

/** Event type → data schema, for every event the poi service publishes. */
/** Places whose area changed because an area's geometry did (one event per batch). */
export const PlacesAreaChanged = Type.Object(
  {
    /** The area whose change caused the re-assignment. */
    causedBy: Type.Object({ areaId: Id, version: Type.Integer({ minimum: 0 }) }, closed),
    changes: Type.Array(Type.Object({ placeId: Id, areaId: NullableId }, closed), { maxItems: 1000 }),
  },
  closed,
);
export type PlacesAreaChanged = Static<typeof PlacesAreaChanged>;

export const poiEvents = {
  'poi.places.area-changed.v1': PlacesAreaChanged,
  'poi.place.created.v1': PlaceSnapshot,
  'poi.place.updated.v1': PlaceSnapshot,
  /** The loser's snapshot: status `merged`, `mergedInto` the winner; the subject is the loser. */
  'poi.place.merged.v1': PlaceSnapshot,
  'poi.places.imported.v1': PlacesImported,
} as const;

export type PoiEventType = keyof typeof poiEvents;

/** The `data` of a poi event, e.g. `PoiEventData<'poi.place.created.v1'>`. */
export type PoiEventData<T extends keyof typeof poiEvents> = Static<(typeof poiEvents)[T]>;
