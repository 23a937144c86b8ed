import { defineService, type ProgressReporter, type ServiceDefinition, taskRefs } from '@fieldops/platform';
import { blobRoutes } from './api/blobs.routes';
import { fileRoutes } from './api/files.routes';
import { fileRpc } from './api/rpc';
import { migrateFiles } from './app/migrate-files';
import type { FileContext } from './config';
import { fileSchema } from './db/migrations/001-file';
import type { FileDb } from './db/schema';
import { merchantDocumentsConsumer } from './events/handlers/merchant-documents.handler';
import { visitPhotosConsumer } from './events/handlers/visit-photos.handler';
import { abandonedUploadsJob } from './jobs/abandoned-uploads.job';

export interface FileServiceOptions {
  /** How often presigned uploads never completed are removed; hourly by default. */
  uploadCleanupMs?: number;
}

const tasks = {
  /** `fieldops files migrate --backfill`: copies what the new store lacks; answers what it copied and what failed. */
  migrateFiles: (ctx: FileContext, _args: undefined, progress: ProgressReporter) => migrateFiles(ctx, progress),
};

/** The file service's tasks, for `host.runTask`. */
export const fileTasks = taskRefs('file', tasks);

/**
 * Files: uploads (direct and presigned), content addressed by SHA-256, metadata read from the bytes (type, pixels,
 * EXIF time and GPS, thumbnails), readable by whoever may read the uploader's or the owning record's data.
 */
export function createFileService(options: FileServiceOptions = {}): ServiceDefinition {
  return defineService<FileDb>({
    name: 'file',
    migrations: [fileSchema],
    http: {
      prefixes: ['/api/v1/files'],
      description: 'Files: uploads, metadata from the bytes, thumbnails and download links',
      async routes(app, ctx) {
        await fileRoutes(app, ctx);
        await blobRoutes(app, ctx);
      },
    },
    rpc: fileRpc,
    consumes: [merchantDocumentsConsumer, visitPhotosConsumer],
    jobs: [abandonedUploadsJob(options.uploadCleanupMs ?? 60 * 60 * 1000)],
    tasks,
  });
}

export const fileService: ServiceDefinition = createFileService();

export { type BackfillSummary, backfillBlobs } from './app/backfill-blobs';
export type { FileDb } from './db/schema';
