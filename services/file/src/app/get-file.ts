import { type Access, NotFoundError } from '@fieldops/platform';
import { FILE_LIMITS, type FileContext } from '../config';
import { fileRepository, type StoredFileRow } from '../db/file.repository';
import { downloadHeadersOf } from '../domain/download-headers';
import { blobKey } from '../domain/storage-keys';
import { type FileView, toFileView } from './file-view';

/** A file the caller may read; otherwise not found (its existence is not disclosed). */
export async function findFile(ctx: FileContext, { scope }: Access, id: string): Promise<StoredFileRow> {
  const row = await fileRepository.findById(ctx.db, id, scope);
  if (!row) throw new NotFoundError('File');
  return row;
}

/** Metadata plus a short-lived URL that downloads the bytes without the caller's token. */
export async function getFile(
  ctx: FileContext,
  access: Access,
  id: string,
): Promise<FileView & { downloadUrl: string; downloadUrlExpiresAt: string }> {
  const row = await findFile(ctx, access, id);
  const headers = downloadHeadersOf({ mimeType: row.mime_type, width: row.width, fileName: row.file_name });
  const downloadUrl = await ctx.files.presignGet(blobKey(row.sha256), FILE_LIMITS.downloadUrlSeconds, headers);
  const expiresAt = new Date(ctx.clock.now() + FILE_LIMITS.downloadUrlSeconds * 1000).toISOString();
  return { ...toFileView(row), downloadUrl, downloadUrlExpiresAt: expiresAt };
}
