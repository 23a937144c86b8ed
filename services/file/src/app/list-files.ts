import { type Access, decodeIdCursor, type Page, toPage } from '@fieldops/platform';
import type { FileContext } from '../config';
import { fileRepository } from '../db/file.repository';
import { type FileView, toFileView } from './file-view';

/** The files the caller may read: their scope covers the uploader or a record the file belongs to. */
export async function listFiles(ctx: FileContext, { scope }: Access, query: { limit: number; cursor?: string }): Promise<Page<FileView>> {
  const after = decodeIdCursor(query.cursor);
  const rows = await fileRepository.list(ctx.db, scope, after, query.limit);
  return toPage(rows, query.limit, (row) => [row.id], toFileView);
}
