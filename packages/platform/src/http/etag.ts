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

/** The version check a use case runs on the row it read: `If-Match` when sent, else the version just read. */
export function ifMatch(request: FastifyRequest): (current: number) => number {
  return (current) => expectedVersion(request, current);
}

/** Answers what a route wrote (or read) with its version as the ETag, so the client's next write can send If-Match. */
export async function versionedWrite<T extends { version: number | string }>(reply: FastifyReply, written: T | Promise<T>): Promise<T> {
  const entity = await written;
  setEtag(reply, Number(entity.version));
  return entity;
}
