import type { JobDefinition } from '@fieldops/platform';
import type { FileContext } from '../config';
import type { FileDb } from '../db/schema';
import { uploadRepository } from '../db/upload.repository';

const BATCH = 200;
/** An upload URL is dead at its expiry; a day later nobody will complete the upload. */
const GRACE_MS = 24 * 60 * 60 * 1000;

/** Removes presigned uploads started but never completed, with the bytes they staged. */
export async function dropAbandonedUploads(ctx: FileContext): Promise<number> {
  const abandoned = await uploadRepository.pendingExpiredBefore(ctx.db, ctx.clock.now() - GRACE_MS, BATCH);
  for (const upload of abandoned) {
    await ctx.files.delete(upload.staging_key);
    await uploadRepository.deletePending(ctx.db, upload.id);
  }
  return abandoned.length;
}

export function abandonedUploadsJob(everyMs: number): JobDefinition<FileDb> {
  return { name: 'file.abandoned-uploads', everyMs, run: async (ctx) => void (await dropAbandonedUploads(ctx)) };
}
