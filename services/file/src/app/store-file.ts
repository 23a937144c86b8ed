import { createHash } from 'node:crypto';
import type { FilePurpose } from '@fieldops/contracts';
import { PayloadTooLargeError, UnprocessableError, UnsupportedMediaTypeError } from '@fieldops/platform';
import type { Transaction } from 'kysely';
import type { FileContext } from '../config';
import { type BlobRow, type FileRow, fileRepository, type StoredFileRow } from '../db/file.repository';
import type { FileDb } from '../db/schema';
import { allowedTypes, isAllowedType, maxBytes } from '../domain/purpose-rules';
import { blobKey, thumbnailKey } from '../domain/storage-keys';
import { fileEvents } from '../events/published';
import { type Inspected, inspectBytes, isUndecodedImage } from './inspect-bytes';

export interface NewFile {
  id: string;
  fileName: string;
  purpose: FilePurpose;
  /** The uploader's scope columns. */
  ownerId: string;
  orgUnitId: string | null;
  agencyId: string | null;
  country: string;
}

function refuseDisallowedType(purpose: FilePurpose, mimeType: string): void {
  if (isAllowedType(purpose, mimeType)) return;
  const allowed = allowedTypes(purpose);
  throw new UnsupportedMediaTypeError(`A ${purpose} cannot be ${mimeType}.`, [
    { field: '/body/file', message: `is ${mimeType}; ${purpose} takes ${allowed === 'any' ? 'any type' : allowed.join(', ')}` },
  ]);
}

function blobRowOf(facts: Inspected, now: number): BlobRow {
  return {
    sha256: facts.sha256,
    size: facts.size,
    mime_type: facts.mimeType,
    width: facts.width,
    height: facts.height,
    taken_at: facts.takenAt,
    gps_lat: facts.gpsLat,
    gps_lng: facts.gpsLng,
    thumbnail_key: facts.thumbnail ? thumbnailKey(facts.sha256) : null,
    created_at: now,
  };
}

/** A purpose that lists its types wants the image to be one: pixels within the limit, every one of them decodable. */
function refuseUnusableImage(purpose: FilePurpose, imageProblem: string | null): void {
  if (imageProblem === null || allowedTypes(purpose) === 'any') return;
  throw new UnprocessableError(`This ${purpose} is not a usable image: it ${imageProblem}.`, [
    { field: '/body/file', message: imageProblem },
  ]);
}

/** Bytes seen before were inspected then: only new bytes are decoded, measured and thumbnailed. */
async function blobOf(
  ctx: FileContext,
  bytes: Buffer,
  now: number,
): Promise<{ blob: BlobRow; thumbnail: Buffer | null; known: boolean; imageProblem: string | null }> {
  const known = await fileRepository.findBlob(ctx.db, createHash('sha256').update(bytes).digest('hex'));
  if (known) {
    // Stored before for a purpose that takes anything: an image that did not decode then will not now.
    const undecoded = known.width === null && isUndecodedImage(known.mime_type);
    return { blob: known, thumbnail: null, known: true, imageProblem: undecoded ? 'could not be decoded' : null };
  }
  const facts = await inspectBytes(bytes);
  return { blob: blobRowOf(facts, now), thumbnail: facts.thumbnail, known: false, imageProblem: facts.imageProblem };
}

/**
 * Records uploaded bytes as a file: hashes and inspects them, refuses a type the purpose does not take, stores the
 * blob (and thumbnail) unless those bytes are stored already, then writes the file row and its event. `during`
 * runs inside the same transaction (completing a presigned upload marks it done there).
 */
export async function storeFile(
  ctx: FileContext,
  bytes: Buffer,
  file: NewFile,
  during?: (trx: Transaction<FileDb>) => Promise<void>,
): Promise<StoredFileRow> {
  const limit = maxBytes(file.purpose);
  if (bytes.length > limit) {
    throw new PayloadTooLargeError(`A ${file.purpose} is at most ${limit} bytes.`, [
      { field: '/body/file', message: `is more than ${limit} bytes` },
    ]);
  }
  const now = ctx.clock.now();
  const { blob, thumbnail, known, imageProblem } = await blobOf(ctx, bytes, now);
  refuseDisallowedType(file.purpose, blob.mime_type);
  refuseUnusableImage(file.purpose, imageProblem);
  // Same bytes, same key: a second upload stores nothing new (the check also heals a blob lost from the store).
  if (!(await ctx.files.exists(blobKey(blob.sha256)))) {
    await ctx.files.put(blobKey(blob.sha256), bytes, { contentType: blob.mime_type, size: bytes.length });
  }
  if (thumbnail && blob.thumbnail_key) {
    await ctx.files.put(blob.thumbnail_key, thumbnail, { contentType: 'image/webp', size: thumbnail.length });
  }
  const row: FileRow = {
    id: file.id,
    sha256: blob.sha256,
    file_name: file.fileName,
    purpose: file.purpose,
    owner_id: file.ownerId,
    org_unit_id: file.orgUnitId,
    agency_id: file.agencyId,
    country: file.country,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  const { sha256: _sha, created_at: _created, ...blobFacts } = blob;
  const stored: StoredFileRow = { ...row, ...blobFacts };
  await ctx.transact(async (trx, events) => {
    // First: a concurrent completion of the same upload must fail on its condition, not on the file's key.
    await during?.(trx);
    if (!known) await fileRepository.insertBlobIfAbsent(trx, ctx.dialect, blob);
    await fileRepository.insert(trx, row);
    await events.append(fileEvents.uploaded(stored, file.ownerId));
  });
  return stored;
}
