import { type PerformanceDb, performanceService, performanceTasks } from '@fieldops/performance';
import { platformTables } from '@fieldops/platform';
import { eventually, hostEngines, MovableClock, serviceDb, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLead, HOUR, notificationDb, startNotificationHost, userIdOf } from './notification-fixtures';
import { type SmtpTestServer, startSmtpServer } from './support/smtp-test-server';

// 10:00 in Shanghai: the day's evening notice is not due yet.
const MORNING = Date.parse('2026-12-10T02:00:00Z');

describe.each(await hostEngines())('the daily attainment notice on $name', (engines) => {
  let t: TestHost;
  let smtp: SmtpTestServer;
  const clock = new MovableClock(MORNING);
  // Tokens follow the moved clock: log in after every move.
  const as = (who: string) => t.login(`${who}@fieldops.test`);
  const mailTo = (who: string) => smtp.received.filter((m) => m.to === `${who}@fieldops.test`);
  const tellDay = () => t.host.runTask(performanceTasks.tellDailyAttainment, undefined);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startNotificationHost(engines, clock, smtp.url, [performanceService]);
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  async function targetFor(who: string, value: number) {
    const userId = await userIdOf(t, await as(who));
    await serviceDb<PerformanceDb>(t, 'performance')
      .insertInto('performance_target')
      .values({
        id: `target-${who}`,
        metric: 'leads-captured',
        period: '2026-12',
        subject_type: 'user',
        subject_id: userId,
        org_unit_id: 'ou-test',
        country: 'CN',
        value,
        set_by: 'test',
        updated_at: clock.now(),
        reached_at: null,
      })
      .execute();
    return userId;
  }

  it('only the rep who opted in is told, once, their figure against the target; a second run tells nothing', async () => {
    const optedIn = await targetFor('rep1.cn', 10);
    const notOptedIn = await targetFor('rep2.cn', 10);
    const turnedOn = await t.api('PUT', '/api/v1/me/notification-preferences', {
      token: await as('rep1.cn'),
      body: { workflows: [{ workflow: 'daily-attainment', channels: { email: true } }] },
    });
    expect(turnedOn.status, JSON.stringify(turnedOn.body)).toBe(200);
    // Off by default: the rep who did nothing sees every channel of it off.
    const untouched = await t.api('GET', '/api/v1/me/notification-preferences', { token: await as('rep2.cn') });
    expect(untouched.body.workflows.find((w: { workflow: string }) => w.workflow === 'daily-attainment').channels).toEqual({
      email: false,
      push: false,
      sms: false,
    });

    const token = await as('rep1.cn');
    await aLead(t, token, { lat: 31.23, lng: 121.47 });
    await aLead(t, token, { lat: 31.23, lng: 121.47 });
    const performance = serviceDb<PerformanceDb>(t, 'performance');
    await eventually(async () =>
      expect(await performance.selectFrom('performance_fact').select('credit').where('user_id', '=', optedIn).execute()).toHaveLength(2),
    );

    expect(await tellDay()).toEqual({ told: 0 });
    clock.advance(8 * HOUR + 30 * 60_000); // 18:30 in Shanghai
    expect(await tellDay()).toEqual({ told: 2 });
    expect(await tellDay()).toEqual({ told: 0 });

    const published = await performance
      .selectFrom('outbox')
      .select(['id', 'envelope'])
      .where('type', '=', 'performance.attainment.daily.v1')
      .execute();
    expect(published).toHaveLength(2);
    const events = published.map((row: { envelope: string }) => JSON.parse(row.envelope));
    const db = notificationDb(t);
    // Both events handled before anything is counted, so "none for the other rep" is not read too early.
    await eventually(async () =>
      expect(
        await platformTables(db)
          .selectFrom('inbox')
          .select('event_id')
          .where(
            'event_id',
            'in',
            events.map((e: { id: string }) => e.id),
          )
          .execute(),
      ).toHaveLength(2),
    );
    const notices = await db.selectFrom('notice').select(['user_id', 'title', 'body']).where('workflow', '=', 'daily-attainment').execute();
    expect(notices).toEqual([{ user_id: optedIn, title: '目标完成进度（2026-12-10）', body: '2026-12 新增线索：2/10（20%）' }]);
    expect(notices.some((n) => n.user_id === notOptedIn)).toBe(false);
    await eventually(() => expect(mailTo('rep1.cn')).toHaveLength(1));
    expect(mailTo('rep1.cn')[0]).toMatchObject({ subject: '目标完成进度（2026-12-10）' });
    expect(mailTo('rep2.cn')).toEqual([]);

    // The same event delivered again tells no one twice.
    const mine = events.find((e: { data: { userId: string } }) => e.data.userId === optedIn);
    const notification = t.host.service('notification');
    if (!notification) throw new Error('notification service not running');
    expect(await notification.replayDeadLetter(mine, 'notification.workflows')).toBe('duplicate');
    expect(await db.selectFrom('notice').select('id').where('workflow', '=', 'daily-attainment').execute()).toHaveLength(1);
  });
});
