import { ConfigError, createFileStore, type ProgressReporter } from '@fieldops/platform';
import type { FileContext } from '../config';
import { type BackfillSummary, backfillBlobs } from './backfill-blobs';

/**
 * The backfill of a storage migration (`fieldops files migrate --backfill`): from the current store (FILES_URL) to
 * the new one (FILES_MIGRATION_TARGET_URL), each opened on its own since the context's store writes to both.
 */
export async function migrateFiles(ctx: FileContext, progress: ProgressReporter): Promise<BackfillSummary> {
  const { config, fileUrls: signer } = ctx;
  const migration = config.filesMigration;
  if (!migration) {
    throw new ConfigError(
      'FILES_MIGRATION_TARGET_URL',
      'is not set: the backfill copies from FILES_URL to that store (with FILES_MIGRATION_PHASE)',
    );
  }
  const from = createFileStore(config.filesUrl, { signer, env: config.env });
  const to = createFileStore(migration.targetUrl, { signer, env: config.env, setting: 'FILES_MIGRATION_TARGET_URL' });
  try {
    return await backfillBlobs(ctx.db, { from, to }, { progress, now: () => ctx.clock.now() });
  } finally {
    await Promise.all([from.close(), to.close()]);
  }
}
