import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { dropMysqlDatabase } from '@fieldops/platform';
import { engineAvailable, enginesRequired, engineUrls, eventually } from '@fieldops/testing';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEnvelope, type EventEnvelope } from '../src/events/envelope';
import { deleteNatsStream, NatsEventBus } from '../src/events/nats-event-bus';
import { applyInto, createLedger } from './fixtures/shared-ledger';

// A lease holder that is paused (a long GC, SIGSTOP, a frozen VM) wakes up after another instance took its consumer
// over: it must not apply one more event, or an older event of a subject could land after a newer one.
const enginesUp = (await engineAvailable('nats')) && (await engineAvailable('mariadb'));
if (!enginesUp) {
  describe('NATS paused lease holder', () => {
    it('is left out because NATS or MariaDB does not answer on this machine (never in CI)', () => {
      expect(enginesRequired).toBe(false);
    });
  });
}

const TYPE = 'account.user.updated.v1';
const SUBJECTS = 6;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const consumerScript = path.join(import.meta.dirname, 'fixtures', 'paused-consumer.ts');

describe.runIf(enginesUp)('NATS paused lease holder', () => {
  const id = Math.random().toString(36).slice(2, 10);
  const stream = `FIELDOPS_TEST_${id.toUpperCase()}`;
  const subjectPrefix = `fieldopstest${id}`;
  const consumer = `test-${id}.projection`;
  const database = `fot_paused_${id}`;
  let pool: Pool | undefined;
  const buses: NatsEventBus[] = [];
  let child: ChildProcess | undefined;

  afterAll(async () => {
    child?.kill('SIGCONT');
    child?.kill('SIGKILL');
    await Promise.allSettled(buses.map((b) => b.close()));
    await deleteNatsStream(engineUrls.nats, stream);
    await pool?.end();
    await dropMysqlDatabase(engineUrls.mariadb, database);
  });

  it('applies every event once and each subject in publish order when the holder wakes after a takeover', { timeout: 60_000 }, async () => {
    const ledger = await createLedger(engineUrls.mariadb, database);
    pool = ledger;
    const publisher = await NatsEventBus.connect(engineUrls.nats, { stream, subjectPrefix, ackWaitMs: 1_000 });
    buses.push(publisher);
    const published: EventEnvelope[] = [];
    let n = 0;
    const publishSome = async (rounds: number) => {
      for (let r = 0; r < rounds; r++, n++) {
        const batch = Array.from({ length: SUBJECTS }, (_, s) =>
          buildEnvelope('test', { type: TYPE, subject: `user-${s}`, data: { n } }, Date.now()),
        );
        published.push(...batch);
        await publisher.publish(batch);
      }
    };
    const appliedCount = async () => {
      const [rows] = await ledger.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM applied');
      return Number(rows[0]?.n);
    };

    // The first instance, in a process of its own, takes the consumer and works through a steady stream of events.
    child = spawn(
      process.execPath,
      ['--import', 'tsx', consumerScript, engineUrls.nats, stream, subjectPrefix, consumer, engineUrls.mariadb, database, TYPE],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child?.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('subscribed') && resolve());
      child?.once('exit', (code) => reject(new Error(`the consumer process exited with ${code}`)));
    });
    await publishSome(20);
    await eventually(async () => expect(await appliedCount()).toBeGreaterThan(30), { timeoutMs: 20_000 });

    // Paused mid-work for longer than its lease lives; meanwhile a second instance takes the consumer over.
    child.kill('SIGSTOP');
    const second = await NatsEventBus.connect(engineUrls.nats, { stream, subjectPrefix, ackWaitMs: 1_000 });
    buses.push(second);
    await second.subscribe({ consumer, types: [TYPE], handle: (event, fence) => applyInto(ledger, 'second', event, fence) });
    const publishing = publishSome(40);
    await sleep(4_000);
    // It wakes with messages in hand and its pull still open, while events keep coming.
    child.kill('SIGCONT');
    await publishing;
    await publishSome(20);

    await eventually(async () => expect(await appliedCount()).toBe(published.length), { timeoutMs: 30_000 });
    const [rows] = await ledger.query<RowDataPacket[]>('SELECT subject, event_id, instance FROM applied ORDER BY seq');
    for (let s = 0; s < SUBJECTS; s++) {
      const subject = `user-${s}`;
      expect(rows.filter((r) => r.subject === subject).map((r) => r.event_id)).toEqual(
        published.filter((e) => e.subject === subject).map((e) => e.id),
      );
    }
    // The takeover happened: the second instance applied the later events.
    expect(rows.at(-1)?.instance).toBe('second');
  });
});
