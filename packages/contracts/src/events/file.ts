import { type Static, Type } from 'typebox';

/**
 * Data schemas of the events published by the file service, keyed by CloudEvents type. Closed objects: adding a
 * field is a contract change made here; a breaking change is a new `.v<N+1>` type. The subject is the file id.
 */

const closed = { additionalProperties: false } as const;
const Id = Type.String({ minLength: 1 });
const NullableId = Type.Union([Id, Type.Null()]);

export const FILE_PURPOSES = ['visit-photo', 'merchant-document', 'lead-import', 'avatar', 'other'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];
export const FilePurposeSchema = Type.Enum(FILE_PURPOSES);

/** A stored file's metadata, read from its bytes (never from the name the client gave). */
export const FileSnapshot = Type.Object(
  {
    id: Id,
    /** Lower-case hex SHA-256 of the bytes: equal bytes, equal hash (one blob however often uploaded). */
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    size: Type.Integer({ minimum: 0 }),
    mimeType: Type.String(),
    fileName: Type.String(),
    purpose: FilePurposeSchema,
    /** The uploader, and their org unit and agency when they uploaded. */
    ownerId: Id,
    orgUnitId: NullableId,
    agencyId: NullableId,
    country: Type.String(),
    width: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    height: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    /** EXIF DateTimeOriginal, ISO 8601, when the bytes carry one. */
    takenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    /** EXIF GPS position, WGS-84, when the bytes carry one. */
    gpsLat: Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()]),
    gpsLng: Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  closed,
);
export type FileSnapshot = Static<typeof FileSnapshot>;

/** Event type → data schema, for every event the file service publishes. */
export const fileEvents = {
  'file.file.uploaded.v1': FileSnapshot,
} as const;

export type FileEventType = keyof typeof fileEvents;

/** The `data` of a file event, e.g. `FileEventData<'file.file.uploaded.v1'>`. */
export type FileEventData<T extends keyof typeof fileEvents> = Static<(typeof fileEvents)[T]>;
