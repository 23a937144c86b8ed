import { eventually, type MariaDbServer, mariadbdAvailable, mariadbEngineAt, startMariaDb, startTestHost } from '@fieldops/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinlogOutboxRelay, type PlatformTables } from '../src/index';
import { type NotesDb, notes, notesService, writeNoteEvents } from './fixtures/notes-service';

const db = () => notes.ctx?.db as unknown as Kysely<NotesDb & PlatformTables>;
const applied = async (subject: string) =>
  (await db().selectFrom('applied_event').select('event_id').where('subject', '=', subject).orderBy('seq').execute()).map(
    (r) => r.event_id,
  );
const committed = async (subject: string) =>
  (await db().selectFrom('outbox').select('id').where('subject', '=', subject).orderBy('seq').execute()).map((r) => r.id);
const relayMode = (t: Awaited<ReturnType<typeof startTestHost>>) => {
  const relay = t.host.service('notes')?.relay;
  return relay instanceof BinlogOutboxRelay ? relay.relayMode : 'poll-only';
};

describe.runIf(await mariadbdAvailable())('the outbox relayed from the binary log', () => {
  let server: MariaDbServer;
  beforeAll(async () => {
    server = await startMariaDb({ serverId: 1 });
  }, 120_000);
  afterAll(async () => server?.destroy(), 60_000);

  it('tails the log, publishes in commit order and keeps its GTID position', { timeout: 120_000 }, async () => {
    const created = mariadbEngineAt(server.url).create();
    const env = { DATABASE_URL: created.url, OUTBOX_RELAY: 'binlog' };
    const t = await startTestHost({ services: [notesService], env });
    try {
      await eventually(async () => expect(relayMode(t)).toBe('binlog'));
      if (!notes.ctx) throw new Error('notes service did not start');
      await writeNoteEvents(notes.ctx, 'tailed', 20);
      await eventually(async () => expect(await applied('tailed')).toEqual(await committed('tailed')));
      const position = await db().selectFrom('relay_position').select('position').executeTakeFirstOrThrow();
      const [primary] = await server.sql('SELECT @@gtid_binlog_pos AS position');
      // The saved position is the primary's own GTID position once the last outbox transaction went out.
      expect(position.position).toMatch(/^0-1-\d+$/);
      expect(Number(position.position.split('-')[2])).toBeLessThanOrEqual(Number(String(primary?.position).split('-')[2]));
    } finally {
      await t.stop();
      await created.cleanup(['notes']);
    }
  });

  it('resumes after a restart from its position: what was written meanwhile goes out once', { timeout: 120_000 }, async () => {
    const created = mariadbEngineAt(server.url).create();
    const env = { DATABASE_URL: created.url, OUTBOX_RELAY: 'binlog' };
    const first = await startTestHost({ services: [notesService], env: { ...env } });
    try {
      if (!notes.ctx) throw new Error('notes service did not start');
      await eventually(async () => expect(relayMode(first)).toBe('binlog'));
      await writeNoteEvents(notes.ctx, 'before', 5);
      await eventually(async () => expect(await applied('before')).toHaveLength(5));
      // Stop the relay alone: rows committed now wait in the log (and the table) for the next start.
      await first.host.service('notes')?.relay.stop();
      await writeNoteEvents(notes.ctx, 'meanwhile', 5);
      expect(await applied('meanwhile')).toHaveLength(0);
      first.host.service('notes')?.relay.start();
      await eventually(async () => expect(await applied('meanwhile')).toEqual(await committed('meanwhile')));
      expect(await applied('before')).toEqual(await committed('before'));
    } finally {
      await first.stop();
      await created.cleanup(['notes']);
    }
  });
});

describe.runIf(await mariadbdAvailable())('the binlog relay on a server without a binary log', () => {
  let server: MariaDbServer;
  beforeAll(async () => {
    server = await startMariaDb({ serverId: 1, binlog: false });
  }, 120_000);
  afterAll(async () => server?.destroy(), 60_000);

  it('polls instead, with a warning, and delivers every event', { timeout: 120_000 }, async () => {
    const [row] = await server.sql('SELECT @@log_bin AS logBin');
    expect(Number(row?.logBin)).toBe(0);
    const created = mariadbEngineAt(server.url).create();
    const t = await startTestHost({ services: [notesService], env: { DATABASE_URL: created.url, OUTBOX_RELAY: 'binlog' } });
    try {
      await eventually(async () => expect(relayMode(t)).toBe('poll'));
      if (!notes.ctx) throw new Error('notes service did not start');
      await writeNoteEvents(notes.ctx, 'polled', 5);
      await eventually(async () => expect(await applied('polled')).toEqual(await committed('polled')));
    } finally {
      await t.stop();
      await created.cleanup(['notes']);
    }
  });
});
