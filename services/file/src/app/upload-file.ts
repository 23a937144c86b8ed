import type { FilePurpose } from '@fieldops/contracts';
import type { Access } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { FileContext } from '../config';
import { type FileView, toFileView } from './file-view';
import { storeFile } from './store-file';
import { uploaderOf } from './uploader';

/** A small file sent straight to the service (multipart). */
export async function uploadFile(
  ctx: FileContext,
  { caller }: Access,
  input: { bytes: Buffer; fileName: string; purpose: FilePurpose },
): Promise<FileView> {
  const row = await storeFile(ctx, input.bytes, { id: uuidv7(), fileName: input.fileName, purpose: input.purpose, ...uploaderOf(caller) });
  return toFileView(row);
}
