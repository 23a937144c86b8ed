import { randomUUID } from 'node:crypto';
import ZongJi, { type AnyBinlogEvent } from '@vlasky/zongji';
import { sql } from 'kysely';
import type { MysqlServer } from '../db/database';
import { HeldLease } from '../db/lease';
import { upsert } from '../db/portable';
import type { EventEnvelope } from './envelope';
import { countPublished, MAX_RETRY_DELAY_MS, OutboxRelay, type Relay, type RelayOptions, relayDelayMs } from './outbox-relay';

export interface BinlogRelayOptions extends RelayOptions {
  server: MysqlServer;
  /** The service's database, whose `outbox` inserts the relay follows. */
  database: string;
  /** The id this relay presents to the server as a replica: unique among everything reading its binary log. */
  serverId: number;
}

interface CommittedRows {
  rows: { seq: number; envelope: string }[];
  /** The GTID position once this transaction is done: where a restart resumes. */
  position: string;
}

/**
 * Publishes the outbox by tailing the MySQL/MariaDB binary log (change data capture, as canal does) instead of polling
 * the table: each committed transaction's outbox inserts are published in commit order, then marked published and
 * the GTID position saved, in one transaction. A restart resumes at the saved position; rows already marked (by the
 * drain at start or shutdown) are skipped, and what a crash between publish and mark sends twice the bus and the
 * consumers' inboxes drop. Without binlog access (binary log off, not row-based, no REPLICATION SLAVE grant) it
 * warns and polls instead.
 */
export class BinlogOutboxRelay implements Relay {
  private readonly poll: OutboxRelay;
  private mode: 'starting' | 'binlog' | 'poll' = 'starting';
  private running = false;
  private loop: Promise<void> | undefined;
  private tail: ZongJi | undefined;
  private tailFailed: Error | undefined;
  /** Transactions read from the log and not yet published, in commit order. */
  private pending: CommittedRows[] = [];
  private publishing: Promise<void> | undefined;
  private readonly holder = randomUUID();
  private readonly positionName: string;
  private wakeUp: (() => void) | undefined;

