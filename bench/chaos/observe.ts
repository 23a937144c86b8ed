// Reads the owners' databases directly (the suite's own MariaDB): what was published, what each consumer applied.
import { createPool, type Pool, type RowDataPacket } from 'mysql2/promise';
import { ALL_SERVICES } from '../../apps/cli/src/services';
import { SERVICES } from './fleet';

/**
 * The services a run starts. A service the fleet does not run (one added to FieldOps since, like the legacy
 * migration) has no database here: asking for its inbox would fail every observation.
 */
const RUN_SERVICES = ALL_SERVICES.filter((service) => SERVICES.some((name) => name === service.name));

export const database = (service: string) => `chaos_${service}`;

export interface Delivery {
  /** Outbox rows not yet published. */
  unpublished: number;
  /** (consumer, event) pairs published but not yet in the consumer's inbox. */
  unapplied: number;
  /** Events a consumer gave up on (dead letters): not applied. */
  deadLetters: number;
  /** Who is behind: `<service> outbox` or a consumer's name, with how many events. */
  behind: Record<string, number>;
}

export class Observer {
  private readonly pool: Pool;

  constructor(host: string, port: number) {
    this.pool = createPool({ host, port, user: 'root', connectionLimit: 4, connectTimeout: 2_000 });
  }

  async query<T extends RowDataPacket>(sql: string, params: unknown[] = []): Promise<T[]> {
    const [rows] = await this.pool.query<T[]>(sql, params);
    return rows;
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const rows = await this.query<RowDataPacket & { n: number }>(sql, params);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Delivery of the events written before `before` (epoch ms): every outbox row published, and applied by every
   * consumer that takes its type (its inbox has the event id).
   */
  async delivery(before: number): Promise<Delivery> {
    let unpublished = 0;
    let deadLetters = 0;
    const behind: Record<string, number> = {};
    for (const service of SERVICES) {
      const waiting = await this.count(
        `SELECT COUNT(*) AS n FROM ${database(service)}.outbox WHERE published_at IS NULL AND created_at < ?`,
        [before],
      );
      unpublished += waiting;
      if (waiting > 0) behind[`${service} outbox`] = waiting;
      deadLetters += await this.count(`SELECT COUNT(*) AS n FROM ${database(service)}.dead_letter`);
    }
    let unapplied = 0;
    for (const service of RUN_SERVICES) {
      for (const consumer of service.consumers) {
        if (consumer.types.length === 0) continue;
        const types = consumer.types.map(() => '?').join(',');
        const sources = SERVICES.map(
          (source) => `SELECT id FROM ${database(source)}.outbox WHERE type IN (${types}) AND created_at < ?`,
        ).join(' UNION ALL ');
        const params = SERVICES.flatMap(() => [...consumer.types, before]);
        const lag = await this.count(
          // A dead-lettered event is counted once, as a dead letter: waiting for it would never end.
          `SELECT COUNT(*) AS n FROM (${sources}) o WHERE NOT EXISTS (SELECT 1 FROM ${database(service.name)}.inbox i WHERE i.consumer = ? AND i.event_id = o.id)
             AND NOT EXISTS (SELECT 1 FROM ${database(service.name)}.dead_letter d WHERE d.consumer = ? AND d.event_id = o.id)`,
          [...params, consumer.name, consumer.name],
        );
        unapplied += lag;
        if (lag > 0) behind[consumer.name] = lag;
      }
    }
    return { unpublished, unapplied, deadLetters, behind };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
