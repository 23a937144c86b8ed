import { FilePurposeSchema } from '@fieldops/contracts';
import { PageOf, pageQueryFields } from '@fieldops/platform';
import { Type } from 'typebox';

/** Request and response schemas of the file API: they validate, type handlers and write the OpenAPI doc. */

export const Id = Type.String({ format: 'uuid', description: 'UUID' });
export const IdParams = Type.Object({ id: Id });
const Iso = Type.String({ format: 'date-time' });
const NullableId = Type.Union([Type.String(), Type.Null()]);

export const File = Type.Object({
  id: Id,
  sha256: Type.String({ description: 'Lower-case hex SHA-256 of the bytes' }),
  size: Type.Integer({ description: 'Bytes' }),
  mimeType: Type.String({ description: 'Sniffed from the bytes, never taken from the name' }),
  fileName: Type.String(),
  purpose: FilePurposeSchema,
  ownerId: Type.String({ description: 'The uploader' }),
  orgUnitId: NullableId,
  agencyId: NullableId,
  country: Type.String(),
  width: Type.Union([Type.Integer(), Type.Null()], { description: 'Pixels, for images' }),
  height: Type.Union([Type.Integer(), Type.Null()]),
  takenAt: Type.Union([Iso, Type.Null()], { description: 'EXIF DateTimeOriginal' }),
  gpsLat: Type.Union([Type.Number(), Type.Null()], { description: 'EXIF GPS latitude, WGS-84' }),
  gpsLng: Type.Union([Type.Number(), Type.Null()]),
  hasThumbnail: Type.Boolean({ description: 'GET /api/v1/files/{id}/thumbnail answers a small WebP' }),
  version: Type.Integer(),
  createdAt: Iso,
});

export const FileWithDownload = Type.Intersect([
  File,
  Type.Object({
    downloadUrl: Type.String({ description: 'Reads the bytes without a token until it expires' }),
    downloadUrlExpiresAt: Iso,
  }),
]);

export const FilePage = PageOf(File);
export const ListQuery = Type.Object(pageQueryFields);

export const StartUploadBody = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 255 }),
    purpose: FilePurposeSchema,
    size: Type.Optional(Type.Integer({ minimum: 1, description: 'Bytes; when given, completing checks it' })),
  },
  { additionalProperties: false },
);

export const StartedUpload = Type.Object({
  id: Id,
  uploadUrl: Type.String({ description: 'PUT the bytes here (no token) before it expires, then complete the upload' }),
  expiresAt: Iso,
});

export const SignedQuery = Type.Object({
  expires: Type.Integer(),
  signature: Type.String({ minLength: 1, maxLength: 128 }),
  type: Type.Optional(Type.String({ maxLength: 255, description: 'The Content-Type the download was signed with' })),
  disposition: Type.Optional(Type.String({ maxLength: 2048, description: 'The Content-Disposition the download was signed with' })),
});
