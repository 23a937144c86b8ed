import net from 'node:net';
import { accountService } from '@fieldops/account';
import { type PlatformTables, purgeExpiredIdempotencyKeys } from '@fieldops/platform';
import { databaseEngines, serviceDb, startTestHost, type TestHost } from '@fieldops/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { notesService } from './fixtures/notes-service';

const engines = await databaseEngines();
const DAY_MS = 24 * 60 * 60 * 1000;

/** Sends bytes as they are, for requests fetch() would encode or refuse to send. */
function rawRequest(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(Buffer.from(text, 'utf8')));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

describe.each(engines)('HTTP conventions on $name', (database) => {
  let t: TestHost;
  let token: string;
  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService, notesService],
      engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo: true,
    });
    token = await t.login('rep1.sg@fieldops.test');
  });
  afterAll(async () => t?.stop());

  it('answers malformed JSON with 400 problem+json', async () => {
    const res = await t.api('POST', '/api/v1/notes', { token, body: '{"text": "unterminated' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, title: 'Malformed JSON', errors: [{ field: '/body' }] });
  });

  it('names every wrong field, and wrong types are not coerced', async () => {
    const res = await t.api('POST', '/api/v1/notes', { token, body: { text: 42, stars: '3', colour: 'red' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['/body/colour', '/body/stars', '/body/text']);
    const count = await t.api('GET', '/api/v1/notes/none', { token });
    expect(count.status).toBe(404);
  });

  it('refuses NUL characters and unpaired surrogates in any string, naming the field', async () => {
    const nul = await t.api('POST', '/api/v1/notes', { token, body: { text: 'before\u0000after' } });
    expect(nul.status).toBe(400);
    expect(nul.headers.get('content-type')).toContain('application/problem+json');
    expect(nul.body.errors).toEqual([{ field: '/body/text', message: expect.stringContaining('NUL') }]);
    // JSON.stringify would escape a lone surrogate as \ud800: it is written out so the raw escape reaches the server.
    const surrogate = await t.api('POST', '/api/v1/notes', { token, body: '{"text":"half \\ud83d of a pair"}' });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.errors).toEqual([{ field: '/body/text', message: expect.stringContaining('surrogate') }]);
    const pair = await t.api('POST', '/api/v1/notes', { token, body: '{"text":"a whole \\ud83d\\ude00 pair"}' });
    expect(pair.status).toBe(201);
    expect(pair.body.text).toBe('a whole \u{1F600} pair');
    const inPath = await t.api('GET', '/api/v1/notes/x%00y', { token });
    expect(inPath.status).toBe(400);
    expect(inPath.body.errors[0].field).toBe('/params/id');
    const inQuery = await t.api('GET', '/healthz?probe=%00');
    expect(inQuery.status).toBe(400);
    expect(inQuery.body.errors[0].field).toBe('/query/probe');
  });

  it('every answer forbids sniffing, framing and referrers, and runs no content of its own', async () => {
    for (const res of [
      await t.api('GET', '/api/v1/notes/none', { token }),
      await t.api('GET', '/healthz'),
      await t.api('GET', '/nothing'),
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('answers URLs the router or Node refuse with problem+json too', async () => {
    const badEncoding = await t.api('GET', '/api/v1/notes/%ZZ', { token });
    expect(badEncoding.status).toBe(400);
    expect(badEncoding.headers.get('content-type')).toContain('application/problem+json');
    expect(badEncoding.headers.get('x-content-type-options')).toBe('nosniff');
    expect(badEncoding.body.errors).toEqual([{ field: '/path', message: 'is not valid percent-encoding' }]);
    // Past any identifier, yet the route still answers: its schema names the parameter.
    const long = await t.api('GET', `/api/v1/notes/${'n'.repeat(300)}`, { token });
    expect(long.status).toBe(404);
    expect(long.headers.get('content-type')).toContain('application/problem+json');
    const tooLong = await t.api('GET', `/api/v1/notes/${'n'.repeat(600)}`, { token });
    expect(tooLong.status).toBe(400);
    expect(tooLong.headers.get('content-type')).toContain('application/problem+json');
    // Node's HTTP parser refuses raw UTF-8 in the request line before Fastify sees the request.
    const raw = await rawRequest(t.url, 'GET /api/v1/notes?q=caf\u00e9 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, title: 'Bad request' });
  });

  it('takes an empty JSON body as no body: a route that needs one names /body', async () => {
    const empty = await t.api('POST', '/api/v1/notes', { token, body: '' });
    expect(empty.status).toBe(400);
    expect(empty.headers.get('content-type')).toContain('application/problem+json');
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(['/body']);
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const res = await t.api('GET', '/api/v1/nothing-here', { token });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('rejects a missing or forged token with 401', async () => {
    expect((await t.api('GET', '/api/v1/notes/x')).status).toBe(401);
    const forged = `${token.slice(0, -4)}AAAA`;
    const res = await t.api('GET', '/api/v1/notes/x', { token: forged });
    expect(res.status).toBe(401);
    expect(res.body.title).toBe('Unauthorized');
  });

  it('echoes a request id, or makes one', async () => {
    const given = await t.api('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await t.api('GET', '/healthz');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('replays a create with the same Idempotency-Key and refuses another body under it', async () => {
    const key = `key-${Math.random()}`;
    const first = await t.api('POST', '/api/v1/notes', { token, body: { text: 'once' }, headers: { 'idempotency-key': key } });
    const again = await t.api('POST', '/api/v1/notes', { token, body: { text: 'once' }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    const other = await t.api('POST', '/api/v1/notes', { token, body: { text: 'twice' }, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
  });

  it('takes a body with its keys in another order as the same request under one Idempotency-Key', async () => {
    const key = `order-${Math.random()}`;
    const headers = { 'idempotency-key': key };
    const first = await t.api('POST', '/api/v1/notes', { token, body: '{"text":"ordered","stars":2}', headers });
    const again = await t.api('POST', '/api/v1/notes', { token, body: '{"stars":2,"text":"ordered"}', headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('keeps idempotency keys per caller', async () => {
    const key = `shared-${Math.random()}`;
    const other = await t.login('rep2.sg@fieldops.test');
    const mine = await t.api('POST', '/api/v1/notes', { token, body: { text: 'a' }, headers: { 'idempotency-key': key } });
    const theirs = await t.api('POST', '/api/v1/notes', { token: other, body: { text: 'a' }, headers: { 'idempotency-key': key } });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('takes a key kept past its day as new, and a claim abandoned by a stopped process as free', async () => {
    const db = serviceDb<Record<string, never>>(t, 'notes');
    const text = `day-old-${Math.random()}`;
    const headers = { 'idempotency-key': `day-${text}` };
    const first = await t.api('POST', '/api/v1/notes', { token, body: { text }, headers });
    expect((await t.api('POST', '/api/v1/notes', { token, body: { text: `${text}-2` }, headers })).status).toBe(422);
    await sql`update idempotency_key set created_at = created_at - ${DAY_MS + 60_000} where response like ${`%${text}%`}`.execute(db);
    const next = await t.api('POST', '/api/v1/notes', { token, body: { text: `${text}-2` }, headers });
    expect(next.status).toBe(201);
    expect(next.body.id).not.toBe(first.body.id);
    // As a process that stopped after its claim, before anything of the request committed: a minute on, a retry runs.
    const abandoned = { 'idempotency-key': `abandoned-${text}` };
    const made = await t.api('POST', '/api/v1/notes', { token, body: { text: `${text}-3` }, headers: abandoned });
    await sql`update idempotency_key set status = 0, response = null, created_at = created_at - 120000
      where response like ${`%${text}-3%`}`.execute(db);
    const retried = await t.api('POST', '/api/v1/notes', { token, body: { text: `${text}-3` }, headers: abandoned });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(retried.body.id).not.toBe(made.body.id);
  });

  it('purges the keys kept past their day, a batch at a time, and no other', async () => {
    const db = serviceDb<PlatformTables>(t, 'notes');
    const text = `purge-${Math.random()}`;
    const letters = ['a', 'b', 'c', 'd', 'e'];
    for (const letter of letters) {
      const headers = { 'idempotency-key': `${text}-${letter}` };
      expect((await t.api('POST', '/api/v1/notes', { token, body: { text: `${text}-${letter}` }, headers })).status).toBe(201);
    }
    const keyOf = (letter: string) => sql<boolean>`response like ${`%${text}-${letter}%`}`;
    for (const letter of ['a', 'b', 'c']) {
      await db
        .updateTable('idempotency_key')
        .set({ created_at: Date.now() - DAY_MS - 1 })
        .where(keyOf(letter))
        .execute();
    }
    const expired = async () =>
      Number(
        (
          await db
            .selectFrom('idempotency_key')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('created_at', '<', Date.now() - DAY_MS)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const due = await expired();
    expect(due).toBeGreaterThanOrEqual(3);
    expect(await purgeExpiredIdempotencyKeys(db, Date.now(), 2)).toBe(due);
    expect(await expired()).toBe(0);
    const left = await Promise.all(
      letters.map(async (letter) => (await db.selectFrom('idempotency_key').select('key_hash').where(keyOf(letter)).execute()).length),
    );
    expect(left).toEqual([0, 0, 0, 1, 1]);
  });

  it('answers 412 when If-Match names an old version', async () => {
    const created = await t.api('POST', '/api/v1/notes', { token, body: { text: 'v1' } });
    const etag = created.headers.get('etag') ?? '';
    const first = await t.api('PATCH', `/api/v1/notes/${created.body.id}`, { token, body: { text: 'v2' }, headers: { 'if-match': etag } });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    const stale = await t.api('PATCH', `/api/v1/notes/${created.body.id}`, { token, body: { text: 'v3' }, headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    const read = await t.api('GET', `/api/v1/notes/${created.body.id}`, { token });
    expect(read.body.text).toBe('v2');
  });

  it('serves health, readiness and Prometheus metrics', async () => {
    expect((await t.api('GET', '/healthz')).status).toBe(200);
    const ready = await t.api('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({ bus: true, cache: true, 'db:account': true, 'db:notes': true });
    const metrics = await fetch(`${t.url}/metrics`).then((r) => r.text());
    expect(metrics).toContain('fieldops_http_request_duration_seconds_bucket');
    expect(metrics).toContain('route="/api/v1/notes"');
    // Relayed by a proxy on this machine: the caller is not local, and there is no METRICS_TOKEN to prove otherwise.
    const relayed = await t.api('GET', '/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(relayed.status).toBe(403);
    expect(relayed.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('Idempotency-Key claims on SQLite', () => {
  const sqlite = engines.find((engine) => engine.name === 'sqlite');
  let t: TestHost;
  beforeAll(async () => {
    if (!sqlite) throw new Error('the SQLite engine is always there');
    t = await startTestHost({
      services: [accountService, notesService],
      engines: { name: sqlite.name, database: sqlite, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo: true,
    });
  });
  afterAll(async () => t?.stop());

  it('leave the connection at the durable level for every other write, and still replay', async () => {
    const token = await t.login('rep1.sg@fieldops.test');
    const db = serviceDb<Record<string, never>>(t, 'notes');
    const level = async () => (await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]?.synchronous;
    // 2 is FULL: an acknowledged commit survives a power cut.
    expect(await level()).toBe(2);
    const made = await Promise.all(
      ['a', 'b', 'c'].map((text) =>
        t.api('POST', '/api/v1/notes', { token, body: { text }, headers: { 'idempotency-key': `sync-${text}-${Math.random()}` } }),
      ),
    );
    expect(made.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(await level()).toBe(2);
    const again = await t.api('POST', '/api/v1/notes', { token, body: { text: 'a' }, headers: { 'idempotency-key': 'sync-again' } });
    const replayed = await t.api('POST', '/api/v1/notes', { token, body: { text: 'a' }, headers: { 'idempotency-key': 'sync-again' } });
    expect(replayed.body.id).toBe(again.body.id);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answer a request whose writes committed even when its response cannot be saved for a retry', async () => {
    const token = await t.login('rep1.sg@fieldops.test');
    const db = serviceDb<Record<string, never>>(t, 'notes');
    // The database refuses the saving of a response, as when it goes away right after the request's commit.
    await sql`create trigger refuse_saved_response before update on idempotency_key when new.response is not null
      begin select raise(abort, 'the database went away'); end`.execute(db);
    try {
      const made = await t.api('POST', '/api/v1/notes', { token, body: { text: 'kept' }, headers: { 'idempotency-key': 'unsaved' } });
      expect(made.status).toBe(201);
      const stored = await t.api('GET', `/api/v1/notes/${made.body.id}`, { token });
      expect(stored.body).toMatchObject({ id: made.body.id, text: 'kept' });
    } finally {
      await sql`drop trigger refuse_saved_response`.execute(db);
    }
  });

  it('never run a request a second time whose writes committed but whose answer was lost, however late the retry', async () => {
    const token = await t.login('rep1.sg@fieldops.test');
    const db = serviceDb<Record<string, never>>(t, 'notes');
    const texts = ['a', 'b', 'c', 'd'].map((letter) => `once-${letter}-${Math.random()}`);
    const send = (text: string) =>
      t.api('POST', '/api/v1/notes', { token, body: { text }, headers: { 'idempotency-key': `lost-${text}` } });
    const notes = async (text: string) =>
      Number((await sql<{ n: number }>`select count(*) as n from note where text = ${text}`.execute(db)).rows[0]?.n);
    // As a process that stops between the request's commit and saving its answer: the answer is never kept. Sent at
    // once, the requests share one commit (group commit): each must mark its own claim.
    await sql`create trigger lose_answer before update on idempotency_key when new.response is not null
      begin select raise(abort, 'the process stopped'); end`.execute(db);
    try {
      expect((await Promise.all(texts.map(send))).map((r) => r.status)).toEqual([201, 201, 201, 201]);
    } finally {
      await sql`drop trigger lose_answer`.execute(db);
    }
    const soon = await send(texts[0] ?? '');
    expect(soon.status).toBe(409);
    expect(soon.body).toMatchObject({ code: 'in-progress', detail: expect.stringContaining('still being processed') });
    // Past the time after which a claim with nothing committed counts as abandoned (and its request may run again).
    await sql`update idempotency_key set created_at = created_at - 120000 where response is null`.execute(db);
    for (const text of texts) {
      const late = await send(text);
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'answer-lost' });
      expect(await notes(text)).toBe(1);
    }
  });

  it('tell a retry at once that a request which failed after its commit was carried out, and never run it again', async () => {
    const token = await t.login('rep1.sg@fieldops.test');
    const db = serviceDb<Record<string, never>>(t, 'notes');
    const text = `failed-late-${Math.random()}`;
    const send = () =>
      t.api('POST', '/api/v1/notes', { token, body: { text, failAfterCommit: true }, headers: { 'idempotency-key': `late-${text}` } });
    expect((await send()).status).toBe(500);
    const retried = await send();
    expect(retried.status).toBe(409);
    expect(retried.body).toMatchObject({ code: 'answer-lost' });
    const notes = await sql<{ n: number }>`select count(*) as n from note where text = ${text}`.execute(db);
    expect(Number(notes.rows[0]?.n)).toBe(1);
  });

  it("shows beside the test the host's error behind a 500, which a test host otherwise keeps off the console", async () => {
    const token = await t.login('rep1.sg@fieldops.test');
    const shown = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await t.api('POST', '/api/v1/notes', { token, body: { text: `shown-${Math.random()}`, failAfterCommit: true } });
      expect(res.status).toBe(500);
      const printed = shown.mock.calls.map((call) => String(call[0])).join('\n');
      expect(printed).toContain('POST /api/v1/notes answered 500');
      expect(printed).toContain('the step after the commit failed');
      expect(printed).toContain(String(res.body.requestId));
      shown.mockClear();
      expect((await t.api('GET', `/api/v1/notes/${crypto.randomUUID()}`, { token })).status).toBe(404);
      expect(shown).not.toHaveBeenCalled();
    } finally {
      shown.mockRestore();
    }
  });

  it('release the claim of a request that wrote nothing and failed, so a retry runs it', async () => {
    const token = await t.login('rep1.sg@fieldops.test');
    const db = serviceDb<Record<string, never>>(t, 'notes');
    const text = `retried-${Math.random()}`;
    const send = () => t.api('POST', '/api/v1/notes', { token, body: { text }, headers: { 'idempotency-key': `failed-${text}` } });
    // The request's own transaction fails: nothing of it commits, the mark included.
    await sql`create trigger refuse_note before insert on note begin select raise(abort, 'disk full'); end`.execute(db);
    try {
      expect((await send()).status).toBe(500);
    } finally {
      await sql`drop trigger refuse_note`.execute(db);
    }
    const retried = await send();
    expect(retried.status).toBe(201);
    expect(retried.body.text).toBe(text);
  });
});
