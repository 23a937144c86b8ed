import type { FilePurpose } from '@fieldops/contracts';
import {
  type Access,
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
  readObject,
  UnprocessableError,
  UnsupportedMediaTypeError,
} from '@fieldops/platform';
import { FILE_LIMITS, type FileContext } from '../config';
import { fileRepository, type StoredFileRow } from '../db/file.repository';
import { uploadRepository } from '../db/upload.repository';
import { maxBytes } from '../domain/purpose-rules';
import { type FileView, toFileView } from './file-view';
import { type NewFile, storeFile } from './store-file';

/**
 * Reads what the client PUT to the upload URL, and records it like a direct upload (hash, type, metadata, one blob
 * per content). Completing twice answers the same file.
 */
export async function completeUpload(ctx: FileContext, access: Access, uploadId: string): Promise<FileView> {
  const upload = await uploadRepository.findOwn(ctx.db, uploadId, access.caller.userId);
  if (!upload) throw new NotFoundError('Upload');
  if (upload.status === 'completed') {
    const done = await fileRepository.findById(ctx.db, upload.id, access.scope);
    if (!done) throw new NotFoundError('Upload');
    return toFileView(done);
  }
  const head = await ctx.files.head(upload.staging_key);
  if (!head) {
    throw new ConflictError('Nothing was uploaded yet: PUT the bytes to the upload URL first.', [
      { field: '/params/id', message: 'has no uploaded bytes' },
    ]);
  }
  const limit = Math.min(FILE_LIMITS.presignedUploadBytes, maxBytes(upload.purpose as FilePurpose));
  if (head.size > limit) {
    await ctx.files.delete(upload.staging_key);
    throw new PayloadTooLargeError(`A ${upload.purpose} is at most ${limit} bytes.`, [
      { field: '/body/file', message: `is more than ${limit} bytes` },
    ]);
  }
  const bytes = await readObject(ctx.files, upload.staging_key);
  if (!bytes) throw new ConflictError('The uploaded bytes are gone; start a new upload.');
  if (upload.declared_size !== null && Number(upload.declared_size) !== bytes.length) {
    throw new UnprocessableError(`${bytes.length} bytes arrived, ${upload.declared_size} were announced.`, [
      { field: '/body/size', message: `does not match the ${bytes.length} bytes uploaded` },
    ]);
  }
  const file: NewFile = {
    id: upload.id,
    fileName: upload.file_name,
    purpose: upload.purpose as FilePurpose,
    ownerId: upload.owner_id,
    orgUnitId: upload.org_unit_id,
    agencyId: upload.agency_id,
    country: upload.country,
  };
  let stored: StoredFileRow;
  try {
    stored = await storeFile(ctx, bytes, file, async (trx) => {
      if (!(await uploadRepository.complete(trx, upload.id, ctx.clock.now())))
        throw new ConflictError('The upload was completed meanwhile.');
    });
  } catch (error) {
    // A type the purpose refuses will not become acceptable: the staged bytes go, the client starts over.
    if (error instanceof UnsupportedMediaTypeError) await ctx.files.delete(upload.staging_key);
    throw error;
  }
  await ctx.files.delete(upload.staging_key);
  return toFileView(stored);
}
