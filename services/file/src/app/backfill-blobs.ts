import { createHash } from 'node:crypto';
import { type FileStore, type ProgressReporter, readObject } from '@fieldops/platform';
import type { Kysely } from 'kysely';
import { backfillRepository } from '../db/backfill.repository';
import { type BlobRow, fileRepository } from '../db/file.repository';
import type { FileDb } from '../db/schema';
import { blobKey } from '../domain/storage-keys';

export interface BackfillSummary {
  /** True when this run continued an interrupted one. */
  resumed: boolean;
  copied: number;
  alreadyThere: number;
  failed: { sha256: string; reason: string }[];
}

const BATCH = 200;
const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type Outcome = 'copied' | 'already-there';

/** Copies one object unless the target has it; `expected` is the hash the copy must have. */
async function copyObject(from: FileStore, to: FileStore, key: string, expected: string | undefined): Promise<Outcome> {
  const there = await to.head(key);
  const source = await readObject(from, key);
  if (there && (!source || there.size === source.length)) return 'already-there';
  if (!source) throw new Error(`${key} is missing in the old store`);
  const want = expected ?? sha256Of(source);
  if (sha256Of(source) !== want) throw new Error(`${key} in the old store does not match its SHA-256`);
  await to.put(key, source, { size: source.length });
  const copy = await readObject(to, key);
  if (!copy || sha256Of(copy) !== want) throw new Error(`${key}: the copy's SHA-256 does not match`);
  return 'copied';
}

async function copyBlob(from: FileStore, to: FileStore, blob: BlobRow): Promise<Outcome> {
  const outcome = await copyObject(from, to, blobKey(blob.sha256), blob.sha256);
  if (blob.thumbnail_key && (await from.exists(blob.thumbnail_key))) await copyObject(from, to, blob.thumbnail_key, undefined);
  return outcome;
}

/**
 * Copies every blob the old store has and the new one lacks, checking each copy's SHA-256. The walk goes in hash
 * order and records how far it got after every blob, so an interrupted run continues where it stopped; a run after
 * a finished one walks again from the start (finding everything there, it copies nothing).
 */
export async function backfillBlobs(
  db: Kysely<FileDb>,
  stores: { from: FileStore; to: FileStore },
  options: { progress: ProgressReporter; now: () => number },
): Promise<BackfillSummary> {
  const target = stores.to.description.slice(0, 191);
  const checkpoint = await backfillRepository.find(db, target);
  const resumed = checkpoint !== undefined && checkpoint.completed_at === null;
  if (!resumed) await backfillRepository.restart(db, target, options.now());
  let after = resumed ? checkpoint.after_sha256 : '';
  const summary: BackfillSummary = { resumed, copied: 0, alreadyThere: 0, failed: [] };
  options.progress.start(await fileRepository.countBlobsAfter(db, after), 'Blobs');
  try {
    for (
      let batch = await fileRepository.blobsAfter(db, after, BATCH);
      batch.length > 0;
      batch = await fileRepository.blobsAfter(db, after, BATCH)
    ) {
      for (const blob of batch) {
        try {
          if ((await copyBlob(stores.from, stores.to, blob)) === 'copied') summary.copied++;
          else summary.alreadyThere++;
        } catch (error) {
          summary.failed.push({ sha256: blob.sha256, reason: error instanceof Error ? error.message : String(error) });
        }
        after = blob.sha256;
        await backfillRepository.advance(db, target, after, options.now());
        options.progress.tick();
      }
    }
    await backfillRepository.finish(db, target, options.now());
  } finally {
    options.progress.stop();
  }
  return summary;
}
