import { accountService } from '@fieldops/account';
import type { PeriodClosing } from '@fieldops/contracts';
import { databaseEngines, eventually, MovableClock, serviceDb, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performanceService, performanceTasks } from '../src/index';
import { performanceDb } from './performance-fixtures';

/**
 * Period-closing reminders: once per country and pay period, whatever how often the job runs; not for a month far
 * from its end, nor for one already closed. The clock runs ahead of real time (tokens stay valid): the months are the
 * two after the real one, at 10:00 in Singapore.
 */
const SG_OFFSET_MS = 8 * 3_600_000;

function months() {
  const now = new Date();
  const at = (add: number, day: number) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + add, day, 10) - SG_OFFSET_MS;
  const key = (ms: number) => new Date(ms + SG_OFFSET_MS).toISOString().slice(0, 7);
  const lastDay = (add: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + add + 1, 0)).getUTCDate();
  return { at, key, lastDay };
}

describe.each(await databaseEngines())('period-closing reminders on $name', (database) => {
  const { at, key, lastDay } = months();
  const [m1, m2] = [key(at(1, 10)), key(at(2, 10))];
  const clock = new MovableClock(at(1, 10));
  let t: TestHost;
  const remind = () => t.host.runTask(performanceTasks.remindPeriodClosing, undefined);
  const published = async () => {
    const rows = await performanceDb(t)
      .selectFrom('outbox')
      .select('envelope')
      .where('type', '=', 'performance.period.closing.v1')
      .orderBy('seq')
      .execute();
    return rows.map((r: { envelope: string }) => (JSON.parse(r.envelope) as { data: PeriodClosing }).data);
  };
  const told = async (periodId: string) => (await published()).filter((d) => d.periodId === periodId);
  let singaporeRoot: string;

  beforeAll(async () => {
    t = await startTestHost({
      services: [accountService, performanceService],
      engines: { name: database.name, database, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo: true,
      clock,
    });
    // The job looks at the countries whose organisation performance knows: wait until it knows every one.
    const account = serviceDb<{ org_unit: { id: string; parent_id: string | null; country: string } }>(t, 'account');
    const roots = await account.selectFrom('org_unit').select(['id', 'country']).where('parent_id', 'is', null).execute();
    singaporeRoot = roots.find((r) => r.country === 'SG')?.id ?? '';
    expect(singaporeRoot).not.toBe('');
    await eventually(async () =>
      expect(await performanceDb(t).selectFrom('performance_org_unit').select('id').where('parent_id', 'is', null).execute()).toHaveLength(
        roots.length,
      ),
    );
  });
  afterAll(async () => t?.stop());

  it('a month far from its end is reminded of nowhere', async () => {
    expect(await remind()).toEqual({ reminded: [] });
    expect(await published()).toEqual([]);
  });

  it('just after a month ends, only the countries that have not closed it are reminded', async () => {
    clock.set(at(2, 2));
    const token = await t.login('countrymanager.sg@fieldops.test');
    const closed = await t.api('POST', `/api/v1/performance/periods/SG-${m1}/close`, { token });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);

    const { reminded } = await remind();
    expect(reminded).toContain(`CN-${m1}`);
    expect(reminded).not.toContain(`SG-${m1}`);
    expect(await told(`SG-${m1}`)).toEqual([]);
    expect(await told(`CN-${m1}`)).toEqual([expect.objectContaining({ country: 'CN', month: m1, daysLeft: 0 })]);
  });

  it('a month three days from its end is reminded once per country, however often and however many run the job', async () => {
    clock.set(at(2, lastDay(2) - 2));
    await Promise.all([remind(), remind()]);
    await remind();
    expect(await told(`SG-${m2}`)).toEqual([
      {
        periodId: `SG-${m2}`,
        country: 'SG',
        month: m2,
        // Midnight starting the next month in Singapore.
        endsAt: new Date(at(3, 1) - 10 * 3_600_000).toISOString(),
        daysLeft: 3,
        orgUnitIds: [singaporeRoot],
      },
    ]);
    // No period is told twice, and the month told just after its end is not told again.
    const ids = (await published()).map((d) => d.periodId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await told(`CN-${m1}`)).toHaveLength(1);
    clock.advance(86_400_000);
    expect((await remind()).reminded).not.toContain(`SG-${m2}`);
    expect(await told(`SG-${m2}`)).toHaveLength(1);
  });
});
