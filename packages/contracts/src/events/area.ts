import { type Static, Type } from 'typebox';

/**
 * Data schemas of the events published by the area service (territories), keyed by CloudEvents type. Closed
 * objects, as in account.ts: adding a field is a contract change made here; a breaking one is a new `.v<N+1>`.
 * Geometry itself is not carried (a district can be tens of kilobytes): consumers that need it call `GetArea`.
 */

const closed = { additionalProperties: false } as const;

const Id = Type.String({ minLength: 1 });
const Version = Type.Integer({ minimum: 0 });
const Iso = Type.String({ description: 'ISO 8601 date-time' });

export const AreaKind = Type.Union([Type.Literal('country'), Type.Literal('city'), Type.Literal('district'), Type.Literal('grid')]);
export type AreaKind = Static<typeof AreaKind>;

/** `[minLng, minLat, maxLng, maxLat]` in WGS-84, as GeoJSON writes a bbox. */
export const BBox = Type.Array(Type.Number(), { minItems: 4, maxItems: 4 });
export type BBox = Static<typeof BBox>;

export const AreaSnapshot = Type.Object(
  {
    id: Id,
    parentId: Type.Union([Type.String(), Type.Null()]),
    kind: AreaKind,
    name: Type.String(),
    code: Type.String(),
    country: Type.String(),
    priority: Type.Integer(),
    orgUnitId: Type.Union([Type.String(), Type.Null()]),
    bbox: BBox,
    version: Version,
  },
  closed,
);
export type AreaSnapshot = Static<typeof AreaSnapshot>;

/**
 * An area's polygon changed. Every owner of located records (places, merchants, leads…) re-resolves its own records
 * inside `previousBbox` ∪ `bbox`: only there can the answer have changed.
 */
export const AreaGeometryChanged = Type.Object(
  {
    areaId: Id,
    country: Type.String(),
    version: Version,
    bbox: BBox,
    previousBbox: BBox,
  },
  closed,
);
export type AreaGeometryChanged = Static<typeof AreaGeometryChanged>;

export const AssignmentRole = Type.Union([Type.Literal('primary'), Type.Literal('backup'), Type.Literal('manager')]);
export type AssignmentRole = Static<typeof AssignmentRole>;

export const AssignmentSnapshot = Type.Object(
  {
    id: Id,
    areaId: Id,
    userId: Id,
    role: AssignmentRole,
    effectiveFrom: Iso,
    effectiveTo: Type.Union([Iso, Type.Null()]),
    version: Version,
  },
  closed,
);
export type AssignmentSnapshot = Static<typeof AssignmentSnapshot>;

export const AssignmentEnded = Type.Object(
  {
    id: Id,
    areaId: Id,
    userId: Id,
    role: AssignmentRole,
    effectiveFrom: Iso,
    effectiveTo: Type.Union([Iso, Type.Null()]),
    endedAt: Iso,
    version: Version,
  },
  closed,
);
export type AssignmentEnded = Static<typeof AssignmentEnded>;

/**
 * The areas a user covers now (assigned in any role, effective today) and all their descendants: the data scope
 * `area`. Sent whenever the set changes; `version` grows per user, so a consumer keeps the highest it has seen.
 */
export const CoverageChanged = Type.Object(
  {
    userId: Id,
    areaIds: Type.Array(Type.String()),
    version: Version,
  },
  closed,
);
export type CoverageChanged = Static<typeof CoverageChanged>;

/** Event type → data schema, for every event the area service publishes. */
export const areaEvents = {
  'area.area.created.v1': AreaSnapshot,
  'area.area.updated.v1': AreaSnapshot,
  'area.area.geometry-changed.v1': AreaGeometryChanged,
  'area.area.deleted.v1': AreaSnapshot,
  'area.assignment.created.v1': AssignmentSnapshot,
  'area.assignment.ended.v1': AssignmentEnded,
  'area.coverage.changed.v1': CoverageChanged,
} as const;

export type AreaEventType = keyof typeof areaEvents;

/** The `data` of an area event, e.g. `AreaEventData<'area.coverage.changed.v1'>`. */
export type AreaEventData<T extends keyof typeof areaEvents> = Static<(typeof areaEvents)[T]>;
