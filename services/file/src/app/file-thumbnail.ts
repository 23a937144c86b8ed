import type { Readable } from 'node:stream';
import { type Access, NotFoundError } from '@fieldops/platform';
import type { FileContext } from '../config';
import { findFile } from './get-file';

/** The small WebP of an image file; not found for files without one. */
export async function fileThumbnail(ctx: FileContext, access: Access, id: string): Promise<Readable> {
  const row = await findFile(ctx, access, id);
  const stream = row.thumbnail_key ? await ctx.files.get(row.thumbnail_key) : undefined;
  if (!stream) throw new NotFoundError('Thumbnail');
  return stream;
}