  constructor(private readonly options: BinlogRelayOptions) {
    this.poll = new OutboxRelay(options);
    this.positionName = `relay:${options.service}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    if (this.mode === 'poll') this.poll.wake();
  }

  drain(more?: () => boolean, signal?: AbortSignal): Promise<number> {
    return this.poll.drain(more, signal);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    if (this.mode === 'poll') await this.poll.stop();
  }

  /** Whether the relay tails the binary log or fell back to polling, for tools and tests. */
  get relayMode(): 'starting' | 'binlog' | 'poll' {
    return this.mode;
  }

  private async run(): Promise<void> {
    const { log, service } = this.options;
    const missing = await this.binlogMissing();
    if (missing) {
      log.warn({ service, reason: missing }, 'the binary log cannot be read; the outbox relay polls instead (OUTBOX_RELAY=binlog)');
      this.mode = 'poll';
      if (this.running) this.poll.start();
      return;
    }
    this.mode = 'binlog';
    const pollMs = this.options.pollMs ?? 1000;
    const now = this.options.now ?? Date.now;
    const lease = new HeldLease(this.options.db, this.options.dialect, `relay:${service}`, this.holder, pollMs * 5);
    let failures = 0;
    while (this.running) {
      try {
        const held = await lease.hold(now());
        if (held && !this.tail) await this.startTail();
        if (!held && this.tail) await this.stopTail();
        if (this.tailFailed) throw this.tailFailed;
        await this.poll.recordBacklog();
        failures = 0;
      } catch (error) {
        failures++;
        log.error({ err: error, service, failures }, 'binlog relay failed; retrying');
        await this.stopTail();
      }
      if (!this.running) break;
      const delay = relayDelayMs(pollMs, failures);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
    await this.stopTail();
    await lease.release().catch(() => undefined);
  }

  /** Why this server's binary log cannot feed the relay, or undefined when it can. */
  private async binlogMissing(): Promise<string | undefined> {
    try {
      const result = await sql<{ logBin: number; format: string }>`SELECT @@log_bin AS logBin, @@binlog_format AS format`.execute(
        this.options.db,
      );
      const row = result.rows[0];
      if (!row || Number(row.logBin) !== 1) return 'the binary log is off (log_bin)';
      if (String(row.format).toUpperCase() !== 'ROW') return `binlog_format is ${row.format}, not ROW`;
      const grants = await sql<Record<string, string>>`SHOW GRANTS`.execute(this.options.db);
      const granted = grants.rows.map((g) => Object.values(g)[0] ?? '').join('\n');
      if (!/ALL PRIVILEGES ON \*\.\*|REPLICATION SLAVE|REPLICATION REPLICA/i.test(granted)) return 'the user lacks REPLICATION SLAVE';
      return undefined;
    } catch (error) {
      return `the server did not say (${(error as Error).message})`;
    }
  }

  /**
   * Rows committed before the tail starts are published by one drain of the table first; the tail then starts at the
   * saved position (or where the log was before the drain) and skips what the drain marked.
   */
  private async startTail(): Promise<void> {
    const { db, server, database, serverId } = this.options;
    const current = await sql<{ position: string }>`SELECT @@gtid_binlog_pos AS position`.execute(db);
    const saved = await db.selectFrom('relay_position').select('position').where('name', '=', this.positionName).executeTakeFirst();
    await this.poll.drain(() => this.running);
    const from = saved?.position ?? current.rows[0]?.position ?? '';
    this.tailFailed = undefined;
    const tail = new ZongJi({ host: server.host, port: server.port, user: server.user, password: server.password });
    let rows: CommittedRows['rows'] = [];
    tail.on('binlog', (event: AnyBinlogEvent) => {
      if (event.getEventName() === 'writerows' && 'rows' in event) {
        for (const row of event.rows as Record<string, unknown>[]) {
          rows.push({ seq: Number(row.seq), envelope: textOf(row.envelope) });
        }
      } else if (event.getEventName() === 'xid' && rows.length > 0) {
        const committed = { rows, position: tail.gtidSet ?? from };
        rows = [];
        this.pending.push(committed);
        this.publishing ??= this.publishPending().finally(() => {
          this.publishing = undefined;
        });
      }
    });
    // Always listened to: an error nobody hears would end the process.
    tail.on('error', (error: Error) => {
      this.tailFailed = error;
      this.wakeUp?.();
    });
    await new Promise<void>((resolve, reject) => {
      // A server that never answers the dump must not hold the relay (and a shutdown) forever.
      const timer = setTimeout(() => {
        tail.stop();
        reject(new Error('the binary log stream did not start within 15 s'));
      }, 15_000);
      tail.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
      tail.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      tail.start({
        gtidSet: from,
        serverId,
        includeEvents: ['tablemap', 'writerows', 'xid'],
        includeSchema: { [database]: ['outbox'] },
      });
    });
    this.tail = tail;
  }

  private async stopTail(): Promise<void> {
    const tail = this.tail;
    this.tail = undefined;
    if (tail) {
      await new Promise<void>((resolve) => {
        tail.once('stopped', () => resolve());
        tail.stop();
        setTimeout(resolve, 2000).unref();
      });
    }
    await this.publishing;
    // What was read but not published is still unpublished in the table: the next start's drain sends it.
    this.pending = [];
  }

  /**
   * Publishes what the log delivered while the previous batch was out, as one batch: one publish, one mark and one
   * saved position for many transactions when commits come faster than one round trip each.
   */
  private async publishPending(): Promise<void> {
    while (this.pending.length > 0 && this.running) {
      let rows = 0;
      let take = 0;
      for (const transaction of this.pending) {
        if (take > 0 && rows + transaction.rows.length > BATCH_ROWS) break;
        rows += transaction.rows.length;
        take++;
      }
      const batch = this.pending.splice(0, take);
      const last = batch.at(-1);
      if (!last) return;
      await this.publish({ rows: batch.flatMap((t) => t.rows), position: last.position });
    }
  }

  /** Publishes one transaction's outbox rows (retrying while the bus refuses), then marks them and saves the position. */
  private async publish(committed: CommittedRows): Promise<void> {
    const { db, bus, log, service, metrics } = this.options;
    const now = this.options.now ?? Date.now;
    for (let attempt = 1; ; attempt++) {
      try {
        const seqs = committed.rows.map((r) => r.seq);
        const marked = await db.selectFrom('outbox').select('seq').where('seq', 'in', seqs).where('published_at', 'is not', null).execute();
        const done = new Set(marked.map((r) => Number(r.seq)));
        const fresh = committed.rows.filter((r) => !done.has(r.seq));
        const events = fresh.map((r) => JSON.parse(r.envelope) as EventEnvelope);
        if (events.length > 0) await bus.publish(events);
        await db.transaction().execute(async (trx) => {
          if (fresh.length > 0) {
            await trx
              .updateTable('outbox')
              .set({ published_at: now() })
              .where(
                'seq',
                'in',
                fresh.map((r) => r.seq),
              )
              .execute();
          }
          const values = { position: committed.position, updated_at: now() };
          await upsert(trx, 'mysql', 'relay_position', { name: this.positionName, ...values }, ['name'], values);
        });
        countPublished(metrics, service, events);
        return;
      } catch (error) {
        log.error({ err: error, service, attempt }, 'binlog relay could not publish; retrying');
        if (!this.running) return;
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, MAX_RETRY_DELAY_MS)));
      }
    }
  }
}

/** Rows a published batch holds at most (a transaction's rows are never split). */
const BATCH_ROWS = 500;

/** TEXT columns arrive as strings or, depending on the charset, as bytes. */
function textOf(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}
