import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { tryAcquireLease } from '../db/lease';
import type { PlatformTables } from '../db/platform-tables';
import type { ServiceContext } from './service-context';

/** Scheduled work of a service, run by one replica at a time (a lease row decides which). */
export interface JobDefinition<DB, Deps = undefined> {
  name: string;
  everyMs: number;
  run(ctx: ServiceContext<DB, Deps>): Promise<void>;
}

export class JobRunner<DB, Deps> {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly holder = randomUUID();

  constructor(
    private readonly ctx: ServiceContext<DB, Deps>,
    private readonly db: Kysely<PlatformTables>,
    private readonly jobs: JobDefinition<DB, Deps>[],
  ) {}

  start(): void {
    for (const job of this.jobs) {
      const tick = () => {
        const run = this.runOnce(job).finally(() => this.running.delete(run));
        this.running.add(run);
      };
      this.timers.push(setInterval(tick, job.everyMs));
    }
  }

  private async runOnce(job: JobDefinition<DB, Deps>): Promise<void> {
    try {
      const lease = `job:${this.ctx.name}:${job.name}`;
      if (!(await tryAcquireLease(this.db, this.ctx.dialect, lease, this.holder, job.everyMs * 2, this.ctx.clock.now()))) return;
      await job.run(this.ctx);
    } catch (error) {
      this.ctx.log.error({ err: error, job: job.name }, 'scheduled job failed');
    }
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await Promise.allSettled([...this.running]);
  }
}
