import type { ServiceContext } from '@fieldops/platform';
import type { FileDb } from './db/schema';

export type FileContext = ServiceContext<FileDb>;

export const FILE_LIMITS = {
  /** A multipart upload straight to the service; larger files go through a presigned upload. */
  directUploadBytes: 10 * 1024 * 1024,
  /** A presigned upload is read into memory to hash and inspect it when completed. */
  presignedUploadBytes: 100 * 1024 * 1024,
  downloadUrlSeconds: 15 * 60,
  uploadUrlSeconds: 15 * 60,
  thumbnailPixels: 320,
  /** Images past this many pixels are not decoded (a few KB can claim gigapixels and take the process down). */
  maxImagePixels: 200_000_000,
} as const;
