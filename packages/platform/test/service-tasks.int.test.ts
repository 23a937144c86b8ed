import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createLogger,
  defineService,
  Host,
  loadConfig,
  openDatabase,
  type PlatformTables,
  type ProgressReporter,
  type ServiceContext,
  taskRefs,
} from '../src/index';

interface TallyDb {
  tally: { id: string; n: number };
}

const tasks = {
  /** Writes `count` rows, each with its event, and answers how many rows the service then holds. */
  addRows: async (ctx: ServiceContext<TallyDb>, args: { count: number }, progress: ProgressReporter) => {
    progress.start(args.count, 'rows');
    for (let n = 1; n <= args.count; n++) {
      await ctx.transact(async (trx, events) => {
        await trx
          .insertInto('tally')
          .values({ id: `row-${n}`, n })
          .execute();
        await events.append({ type: 'tally.row.added.v1', subject: `row-${n}`, data: { n } });
      });
      progress.tick();
    }
    progress.stop();
    const rows = await ctx.db.selectFrom('tally').select('id').execute();
    return { rows: rows.length, service: ctx.name };
  },
};
const tallyTasks = taskRefs('tally', tasks);

const tallyService = defineService<TallyDb>({
  name: 'tally',
  migrations: [
    {
      name: '001_tally',
      async up(db, t) {
        await db.schema
          .createTable('tally')
          .addColumn('id', t.string, (c) => c.primaryKey())
          .addColumn('n', t.integer, (c) => c.notNull())
          .execute();
      },
    },
  ],
  tasks,
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function startTally(): Promise<{ host: Host; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-tasks-'));
  dirs.push(dataDir);
  const host = await Host.start({
    config: loadConfig({ DATA_DIR: dataDir }),
    services: [tallyService],
    listen: false,
    log: createLogger('silent'),
  });
  return { host, dataDir };
}

describe('service tasks', () => {
  it("runs a task with the service's own context and progress; its events are published by the time the host stops", async () => {
    const { host, dataDir } = await startTally();
    const reported: string[] = [];
    const progress: ProgressReporter = {
      start: (total, label) => reported.push(`${label} 0/${total}`),
      tick: () => reported.push('tick'),
      stop: () => reported.push('stop'),
    };
    try {
      const result = await host.runTask(tallyTasks.addRows, { count: 3 }, progress);
      expect(result).toEqual({ rows: 3, service: 'tally' });
      expect(reported).toEqual(['rows 0/3', 'tick', 'tick', 'tick', 'stop']);
    } finally {
      await host.stop();
    }
    const reopened = await openDatabase<PlatformTables>(`sqlite:${dataDir}`, 'tally');
    const outbox = await (reopened.db as Kysely<PlatformTables>).selectFrom('outbox').select(['type', 'published_at']).execute();
    await reopened.close();
    expect(outbox.map((row) => row.type)).toEqual(['tally.row.added.v1', 'tally.row.added.v1', 'tally.row.added.v1']);
    expect(outbox.every((row) => row.published_at !== null)).toBe(true);
  });

  it('refuses a task the service does not declare, and a service this process does not run', async () => {
    const { host } = await startTally();
    try {
      await expect(host.runTask({ service: 'tally', task: 'dropRows' }, {})).rejects.toThrow('service tally has no task "dropRows"');
      await expect(host.runTask({ service: 'ledger', task: 'addRows' }, {})).rejects.toThrow(
        'service ledger is not running in this process',
      );
    } finally {
      await host.stop();
    }
  });
});
