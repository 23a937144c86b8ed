import { eventually, hostEngines, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineService, type ServiceContext } from '../src/index';

interface TallyDb {
  tally: { id: string; note: string };
}

const engines = await hostEngines();

describe.each(engines)('a consumer with a prepared step on $name', (engine) => {
  const steps: string[] = [];
  const failures = { remaining: 1 };
  const running: { ctx?: ServiceContext<TallyDb> } = {};
  const tallyService = defineService<TallyDb>({
    name: 'tally',
    migrations: [
      {
        name: '001_tally',
        async up(db, t) {
          await db.schema
            .createTable('tally')
            .addColumn('id', t.string, (c) => c.primaryKey())
            .addColumn('note', t.text, (c) => c.notNull())
            .execute();
        },
      },
    ],
    onStart: async (ctx) => {
      running.ctx = ctx;
    },
    consumes: [
      {
        name: 'tally.prepared',
        handlers: {},
        prepared: {
          'platform.probe.written.v1': async (event, ctx) => {
            steps.push('prepare');
            if (failures.remaining-- > 0) throw new Error('the read before the transaction failed');
            // On the root handle: inside the transaction this would wait for it forever on SQLite's one connection.
            const before = await ctx.db.selectFrom('tally').select('id').execute();
            return async (_event, trx) => {
              steps.push('write');
              await trx
                .insertInto('tally')
                .values({ id: event.subject, note: `after ${before.length} rows` })
                .execute();
            };
          },
        },
      },
    ],
  });

  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({ services: [tallyService], engines: engine });
  });
  afterAll(async () => t?.stop());

  it('reads before the transaction, retries a failed read, and hands what it read to the write', async () => {
    const ctx = running.ctx;
    if (!ctx) throw new Error('the tally service did not start');
    await ctx.transact(async (_trx, events) => {
      await events.append({ type: 'platform.probe.written.v1', subject: 'first', data: { id: 'first' } });
    });
    await eventually(async () => {
      expect(await ctx.db.selectFrom('tally').selectAll().execute()).toEqual([{ id: 'first', note: 'after 0 rows' }]);
    });
    expect(steps).toEqual(['prepare', 'prepare', 'write']);
  });
});
