import { Code, ConnectError } from '@connectrpc/connect';
import { FileService } from '@fieldops/contracts';
import { ConfigError, ServiceUnavailableError, type SetupContext } from '@fieldops/platform';
import type { CheckinDb } from '../db/schema';
import type { PhotoFacts } from '../domain/photo-signals';

/** The port to the file service: what the bytes of visit photos say (hash, EXIF time and place). */
export interface PhotoEvidence {
  /** The photos that exist; unknown ids are simply absent. */
  photoEvidenceOf(photoIds: readonly string[]): Promise<PhotoFacts[]>;
}

/**
 * The real adapter: FileService.BatchGetFiles as this service (the photo signals are the system's check, not the
 * rep's read). A file service that cannot be reached is a 503: the app keeps the visit queued and retries.
 */
export function rpcPhotoEvidence(ctx: SetupContext<CheckinDb>): PhotoEvidence {
  return {
    async photoEvidenceOf(photoIds) {
      if (photoIds.length === 0) return [];
      try {
        const { files } = await ctx.rpc.client(FileService).batchGetFiles({ ids: [...photoIds] }, await ctx.asService());
        return files.map((f) => ({
          id: f.id,
          sha256: f.sha256,
          takenAt: f.takenAt === undefined ? null : Number(f.takenAt),
          gpsLat: f.gpsLat ?? null,
          gpsLng: f.gpsLng ?? null,
        }));
      } catch (error) {
        if (error instanceof ConfigError || (error instanceof ConnectError && error.code === Code.Unavailable)) {
          throw new ServiceUnavailableError('The file service cannot be reached to check the photos; try again later.');
        }
        throw error;
      }
    },
  };
}
