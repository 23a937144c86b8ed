import { accountService } from '@fieldops/account';
import { binlogRelayEngines, eventually, hostEngines, startTestHost, type TestHost } from '@fieldops/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventEnvelope, listDeadLetters, type PlatformTables } from '../src/index';
import { consumerFailures, type NotesDb, notes, notesService, writeNoteEvents } from './fixtures/notes-service';

// The same suite with the outbox relayed from the binary log instead of by polling.
const binlog = await binlogRelayEngines();
const engines = [...(await hostEngines()), ...binlog.engines];
afterAll(() => binlog.stop(), 60_000);

describe.each(engines)('outbox → bus → idempotent consumer on $name', (engine) => {
  let t: TestHost;
  let db: Kysely<NotesDb & PlatformTables>;
  beforeAll(async () => {
    t = await startTestHost({ services: [accountService, notesService], engines: engine, seedDemo: true });
    if (!notes.ctx) throw new Error('notes service did not start');
    db = notes.ctx.db as unknown as Kysely<NotesDb & PlatformTables>;
  });
  afterAll(async () => t?.stop());

  const notesCtx = () => {
    if (!notes.ctx) throw new Error('notes service did not start');
    return notes.ctx;
  };
  const applied = async (subject: string) =>
    (await db.selectFrom('applied_event').select('event_id').where('subject', '=', subject).orderBy('seq').execute()).map(
      (r) => r.event_id,
    );
  const outboxIds = async (subject: string) =>
    (await db.selectFrom('outbox').select('id').where('subject', '=', subject).orderBy('seq').execute()).map((r) => r.id);

  it('an event written with a note over HTTP reaches the consumer and the outbox row is marked published', async () => {
    const token = await t.login('rep1.sg@fieldops.test');
    const created = await t.api('POST', '/api/v1/notes', { token, body: { text: 'hello' } });
    expect(created.status).toBe(201);
    await eventually(async () => expect(await applied(created.body.id)).toHaveLength(1));
    const published = () =>
      db.selectFrom('outbox').select(['published_at', 'envelope']).where('subject', '=', created.body.id).executeTakeFirstOrThrow();
    // On a durable bus the consumer may apply the event before the relay, whose publish it follows, marks the row.
    await eventually(async () => expect((await published()).published_at).not.toBeNull());
    const row = await published();
    const envelope = JSON.parse(row.envelope) as EventEnvelope;
    expect(envelope).toMatchObject({ specversion: '1.0', source: 'notes', type: 'platform.probe.written.v1', subject: created.body.id });
  });

  it('applies the events of one subject in commit order', async () => {
    const subject = `ordered-${Math.random()}`;
    await writeNoteEvents(notesCtx(), subject, 30);
    const expected = await outboxIds(subject);
    await eventually(async () => expect(await applied(subject)).toEqual(expected));
  });

  it('applies a redelivered event once', async () => {
    const subject = `dup-${Math.random()}`;
    await writeNoteEvents(notesCtx(), subject, 1);
    await eventually(async () => expect(await applied(subject)).toHaveLength(1));
    const row = await db.selectFrom('outbox').select('envelope').where('subject', '=', subject).executeTakeFirstOrThrow();
    const event = JSON.parse(row.envelope) as EventEnvelope;
    // Published again, as a relay that crashed after publishing but before marking the row would do.
    await t.host.runtime.bus.publish([event]);
    const service = t.host.service('notes');
    expect(await service?.replayDeadLetter(event, 'notes.counter')).toBe('duplicate');
    await writeNoteEvents(notesCtx(), `${subject}-after`, 1);
    await eventually(async () => expect(await applied(`${subject}-after`)).toHaveLength(1));
    expect(await applied(subject)).toHaveLength(1);
  });

  it('retries a failing handler with backoff and then applies the event', async () => {
    const subject = `retry-${Math.random()}`;
    consumerFailures.remaining = 2;
    await writeNoteEvents(notesCtx(), subject, 1);
    await eventually(async () => expect(await applied(subject)).toHaveLength(1));
    expect(consumerFailures.remaining).toBeLessThanOrEqual(0);
    consumerFailures.remaining = 0;
  });

  it('keeps retrying while a service it depends on is unavailable (past the attempts that dead-letter other failures), then applies the event', async () => {
    const subject = `unavailable-${Math.random()}`;
    consumerFailures.unavailable = 8;
    await writeNoteEvents(notesCtx(), subject, 1);
    await eventually(async () => expect(await applied(subject)).toHaveLength(1), { timeoutMs: 30_000 });
    expect(consumerFailures.unavailable).toBe(0);
    expect((await listDeadLetters(db)).some((l) => l.event.subject === subject)).toBe(false);
  });

  it('moves an event that keeps failing to the dead-letter table, and a replay applies it', async () => {
    const subject = `dead-${Math.random()}`;
    consumerFailures.permanent = true;
    await writeNoteEvents(notesCtx(), subject, 1);
    const letter = await eventually(async () => {
      const letters = await listDeadLetters(db);
      const found = letters.find((l) => l.event.subject === subject);
      expect(found).toBeDefined();
      return found;
    });
    expect(letter?.attempts).toBe(5);
    expect(letter?.error).toContain('failing on purpose');
    expect(await applied(subject)).toHaveLength(0);
    consumerFailures.permanent = false;
    consumerFailures.remaining = 0;
    if (!letter) return;
    expect(await t.host.service('notes')?.replayDeadLetter(letter.event, letter.consumer)).toBe('applied');
    expect(await applied(subject)).toHaveLength(1);
  });

  it('applies events published together in order, and one that keeps failing does not hold back the others', async () => {
    const tag = Math.random();
    const [before, broken, after] = [`before-${tag}`, `broken-${tag}`, `after-${tag}`];
    consumerFailures.subject = broken;
    // One transaction, so the relay takes all of them in one batch.
    await notesCtx().transact(async (_trx, events) => {
      for (const subject of [before, broken, after]) {
        for (let n = 1; n <= (subject === broken ? 1 : 10); n++) {
          await events.append({ type: 'platform.probe.written.v1', subject, data: { id: subject, n } });
        }
      }
    });
    await eventually(async () => {
      const letters = await listDeadLetters(db);
      expect(letters.some((l) => l.event.subject === broken)).toBe(true);
    });
    consumerFailures.subject = undefined;
    await eventually(async () => expect(await applied(after)).toEqual(await outboxIds(after)));
    expect(await applied(before)).toEqual(await outboxIds(before));
    expect(await applied(broken)).toEqual([]);
  });
});
