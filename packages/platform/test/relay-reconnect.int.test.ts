import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { enginesRequired, eventually, startTestHost, type TestHost } from '@fieldops/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsEventBus, OutboxRelay, platformTables } from '../src/index';
import { notes, notesService, writeNoteEvents } from './fixtures/notes-service';

// A relay whose broker went away for a while: what piled up in the outbox goes out once the broker is back, without
// waiting out the backoff its failures grew. Its own NATS server, as the test stops and starts it.
const natsServer = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
})();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

class NatsProcess {
  private child: ChildProcess | undefined;
  constructor(
    readonly port: number,
    private readonly storeDir: string,
  ) {}

  async start(): Promise<void> {
    this.child = spawn(natsServer, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir], { stdio: 'ignore' });
    await eventually(
      () =>
        new Promise<void>((resolve, reject) => {
          const socket = net.connect(this.port, '127.0.0.1', () => {
            socket.destroy();
            resolve();
          });
          socket.once('error', reject);
        }),
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

// In CI a missing nats-server fails the suite instead of skipping it.
describe.runIf(natsServer !== '' || enginesRequired)('an outbox relay across a broker outage', () => {
  let t: TestHost;
  let nats: NatsProcess;
  let bus: NatsEventBus;
  let relay: OutboxRelay;
  const failures: string[] = [];
  const platformDb = () => {
    if (!notes.ctx) throw new Error('the notes service has not started');
    return platformTables(notes.ctx.db);
  };
  const unpublished = async (subject: string) =>
    (await platformDb().selectFrom('outbox').select('id').where('subject', '=', subject).where('published_at', 'is', null).execute())
      .length;

  beforeAll(async () => {
    t = await startTestHost({ services: [notesService] });
    // The host's own relay publishes to its in-process bus; this test's relay publishes to a broker it can stop.
    await t.host.service('notes')?.relay.stop();
    nats = new NatsProcess(await freePort(), fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-relay-nats-')));
    await nats.start();
    bus = await NatsEventBus.connect(`nats://127.0.0.1:${nats.port}`, { stream: 'RELAY_RECONNECT', subjectPrefix: 'relayreconnect' });
    const log = pino({ level: 'error' }, { write: (line: string) => failures.push(line) });
    // A poll so long that only a commit, a retry or the bus coming back makes the relay try again.
    relay = new OutboxRelay({ service: 'notes', db: platformDb(), dialect: 'sqlite', bus, log, pollMs: 600_000 });
    relay.start();
  }, 120_000);

  afterAll(async () => {
    await relay?.stop();
    await bus?.close();
    await nats?.stop();
    await t?.stop();
  }, 60_000);

  it('publishes what the outage left once the broker is back, not after its backoff', { timeout: 120_000 }, async () => {
    const ctx = notes.ctx;
    if (!ctx) throw new Error('notes service did not start');
    await writeNoteEvents(ctx, 'before-outage', 2);
    relay.wake();
    await eventually(async () => expect(await unpublished('before-outage')).toBe(0), { timeoutMs: 30_000 });

    await nats.stop();
    await writeNoteEvents(ctx, 'during-outage', 3);
    relay.wake();
    // The relay tried and failed: it now waits out a backoff (before the fix up to 30 s, growing with each failure).
    await eventually(() => expect(failures.join('')).toContain('outbox relay failed'), { timeoutMs: 60_000, intervalMs: 100 });
    expect(await unpublished('during-outage')).toBe(3);

    await nats.start();
    // No commit wakes it: the broker's return alone must. Well inside the old 30 s backoff.
    await eventually(async () => expect(await unpublished('during-outage')).toBe(0), { timeoutMs: 20_000, intervalMs: 100 });
  });
});
