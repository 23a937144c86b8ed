import fs from 'node:fs';
import { AppError } from '@fieldops/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** One byte range of a file, both ends included (as HTTP counts them). */
export interface ByteRange {
  start: number;
  end: number;
}

export class RangeNotSatisfiableError extends AppError {
  constructor(detail: string) {
    super(416, 'Range not satisfiable', detail, [{ field: '/headers/range', message: detail }]);
  }
}

/**
 * The range a `Range` header asks of a file of `size` bytes: `bytes=a-b`, `bytes=a-` or `bytes=-n` (the last n).
 * Undefined when there is no header (the whole file); a header that is malformed, asks several ranges or starts
 * past the end is refused. A PMTiles reader asks one range at a time, so several are never needed.
 */
export function requestedRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) {
    throw new RangeNotSatisfiableError(`"${header}" is not one byte range (bytes=start-end, bytes=start- or bytes=-length).`);
  }
  const [, first = '', last = ''] = match;
  if (first === '') {
    const length = Number(last);
    if (length === 0 || size === 0)
      throw new RangeNotSatisfiableError(`An empty suffix range cannot be served (the file has ${size} bytes).`);
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size) throw new RangeNotSatisfiableError(`The range starts at byte ${start}, past the end of the file (${size} bytes).`);
  if (end < start) throw new RangeNotSatisfiableError(`The range ends (${last}) before it starts (${start}).`);
  return { start, end };
}

/**
 * Serves a PMTiles archive the way its readers fetch it: `206 Partial Content` for a byte range, the whole file
 * without one, and `416` with `Content-Range: bytes *\/size` for a range the file cannot satisfy. The ETag lets a
 * reader notice that the archive was replaced between two of its reads.
 */
export async function servePmtiles(request: FastifyRequest, reply: FastifyReply, file: string): Promise<FastifyReply> {
  const stat = await fs.promises.stat(file);
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  reply
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('last-modified', stat.mtime.toUTCString())
    .header('cache-control', 'public, max-age=3600')
    .header('content-type', 'application/vnd.pmtiles');
  let range: ByteRange | undefined;
  try {
    range = requestedRange(request.headers.range, stat.size);
  } catch (error) {
    if (error instanceof RangeNotSatisfiableError) reply.header('content-range', `bytes */${stat.size}`);
    throw error;
  }
  const head = request.method === 'HEAD';
  if (!range) {
    reply.header('content-length', stat.size);
    return reply.code(200).send(head ? undefined : fs.createReadStream(file));
  }
  reply.header('content-range', `bytes ${range.start}-${range.end}/${stat.size}`).header('content-length', range.end - range.start + 1);
  return reply.code(206).send(head ? undefined : fs.createReadStream(file, { start: range.start, end: range.end }));
}
