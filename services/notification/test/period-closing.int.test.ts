import { type PerformanceDb, performanceService, performanceTasks } from '@fieldops/performance';
import { platformTables } from '@fieldops/platform';
import { eventually, hostEngines, MovableClock, serviceDb, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationDb, startNotificationHost, userIdOf } from './notification-fixtures';
import { type SmtpTestServer, startSmtpServer } from './support/smtp-test-server';

const CN_OFFSET_MS = 8 * 3_600_000;

/**
 * 10:00 in Shanghai three days before the end of the month after the real one (the clock runs ahead of real time, so
 * tokens stay valid): China's period is due its reminder; Brazil's, still on the day before there, is not.
 */
function nearTheEnd() {
  const now = new Date();
  const lastDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 0)).getUTCDate();
  const at = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, lastDay - 2, 10) - CN_OFFSET_MS;
  return { at, month: new Date(at + CN_OFFSET_MS).toISOString().slice(0, 7) };
}

interface Notice {
  workflow: string;
  title: string;
}

describe.each(await hostEngines())('the period-closing reminder on $name', (engines) => {
  const { at, month } = nearTheEnd();
  const clock = new MovableClock(at);
  let t: TestHost;
  let smtp: SmtpTestServer;
  const as = (who: string) => t.login(`${who}@fieldops.test`);
  const mailTo = (who: string) => smtp.received.filter((m) => m.to === `${who}@fieldops.test`);
  const remind = () => t.host.runTask(performanceTasks.remindPeriodClosing, undefined);
  const closingNotices = async (who: string): Promise<Notice[]> => {
    const inbox = await t.api('GET', '/api/v1/notifications', { token: await as(who) });
    expect(inbox.status, JSON.stringify(inbox.body)).toBe(200);
    return (inbox.body.items as Notice[]).filter((n) => n.workflow === 'period-closing');
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startNotificationHost(engines, clock, smtp.url, [performanceService]);
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  it('the country manager is told once that their country’s month is about to end; no rep, no other country’s manager', async () => {
    const performance = serviceDb<PerformanceDb>(t, 'performance');
    // Performance learns each country's organisation from the account service's events: wait until it knows all.
    const account = serviceDb<{ org_unit: { id: string; parent_id: string | null } }>(t, 'account');
    const roots = await account.selectFrom('org_unit').select('id').where('parent_id', 'is', null).execute();
    await eventually(async () =>
      expect(await performance.selectFrom('performance_org_unit').select('id').where('parent_id', 'is', null).execute()).toHaveLength(
        roots.length,
      ),
    );

    expect((await remind()).reminded).toEqual(expect.arrayContaining([`CN-${month}`, `SG-${month}`]));
    expect((await remind()).reminded).toEqual([]);

    const published = await performance
      .selectFrom('outbox')
      .select('envelope')
      .where('type', '=', 'performance.period.closing.v1')
      .execute();
    const events = published.map((row: { envelope: string }) => JSON.parse(row.envelope) as { id: string; data: { periodId: string } });
    expect(events.map((e) => e.data.periodId)).not.toContain(`BR-${month}`);
    const china = events.find((e) => e.data.periodId === `CN-${month}`);
    if (!china) throw new Error('no reminder of China’s period');
    const db = notificationDb(t);
    // Every reminder handled before anything is counted, so "no one else" is not read too early.
    await eventually(async () =>
      expect(
        await platformTables(db)
          .selectFrom('inbox')
          .select('event_id')
          .where(
            'event_id',
            'in',
            events.map((e) => e.id),
          )
          .execute(),
      ).toHaveLength(events.length),
    );

    const title = `${month} 结算周期将在 3 天后结束`;
    expect(await closingNotices('countrymanager.cn')).toEqual([expect.objectContaining({ title })]);
    // China's reminder reaches its country manager alone.
    const toldOfChina = await db.selectFrom('notice').select('user_id').where('source_key', '=', china.id).execute();
    expect(toldOfChina).toEqual([{ user_id: await userIdOf(t, await as('countrymanager.cn')) }]);
    expect(await closingNotices('rep1.cn')).toEqual([]);
    expect(await closingNotices('teamlead1.cn')).toEqual([]);
    expect(await closingNotices('countrymanager.br')).toEqual([]);
    // Singapore's manager hears of Singapore's month only.
    expect(await closingNotices('countrymanager.sg')).toEqual([expect.objectContaining({ title: `Pay period ${month} ends in 3 days` })]);

    await eventually(() => expect(mailTo('countrymanager.cn')).toHaveLength(1));
    expect(mailTo('countrymanager.cn')[0]).toMatchObject({ subject: title });
    expect(mailTo('rep1.cn')).toEqual([]);

    // The next day's run tells no one again.
    clock.advance(86_400_000);
    expect((await remind()).reminded).not.toContain(`CN-${month}`);
    expect(await closingNotices('countrymanager.cn')).toHaveLength(1);
  });
});
