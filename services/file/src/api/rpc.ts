import type { MessageInitShape } from '@bufbuild/protobuf';
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from '@connectrpc/connect';
import { type FileMetadataSchema, FileService } from '@fieldops/contracts';
import { type Access, rpcAccess } from '@fieldops/platform';
import type { FileContext } from '../config';
import { fileRepository, type StoredFileRow } from '../db/file.repository';
import { FilePermission } from '../domain/permissions';

const MAX_BATCH = 500;
const DEFAULT_SHA_LIMIT = 20;
const MAX_SHA_LIMIT = 100;
const SHA256 = /^[0-9a-f]{64}$/;

/** The verified caller with file:read and their data scope (a service identity's scope is `all`). */
const readerOf = (ctx: FileContext, context: HandlerContext): Promise<Access> => rpcAccess(context, FilePermission.read, ctx.scopes);

function toFileMessage(row: StoredFileRow): MessageInitShape<typeof FileMetadataSchema> {
  return {
    id: row.id,
    sha256: row.sha256,
    size: BigInt(row.size),
    mimeType: row.mime_type,
    fileName: row.file_name,
    purpose: row.purpose,
    ownerId: row.owner_id,
    country: row.country,
    ...(row.width !== null ? { width: row.width } : {}),
    ...(row.height !== null ? { height: row.height } : {}),
    ...(row.taken_at !== null ? { takenAt: BigInt(row.taken_at) } : {}),
    ...(row.gps_lat !== null ? { gpsLat: row.gps_lat } : {}),
    ...(row.gps_lng !== null ? { gpsLng: row.gps_lng } : {}),
    createdAt: BigInt(row.created_at),
  };
}

/** Reads other services make of this one (the checkin service: a photo's hash, time and place). */
export function fileRpc(router: ConnectRouter, ctx: FileContext): void {
  router.service(FileService, {
    async getFile(request, context) {
      const { scope } = await readerOf(ctx, context);
      const row = await fileRepository.findById(ctx.db, request.id, scope);
      if (!row) throw new ConnectError('file not found', Code.NotFound);
      return { file: toFileMessage(row) };
    },
    async batchGetFiles(request, context) {
      const { scope } = await readerOf(ctx, context);
      if (request.ids.length > MAX_BATCH) throw new ConnectError(`at most ${MAX_BATCH} ids per call`, Code.InvalidArgument);
      return { files: (await fileRepository.findMany(await ctx.reads(), request.ids, scope)).map(toFileMessage) };
    },
    async findBySha256(request, context) {
      const { scope } = await readerOf(ctx, context);
      if (!SHA256.test(request.sha256)) throw new ConnectError('sha256 must be 64 lower-case hex digits', Code.InvalidArgument);
      if (request.limit < 0 || request.limit > MAX_SHA_LIMIT)
        throw new ConnectError(`limit must be in 0..${MAX_SHA_LIMIT}`, Code.InvalidArgument);
      const rows = await fileRepository.findBySha256(ctx.db, request.sha256, scope, request.limit || DEFAULT_SHA_LIMIT);
      return { files: rows.map(toFileMessage) };
    },
  });
}
