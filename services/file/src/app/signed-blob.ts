import { type Readable, Transform } from 'node:stream';
import { type DownloadHeaders, ForbiddenError, NotFoundError, PayloadTooLargeError, type SignedMethod } from '@fieldops/platform';
import { FILE_LIMITS, type FileContext } from '../config';
import { isStagingKey } from '../domain/storage-keys';

export interface SignedRequest {
  key: string;
  expires: number;
  signature: string;
  /** The answer headers a download URL was signed with. */
  headers?: DownloadHeaders;
}

/** A download URL signed without answer headers: opaque bytes, never shown as a page. */
const OPAQUE_DOWNLOAD: DownloadHeaders = { contentType: 'application/octet-stream', contentDisposition: 'attachment' };

function checkSignature(ctx: FileContext, method: SignedMethod, request: SignedRequest): void {
  if (!ctx.fileUrls.verify(method, request.key, request.expires, request.signature, request.headers)) {
    throw new ForbiddenError('This link is not valid or has expired.');
  }
}

/** A presigned GET of a store that cannot serve its own (local disk): the bytes and the headers it was signed with. */
export async function readSignedBlob(ctx: FileContext, request: SignedRequest): Promise<{ stream: Readable; headers: DownloadHeaders }> {
  checkSignature(ctx, 'GET', request);
  const stream = await ctx.files.get(request.key);
  if (!stream) throw new NotFoundError('File');
  return { stream, headers: request.headers ?? OPAQUE_DOWNLOAD };
}

/** Stops a body past the presigned upload limit instead of filling the disk. */
function limitedTo(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new PayloadTooLargeError(`Files are at most ${maxBytes} bytes.`));
      else done(null, chunk);
    },
  });
}

/** A presigned PUT of a store that cannot take its own (local disk): only upload staging keys are writable. */
export async function writeSignedBlob(ctx: FileContext, request: SignedRequest, body: Readable): Promise<void> {
  checkSignature(ctx, 'PUT', request);
  if (!isStagingKey(request.key)) throw new ForbiddenError('This link is not valid or has expired.');
  const bounded = body.pipe(limitedTo(FILE_LIMITS.presignedUploadBytes));
  body.on('error', (error) => bounded.destroy(error));
  await ctx.files.put(request.key, bounded);
}
