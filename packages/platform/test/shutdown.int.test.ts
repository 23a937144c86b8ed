import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { accountService } from '@fieldops/account';
import { eventually } from '@fieldops/testing';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createLogger, defineService, Host, loadConfig, openDatabase, type PlatformTables } from '../src/index';
import { consumerCalls, consumerDelay, type NotesDb, notes, notesService, writeNoteEvents } from './fixtures/notes-service';

describe('graceful shutdown', () => {
  it('finishes the request in flight, refuses new ones, and publishes what was committed', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-stop-'));
    const config = loadConfig({ DATA_DIR: dataDir, HOST: '127.0.0.1' });
    config.port = 0;
    const host = await Host.start({ config, services: [accountService, notesService], log: createLogger('silent') });
    try {
      await host.seedDemo();
      const url = host.url;
      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'rep1.sg@fieldops.test', password: 'demo1234' }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const created = await fetch(`${url}/api/v1/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ text: 'in flight' }),
      });
      const { id } = (await created.json()) as { id: string };
      if (!notes.ctx) throw new Error('notes service did not start');
      const ctx = notes.ctx;

      const slow = fetch(`${url}/api/v1/notes/${id}?delayMs=700`, { headers: { authorization: `Bearer ${accessToken}` } });
      await new Promise((resolve) => setTimeout(resolve, 150));
      await writeNoteEvents(ctx, 'committed-just-before-stop', 20);
      const stopping = host.stop();

      const response = await slow;
      expect(response.status).toBe(200);
      expect(((await response.json()) as { text: string }).text).toBe('in flight');
      await stopping;
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    } finally {
      await host.stop();
    }
    const reopened = await openDatabase<PlatformTables>(`sqlite:${dataDir}`, 'notes');
    const db = reopened.db as Kysely<PlatformTables>;
    const unpublished = await db.selectFrom('outbox').select('id').where('published_at', 'is', null).execute();
    await reopened.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(unpublished).toHaveLength(0);
  });

  it('serves a PATCH sent on a kept-alive connection as the stop begins, and closes the connection after answering it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-stop-'));
    const config = loadConfig({ DATA_DIR: dataDir, HOST: '127.0.0.1' });
    config.port = 0;
    const host = await Host.start({ config, services: [accountService, notesService], log: createLogger('silent') });
    // One kept-alive connection, as a gateway holds to a replica: every request below travels on it.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, route: string, body?: unknown, token?: string) =>
      new Promise<{ status: number; connection: string | undefined; json: unknown }>((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const request = http.request(
          `${host.url}${route}`,
          {
            method,
            agent,
            headers: {
              ...(payload ? { 'content-type': 'application/json' } : {}),
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                connection: response.headers.connection,
                json: JSON.parse(Buffer.concat(chunks).toString() || 'null'),
              }),
            );
          },
        );
        request.on('error', reject);
        request.end(payload);
      });
    try {
      await host.seedDemo();
      const login = await send('POST', '/api/v1/auth/login', { email: 'rep1.sg@fieldops.test', password: 'demo1234' });
      const token = (login.json as { accessToken: string }).accessToken;
      const created = await send('POST', '/api/v1/notes', { text: 'before the stop' }, token);
      const { id } = created.json as { id: string };

      const stopping = host.stop();
      const patched = await send('PATCH', `/api/v1/notes/${id}`, { text: 'sent as the stop began' }, token);
      expect(patched.status).toBe(200);
      expect(patched.json).toMatchObject({ text: 'sent as the stop began', version: 2 });
      // The client's next request opens a new connection, which a balancer sends to another replica.
      expect(patched.connection).toBe('close');
      await stopping;
    } finally {
      agent.destroy();
      await host.stop();
    }
    const reopened = await openDatabase<NotesDb>(`sqlite:${dataDir}`, 'notes');
    const row = await (reopened.db as Kysely<NotesDb>)
      .selectFrom('note')
      .select('text')
      .where('text', '=', 'sent as the stop began')
      .executeTakeFirst();
    await reopened.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(row).toBeDefined();
  });

  it('does not wait for consumers to work through a backlog: the rest stays in the outbox and the next start delivers it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-stop-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    const start = () => Host.start({ config, services: [notesService], listen: false, log: createLogger('silent') });
    const db = () => notes.ctx?.db as unknown as Kysely<NotesDb & PlatformTables>;
    const backlog = 2_000;
    let host = await start();
    try {
      // 20 ms an event on the in-process bus: the whole backlog would hold the stop for 40 s.
      consumerDelay.ms = 20;
      if (!notes.ctx) throw new Error('notes service did not start');
      // One commit, as a bulk import or a demo seed makes them.
      await notes.ctx.transact(async (_trx, events) => {
        for (let n = 1; n <= backlog; n++)
          await events.append({ type: 'platform.probe.written.v1', subject: 'backlog', data: { id: 'backlog', n } });
      });
      await host.stop();
      const reopened = await openDatabase<PlatformTables>(`sqlite:${dataDir}`, 'notes');
      const left = await (reopened.db as Kysely<PlatformTables>)
        .selectFrom('outbox')
        .select('id')
        .where('published_at', 'is', null)
        .execute();
      await reopened.close();
      expect(left.length).toBeGreaterThan(0);
      expect(left.length).toBeLessThan(backlog);

      consumerDelay.ms = 0;
      host = await start();
      await eventually(
        async () => {
          const applied = await db().selectFrom('applied_event').select('event_id').where('subject', '=', 'backlog').execute();
          expect(applied).toHaveLength(backlog);
          expect(new Set(applied.map((r) => r.event_id)).size).toBe(backlog);
        },
        { timeoutMs: 60_000 },
      );
    } finally {
      consumerDelay.ms = 0;
      await host.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('ends the in-process delivery of a batch between two events, leaving the batch to the next start', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-stop-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    const start = () => Host.start({ config, services: [notesService], listen: false, log: createLogger('silent'), shutdownDrainMs: 0 });
    const applied = async () => {
      if (!notes.ctx) throw new Error('notes service did not start');
      return notes.ctx.db.selectFrom('applied_event').select('event_id').where('subject', '=', 'batch').execute();
    };
    // Fewer than the relay's batch of 200: they are all in the one delivery the stop interrupts.
    const events = 150;
    let host = await start();
    try {
      // 20 ms an event: the whole batch would hold the stop for three seconds.
      consumerDelay.ms = 20;
      if (!notes.ctx) throw new Error('notes service did not start');
      await notes.ctx.transact(async (_trx, outbox) => {
        for (let n = 1; n <= events; n++)
          await outbox.append({ type: 'platform.probe.written.v1', subject: 'batch', data: { id: 'batch', n } });
      });
      // The delivery is under way: its events are being applied in one transaction, which the stop rolls back.
      const callsBefore = consumerCalls.n;
      await eventually(async () => expect(consumerCalls.n).toBeGreaterThan(callsBefore));
      await host.stop();
      const reopened = await openDatabase<NotesDb & PlatformTables>(`sqlite:${dataDir}`, 'notes');
      const db = reopened.db as Kysely<NotesDb & PlatformTables>;
      const appliedAtStop = await db.selectFrom('applied_event').select('event_id').where('subject', '=', 'batch').execute();
      const unpublished = await db.selectFrom('outbox').select('id').where('published_at', 'is', null).execute();
      await reopened.close();
      expect(appliedAtStop.length).toBeLessThan(events);
      // Not marked published: it comes again, and the inbox skips what was applied.
      expect(unpublished).toHaveLength(events);

      consumerDelay.ms = 0;
      host = await start();
      await eventually(async () => {
        const all = await applied();
        expect(all).toHaveLength(events);
        expect(new Set(all.map((r) => r.event_id)).size).toBe(events);
      });
    } finally {
      consumerDelay.ms = 0;
      await host.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('closes a connection that ends before its first byte (the port speaks HTTP/1.1 and HTTP/2 alike), so it holds no stop', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-stop-'));
    const config = loadConfig({ DATA_DIR: dataDir, HOST: '127.0.0.1' });
    config.port = 0;
    // The account service answers RPC: its port tells the protocols apart by a connection's first bytes.
    const host = await Host.start({ config, services: [accountService], log: createLogger('silent') });
    try {
      // A balancer's or a proxy's connection opened ahead and given up unused: it ends without a byte.
      const socket = net.connect(Number(new URL(host.url).port), '127.0.0.1');
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.on('error', () => undefined);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.end();
      // Left half-open, the server's side would wait for a byte that never comes, and its close with it.
      await closed;
      expect(socket.destroyed).toBe(true);
    } finally {
      await host.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('ends even when a job never finishes: the stuck step is left behind and the databases are closed', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-stop-'));
    let started!: () => void;
    const jobStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const stuckJob = () => {
      started();
      return new Promise<void>(() => {});
    };
    const stuck = defineService<Record<string, never>>({
      name: 'stuck',
      migrations: [],
      // A job waiting on something that never answers (a lock, a dead peer without a timeout).
      jobs: [{ name: 'forever', everyMs: 50, run: stuckJob }],
    });
    const host = await Host.start({
      config: loadConfig({ DATA_DIR: dataDir }),
      services: [stuck],
      listen: false,
      log: createLogger('silent'),
    });
    await jobStarted;
    await host.stop();
    // The stop went on to close the database: it can be opened and written by another process's start.
    const reopened = await openDatabase<PlatformTables>(`sqlite:${dataDir}`, 'stuck');
    await (reopened.db as Kysely<PlatformTables>).selectFrom('outbox').select('id').execute();
    await reopened.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});
