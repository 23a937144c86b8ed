import type { FilePurpose } from '@fieldops/contracts';
import { type Access, PayloadTooLargeError } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import { FILE_LIMITS, type FileContext } from '../config';
import { uploadRepository } from '../db/upload.repository';
import { maxBytes } from '../domain/purpose-rules';
import { stagingKey } from '../domain/storage-keys';
import { uploaderOf } from './uploader';

export interface StartedUpload {
  id: string;
  uploadUrl: string;
  expiresAt: string;
}

/** A presigned upload: the client PUTs the bytes straight to storage, then completes the upload. */
export async function startUpload(
  ctx: FileContext,
  { caller }: Access,
  input: { fileName: string; purpose: FilePurpose; size?: number },
): Promise<StartedUpload> {
  const limit = maxBytes(input.purpose);
  if (input.size !== undefined && input.size > limit) {
    throw new PayloadTooLargeError(`A ${input.purpose} is at most ${limit} bytes.`, [
      { field: '/body/size', message: `is more than ${limit} bytes` },
    ]);
  }
  const id = uuidv7();
  const now = ctx.clock.now();
  const expiresAt = now + FILE_LIMITS.uploadUrlSeconds * 1000;
  const key = stagingKey(id);
  const uploader = uploaderOf(caller);
  await uploadRepository.insert(ctx.db, {
    id,
    file_name: input.fileName,
    purpose: input.purpose,
    declared_size: input.size ?? null,
    staging_key: key,
    owner_id: uploader.ownerId,
    org_unit_id: uploader.orgUnitId,
    agency_id: uploader.agencyId,
    country: uploader.country,
    status: 'pending',
    expires_at: expiresAt,
    version: 1,
    created_at: now,
    updated_at: now,
  });
  const uploadUrl = await ctx.files.presignPut(key, FILE_LIMITS.uploadUrlSeconds);
  return { id, uploadUrl, expiresAt: new Date(expiresAt).toISOString() };
}
