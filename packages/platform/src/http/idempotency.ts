import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Insertable, Kysely } from 'kysely';
import type { Dialect } from '../db/column-types';
import { ANSWER_LOST, CARRIED_OUT, type IdempotencyScope, runInIdempotencyScope } from '../db/idempotency-scope';
import type { PlatformTables } from '../db/platform-tables';
import { insertIfAbsent } from '../db/portable';
import { withoutDiskWait } from '../db/without-disk-wait';
import { ConflictError, UnprocessableError, ValidationError } from '../errors';

const KEPT_MS = 24 * 60 * 60 * 1000;
/** A first request that has not finished after this long is taken to have died with its process. */
const ABANDONED_MS = 60_000;
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'];

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: IdempotencyScope;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Claims a key for the request about to run, without waiting for the disk (withoutDiskWait): a concurrent retry sees it
 * as soon as it is written, and a claim that a power cut loses is only an abandoned claim. What must survive, the
 * request's own writes, is committed at the database's level, and that commit makes the claim durable too, marked
 * carried out. One disk flush less per POST: the claim was the costliest statement of a field day's peak.
 */
function claim(db: Kysely<PlatformTables>, dialect: Dialect, row: Insertable<PlatformTables['idempotency_key']>): Promise<boolean> {
  return withoutDiskWait(db, dialect, (connection) => insertIfAbsent(connection, dialect, 'idempotency_key', row));
}

/** Deletes one key if it is past its day, or a claim abandoned with nothing carried out; answers whether it did. */
async function releaseStale(db: Kysely<PlatformTables>, keyHash: string, at: number): Promise<boolean> {
  const released = await db
    .deleteFrom('idempotency_key')
    .where('key_hash', '=', keyHash)
    .where((eb) => eb.or([eb('created_at', '<', at - KEPT_MS), eb.and([eb('status', '=', 0), eb('created_at', '<', at - ABANDONED_MS)])]))
    .executeTakeFirst();
  return Number(released.numDeletedRows) > 0;
}

/** How often a service deletes the keys kept past their day (the job `idempotency-keys`). */
export const IDEMPOTENCY_PURGE_EVERY_MS = 10 * 60 * 1000;

/**
 * Deletes the keys kept past their day, a batch at a time so that no statement holds the table long; answers how many.
 * Run by a platform job in every service that serves HTTP, so the table holds a day of keys, not every key ever sent.
 */
export async function purgeExpiredIdempotencyKeys(db: Kysely<PlatformTables>, at: number, batch = 500): Promise<number> {
  let purged = 0;
  for (;;) {
    const expired = await db
      .selectFrom('idempotency_key')
      .select('key_hash')
      .where('created_at', '<', at - KEPT_MS)
      .orderBy('created_at')
      .limit(batch)
      .execute();
    if (expired.length === 0) return purged;
    const deleted = await db
      .deleteFrom('idempotency_key')
      .where(
        'key_hash',
        'in',
        expired.map((row) => row.key_hash),
      )
      .where('created_at', '<', at - KEPT_MS)
      .executeTakeFirst();
    purged += Number(deleted.numDeletedRows);
    if (expired.length < batch) return purged;
  }
}

/** JSON with object keys sorted at every level: `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  const json = (value as { toJSON?: () => unknown } | null)?.toJSON;
  if (typeof json === 'function') return canonicalJson(json.call(value));
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

interface SavedResponse {
  headers: Record<string, string>;
  body: string;
}

/**
 * `Idempotency-Key` on POST, with Stripe's semantics: the same key and body answer the first response again
 * (marked `Idempotent-Replayed: true`); the same key with another body is 422; a retry while the first request
 * still runs is 409 (`in-progress`). Keys are per caller and route, kept 24 h, in the service's own database. A server
 * error releases the key so the client may retry, unless the request's writes committed: the request's first
 * transaction marks its claim carried out in the same commit, and a retry of a request whose answer was lost (the
 * process stopped before saving it, or the request failed after its commit) is told so (409, `answer-lost`) rather
 * than run again.
 */
