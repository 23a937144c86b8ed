import { Code, ConnectError } from '@connectrpc/connect';
import { FileService } from '@fieldops/contracts';
import { isServiceUnreachable, ServiceUnavailableError, type SetupContext, UnprocessableError } from '@fieldops/platform';
import type { CheckinDb } from '../db/schema';
import type { PhotoFacts } from '../domain/photo-signals';
import type { CallOptions } from './visit-targets';

/** The port to the file service: what the bytes of visit photos say (hash, EXIF time and place). */
export interface PhotoEvidence {
  /** The photos that exist and `callAs` may read; other ids are simply absent. */
  photoEvidenceOf(photoIds: readonly string[], callAs: CallOptions): Promise<PhotoFacts[]>;
}

/**
 * The photos a rep attaches, read with the rep's own token: linking a file makes it readable to whoever may read the
 * visit, so a file the rep may not read (another rep's, another country's) is refused, naming it, and never linked.
 */
export async function readablePhotos(photos: PhotoEvidence, photoIds: readonly string[], callAs: CallOptions): Promise<PhotoFacts[]> {
  const found = await photos.photoEvidenceOf([...new Set(photoIds)], callAs);
  const readable = new Set(found.map((p) => p.id));
  const problems = photoIds.flatMap((id, i) =>
    readable.has(id) ? [] : [{ field: `/body/photoIds/${i}`, message: 'is not a file you can read' }],
  );
  if (problems.length > 0) throw new UnprocessableError('Some photos are not files you can read.', problems);
  return found;
}

/** The real adapter: FileService.BatchGetFiles. A file service that cannot be reached is a 503: the app retries. */
export function rpcPhotoEvidence(ctx: SetupContext<CheckinDb>): PhotoEvidence {
  return {
    async photoEvidenceOf(photoIds, callAs) {
      if (photoIds.length === 0) return [];
      try {
        const { files } = await ctx.rpc.client(FileService).batchGetFiles({ ids: [...photoIds] }, callAs);
        return files.map((f) => ({
          id: f.id,
          sha256: f.sha256,
          takenAt: f.takenAt === undefined ? null : Number(f.takenAt),
          gpsLat: f.gpsLat ?? null,
          gpsLng: f.gpsLng ?? null,
        }));
      } catch (error) {
        // A caller without file:read reads no file: every id is then refused by name.
        if (error instanceof ConnectError && error.code === Code.PermissionDenied) return [];
        if (isServiceUnreachable(error)) {
          throw new ServiceUnavailableError('The file service cannot be reached to check the photos; try again later.');
        }
        throw error;
      }
    },
  };
}
