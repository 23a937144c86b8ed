import type { FastifyReply, FastifyRequest } from 'fastify';
import { PreconditionFailedError } from '../errors';

/** Every business row has a `version`; its ETag is that version, quoted. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('etag', etagOf(version));
}

/**
 * The version a write expects: from `If-Match` when sent (412 when it names another version), else the one the
 * caller just read. Updates then run `… WHERE version = expected` so concurrent writers cannot overwrite each other.
 */
export function expectedVersion(request: FastifyRequest, current: number): number {
  const header = request.headers['if-match'];
  if (header === undefined || header === '*') return current;
  const versions = String(header)
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, '').replace(/"/g, ''));
  if (!versions.includes(String(current))) throw new PreconditionFailedError();
  return current;
}
