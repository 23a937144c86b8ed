import { eventually, hostEngines, MovableClock, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs, MAX_ATTEMPTS } from '../src/domain/delivery-state';
import { aLead, DAY, notificationDb, startNotificationHost, userIdOf } from './notification-fixtures';
import { type SmtpTestServer, startSmtpServer } from './support/smtp-test-server';

describe.each(await hostEngines())('deliveries, preferences and the delivery log on $name', (engines) => {
  let t: TestHost;
  let smtp: SmtpTestServer;
  // 10:00 in Singapore, outside quiet hours; ahead of the real clock, as tokens are checked against it.
  const clock = new MovableClock(Date.UTC(2027, 2, 2, 2, 0));
  const passwords = new Map<string, string>();
  const as = (who: string) => t.login(`${who}@fieldops.test`, passwords.get(who));
  const mailTo = (who: string) => smtp.received.filter((m) => m.to === `${who}@fieldops.test`);

  /** Changing the password sends the critical `password-changed` email. */
  async function changePassword(who: string): Promise<string> {
    const token = await as(who);
    const userId = await userIdOf(t, token);
    const next = `n3w-pass-${passwords.size}-${who}`;
    const res = await t.api('POST', '/api/v1/me/password', {
      token,
      body: { currentPassword: passwords.get(who) ?? 'demo1234', newPassword: next },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    passwords.set(who, next);
    return userId;
  }

  const emailOf = (userId: string, workflow: string) =>
    notificationDb(t)
      .selectFrom('delivery')
      .selectAll()
      .where('user_id', '=', userId)
      .where('workflow', '=', workflow)
      .where('channel', '=', 'email')
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startNotificationHost(engines, clock, smtp.url);
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  /** `fieldops_notification_deliveries_total` for Singapore's emails with one outcome. */
  const emailsCounted = async (outcome: string) =>
    (await t.host.runtime.metrics.registry.getSingleMetric('fieldops_notification_deliveries_total')?.get())?.values.find(
      (v) => v.labels.channel === 'email' && v.labels.country === 'SG' && v.labels.outcome === outcome,
    )?.value ?? 0;

  it('an SMTP server that refuses twice then accepts: delivered on the third attempt, with backoff between', async () => {
    const [retriedBefore, sentBefore] = [await emailsCounted('retrying'), await emailsCounted('sent')];
    smtp.answerNext(451, 451);
    const userId = await changePassword('rep1.sg');
    await eventually(async () => expect(await emailOf(userId, 'password-changed')).toMatchObject({ state: 'retrying', attempts: 1 }));
    clock.advance(backoffMs(1));
    await eventually(async () => expect(await emailOf(userId, 'password-changed')).toMatchObject({ state: 'retrying', attempts: 2 }));
    expect(mailTo('rep1.sg')).toEqual([]);
    clock.advance(backoffMs(2));
    await eventually(async () =>
      expect(await emailOf(userId, 'password-changed')).toMatchObject({ state: 'sent', attempts: 3, driver: 'smtp' }),
    );
    expect(mailTo('rep1.sg')).toHaveLength(1);
    expect(mailTo('rep1.sg')[0]?.subject).toBe('Your FieldOps password was changed');
    // Each attempt counts once, by channel, outcome and country; the count follows the row's update.
    await eventually(async () => {
      expect(await emailsCounted('retrying')).toBe(retriedBefore + 2);
      expect(await emailsCounted('sent')).toBe(sentBefore + 1);
    });
  });

  it('a server that always refuses: dead-lettered after the last attempt, listed for admins, and sent again on request', async () => {
    smtp.refuseAll(451);
    const userId = await changePassword('rep2.sg');
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      await eventually(async () => expect((await emailOf(userId, 'password-changed')).attempts).toBe(attempt));
      clock.advance(backoffMs(attempt));
    }
    await eventually(async () =>
      expect(await emailOf(userId, 'password-changed')).toMatchObject({ state: 'dead-lettered', attempts: MAX_ATTEMPTS }),
    );
    smtp.refuseAll(undefined);

    const admin = await as('admin');
    const log = await t.api('GET', `/api/v1/notifications/deliveries?state=dead-lettered&userId=${userId}`, { token: admin });
    expect(log.status, JSON.stringify(log.body)).toBe(200);
    expect(log.body.items).toEqual([
      expect.objectContaining({
        userId,
        workflow: 'password-changed',
        channel: 'email',
        state: 'dead-lettered',
        attempts: MAX_ATTEMPTS,
        driver: 'smtp',
        providerAnswer: expect.stringContaining('451'),
      }),
    ]);
    // Admins see their own country's deliveries only; reps none.
    const elsewhere = await t.api('GET', `/api/v1/notifications/deliveries?userId=${userId}`, { token: await as('countrymanager.cn') });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.items).toEqual([]);
    const home = await t.api('GET', `/api/v1/notifications/deliveries?userId=${userId}`, { token: await as('countrymanager.sg') });
    expect(home.body.items).toHaveLength(1);
    const rep = await t.api('GET', '/api/v1/notifications/deliveries', { token: await as('rep3.sg') });
    expect(rep.status).toBe(403);
    expect(rep.headers.get('content-type')).toContain('application/problem+json');
    const id = log.body.items[0].id;
    expect((await t.api('POST', `/api/v1/notifications/deliveries/${id}/resend`, { token: await as('countrymanager.cn') })).status).toBe(
      404,
    );

    const resent = await t.api('POST', `/api/v1/notifications/deliveries/${id}/resend`, { token: admin });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect(resent.body).toMatchObject({ state: 'queued', attempts: 0 });
    await eventually(async () => expect(await emailOf(userId, 'password-changed')).toMatchObject({ state: 'sent', attempts: 1 }));
    expect(mailTo('rep2.sg')).toHaveLength(1);
  });

  it('a switched-off channel sends nothing of non-critical notices; a critical one still goes out', async () => {
    const token = await as('rep4.sg');
    const userId = await userIdOf(t, token);
    const off = await t.api('PUT', '/api/v1/me/notification-preferences', { token, body: { channels: { email: false } } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.channels.email).toBe(false);
    expect(off.body.workflows.find((w: { workflow: string }) => w.workflow === 'lead-recycle-warning').channels.email).toBe(false);
    expect(off.body.workflows.find((w: { workflow: string }) => w.workflow === 'password-changed')).toMatchObject({
      critical: true,
      channels: { email: true },
    });

    const lead = await aLead(t, token);
    clock.advance(12 * DAY + 1);
    await eventually(async () => {
      const page = await t.api('GET', '/api/v1/notifications', { token: await as('rep4.sg') });
      expect(page.body.items.map((n: { link: string }) => n.link)).toContain(`/console/leads/${lead.id}`);
    });
    const db = notificationDb(t);
    expect(await db.selectFrom('digest_item').select('id').where('user_id', '=', userId).execute()).toEqual([]);
    expect(await db.selectFrom('delivery').select('id').where('user_id', '=', userId).where('channel', '=', 'email').execute()).toEqual([]);

    await changePassword('rep4.sg');
    await eventually(() => expect(mailTo('rep4.sg').map((m) => m.subject)).toEqual(['Your FieldOps password was changed']));
  });

  it('a workflow switched off on one channel only: the others still send', async () => {
    const token = await as('rep5.sg');
    const userId = await userIdOf(t, token);
    const res = await t.api('PUT', '/api/v1/me/notification-preferences', {
      token,
      body: { workflows: [{ workflow: 'lead-recycle-warning', channels: { email: false, push: true } }] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await aLead(t, token);
    clock.advance(12 * DAY + 1);
    const db = notificationDb(t);
    await eventually(async () =>
      expect(await db.selectFrom('delivery').select('channel').where('user_id', '=', userId).execute()).toEqual([{ channel: 'push' }]),
    );
    expect(await db.selectFrom('digest_item').select('id').where('user_id', '=', userId).execute()).toEqual([]);
  });

  it('preferences naming an unknown workflow answer 422 naming the field, and nothing is saved', async () => {
    const token = await as('rep6.sg');
    const res = await t.api('PUT', '/api/v1/me/notification-preferences', {
      token,
      body: { channels: { push: false }, workflows: [{ workflow: 'no-such-thing', channels: { email: false } }] },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['/body/workflows/0/workflow']);
    const now = await t.api('GET', '/api/v1/me/notification-preferences', { token });
    expect(now.body.channels.push).toBe(true);
    const bad = await t.api('PUT', '/api/v1/me/notification-preferences', { token, body: { channels: { email: 'no' } } });
    expect(bad.status).toBe(400);
  });
});
