import { Kysely, MysqlDialect, type MysqlPool } from 'kysely';
import type { Pool } from 'mysql2';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics';
import { consistencyToken } from './consistency';

export interface ReplicaSettings {
  /** A replica further behind than this (Seconds_Behind_Master) is taken out of rotation. */
  maxLagSeconds: number;
  /** How long a read with a consistency token waits for a replica to apply it before asking the primary. */
  waitMs: number;
  /** How often each replica is checked. */
  checkMs: number;
}

export interface ReplicaEndpoint {
  /** `host:port`, the metric's `replica` label. */
  name: string;
  pool: Pool;
}

interface Replica extends ReplicaEndpoint {
  db: Kysely<unknown>;
  up: boolean;
}

/**
 * Where reads that tolerate lag go. Replicas in rotation take them in turn; a read that must see the caller's own
 * write (a consistency token in scope) waits for the replica to apply it, up to a bound, and otherwise reads the
 * primary. A replica that cannot be reached, stopped replicating or lags too far is taken out by a periodic check
 * and put back once healthy; a connection that fails between checks goes to the primary, so a dead replica costs
 * latency, never an error.
 */
export class ReplicaReads<DB> {
  private readonly replicas: Replica[];
  private next = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly service: string,
    private readonly primary: Kysely<DB>,
    primaryPool: Pool,
    endpoints: ReplicaEndpoint[],
    private readonly settings: ReplicaSettings,
    private readonly log: Logger,
    private readonly metrics: Metrics | undefined,
  ) {
    this.replicas = endpoints.map((endpoint) => {
      const replica: Replica = {
        ...endpoint,
        up: false,
        db: new Kysely({
          dialect: new MysqlDialect({ pool: failingOverTo(primaryPool, endpoint, (error) => this.takeOut(replica, error)) }),
        }),
      };
      return replica;
    });
  }

  /** Checks every replica once, then keeps checking in the background. */
  async start(): Promise<void> {
    await this.checkAll();
    const tick = () => {
      this.timer = setTimeout(() => void this.checkAll().finally(tick), this.settings.checkMs);
      this.timer.unref();
    };
    tick();
  }

  /** A handle for one read that tolerates lag; see the class comment for which server answers. */
  async reader(): Promise<Kysely<DB>> {
    const replica = this.pick();
    if (replica) {
      const token = consistencyToken();
      if (token === undefined || (await this.caughtUp(replica, token))) {
        this.metrics?.replicaReads.inc({ service: this.service, target: 'replica' });
        return replica.db as Kysely<DB>;
      }
    }
    this.metrics?.replicaReads.inc({ service: this.service, target: 'primary' });
    return this.primary;
  }

  /** The replicas and whether each takes reads now, for tools and tests. */
  status(): { name: string; up: boolean }[] {
    return this.replicas.map(({ name, up }) => ({ name, up }));
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const replica of this.replicas) await replica.db.destroy();
  }

  private pick(): Replica | undefined {
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(this.next + i) % this.replicas.length];
      if (replica?.up) {
        this.next = (this.next + i + 1) % this.replicas.length;
        return replica;
      }
    }
    return undefined;
  }

  /** `MASTER_GTID_WAIT` answers 0 once the replica has applied the position, -1 on timeout. */
  private async caughtUp(replica: Replica, token: string): Promise<boolean> {
    try {
      const [rows] = await replica.pool
        .promise()
        .query<import('mysql2').RowDataPacket[]>('SELECT MASTER_GTID_WAIT(?, ?) AS waited', [token, this.settings.waitMs / 1000]);
      return rows[0]?.waited === 0;
    } catch (error) {
      this.takeOut(replica, error);
      return false;
    }
  }

  private async checkAll(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => this.check(replica)));
  }

  private async check(replica: Replica): Promise<void> {
    let lag: number | null = null;
    let problem: string | undefined;
    try {
      const [rows] = await replica.pool
        .promise()
        .query<import('mysql2').RowDataPacket[]>({ sql: 'SHOW SLAVE STATUS', timeout: Math.max(1000, this.settings.checkMs) });
      const status = rows[0];
      if (!status) problem = 'it is not replicating from anything';
      else if (status.Slave_IO_Running !== 'Yes' || status.Slave_SQL_Running !== 'Yes') problem = 'replication is stopped';
      else {
        lag = status.Seconds_Behind_Master === null ? null : Number(status.Seconds_Behind_Master);
        if (lag === null) problem = 'its lag is unknown';
        else if (lag > this.settings.maxLagSeconds) problem = `it lags ${lag}s (more than ${this.settings.maxLagSeconds}s)`;
      }
    } catch (error) {
      problem = `it does not answer (${(error as Error).message})`;
    }
    this.metrics?.replicaLag.set({ service: this.service, replica: replica.name }, lag ?? -1);
    if (problem === undefined) this.putBack(replica);
    else this.takeOut(replica, problem);
  }

  private putBack(replica: Replica): void {
    if (!replica.up) this.log.info({ replica: replica.name }, 'read replica in rotation');
    replica.up = true;
    this.metrics?.replicaUp.set({ service: this.service, replica: replica.name }, 1);
  }

  private takeOut(replica: Replica, why: unknown = 'its connection failed'): void {
    if (replica.up) {
      const reason = why instanceof Error ? why.message : String(why);
      this.log.warn({ replica: replica.name, reason }, 'read replica taken out of rotation; its reads go to the primary');
    }
    replica.up = false;
    this.metrics?.replicaUp.set({ service: this.service, replica: replica.name }, 0);
  }
}

/** A pool that hands out a replica connection, or a primary one when the replica cannot be reached. */
function failingOverTo(primary: Pool, replica: ReplicaEndpoint, onFailure: (error: unknown) => void): MysqlPool {
  return {
    getConnection(callback) {
      replica.pool.getConnection((error, connection) => {
        if (!error) return callback(null, connection);
        onFailure(error);
        primary.getConnection(callback);
      });
    },
    end: (callback) => replica.pool.end(callback),
  };
}