export function registerIdempotency(
  app: FastifyInstance,
  db: Kysely<PlatformTables>,
  dialect: Dialect,
  now: () => number,
  service: string,
): void {
  // After the body is parsed, like the consistency scope, so that the handler and its transactions run inside it.
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.method !== 'POST' || request.headers['idempotency-key'] === undefined) return done();
    const scope: IdempotencyScope = { service, keyHash: undefined, carriedOut: false };
    request.idempotency = scope;
    runInIdempotencyScope(scope, done);
  });

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    const scope = request.idempotency;
    if (scope === undefined || key === undefined) return;
    if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
      throw new ValidationError([{ field: '/headers/idempotency-key', message: 'must be 1 to 255 characters' }]);
    }
    const caller = request.principal?.userId ?? request.ip;
    const keyHash = sha256(`${caller}\n${request.routeOptions.url}\n${key}`);
    const requestHash = sha256(`${request.url}\n${canonicalJson(request.body ?? null)}`);
    const at = now();
    const fresh = { key_hash: keyHash, request_hash: requestHash, status: 0, response: null, created_at: at };
    // A key is new nearly always: the claim comes first, and only a taken key is looked at again. One kept past its
    // day, or claimed by a request that died with its process, is released and claimed anew.
    if ((await claim(db, dialect, fresh)) || ((await releaseStale(db, keyHash, at)) && (await claim(db, dialect, fresh)))) {
      scope.keyHash = keyHash;
      return;
    }
    const row = await db.selectFrom('idempotency_key').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
    if (!row) throw new ConflictError('A request with this Idempotency-Key just finished failing; retry it.');
    if (row.request_hash !== requestHash) {
      throw new UnprocessableError('This Idempotency-Key was already used with a different request.', [
        { field: '/headers/idempotency-key', message: 'was used with a different request body' },
      ]);
    }
    if (row.response === null) {
      if (row.status === ANSWER_LOST || (row.status === CARRIED_OUT && row.created_at < at - ABANDONED_MS)) {
        throw new ConflictError(
          'The request with this Idempotency-Key was carried out, but its answer was lost; look up its result rather than send it again.',
          [],
          { code: 'answer-lost' },
        );
      }
      throw new ConflictError('A request with this Idempotency-Key is still being processed.', [], { code: 'in-progress' });
    }
    const saved = JSON.parse(row.response) as SavedResponse;
    return reply
      .code(row.status)
      .headers({ ...saved.headers, 'idempotent-replayed': 'true' })
      .send(saved.body);
  });

  // What the claim becomes once the request ran (its saved answer, or its release) is written without waiting for the
  // disk: a power cut can lose it only as it can lose the claim, and the key then says what a process that stopped
  // before this write leaves. A claim marked carried out (durable with the request's writes) tells a retry that the
  // request was carried out (`answer-lost`); one left unmarked is abandoned after a minute. Another disk flush less
  // per POST, which every query of the service's database would wait out.
  app.addHook('onSend', async (request, reply, payload) => {
    const scope = request.idempotency;
    const keyHash = scope?.keyHash;
    if (scope === undefined || keyHash === undefined) return payload;
    scope.keyHash = undefined;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      // A request that wrote nothing is released for the client to retry; one whose writes committed must not run
      // again, and a retry is told at once that it was carried out.
      await withoutDiskWait(db, dialect, async (connection) => {
        if (scope.carriedOut)
          await connection.updateTable('idempotency_key').set({ status: ANSWER_LOST }).where('key_hash', '=', keyHash).execute();
        else await connection.deleteFrom('idempotency_key').where('key_hash', '=', keyHash).where('status', '=', 0).execute();
      });
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    const saved: SavedResponse = { headers, body: payload };
    try {
      await withoutDiskWait(db, dialect, (connection) =>
        connection
          .updateTable('idempotency_key')
          .set({ status: reply.statusCode, response: JSON.stringify(saved) })
          .where('key_hash', '=', keyHash)
          .execute(),
      );
    } catch (error) {
      // The request's own writes are committed: its answer goes out. Answering 503 instead (the database went away
      // between the two) made the client send it again. The claim stays marked carried out, so no retry runs it again.
      request.log.warn({ err: error }, 'the response to an Idempotency-Key could not be saved');
    }
    return payload;
  });
}
