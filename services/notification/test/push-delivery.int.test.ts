import { accountService } from '@fieldops/account';
import { createLeadsService } from '@fieldops/leads';
import { eventually, hostEngines, MovableClock, startTestHost, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { createNotificationService } from '../src/index';
import { startLocalPushService } from './local-push-service';
import { aLead, notificationDb, userIdOf } from './notification-fixtures';

const vapid = webpush.generateVAPIDKeys();

describe.each(await hostEngines())('Web Push through the service on $name', (engines) => {
  let t: TestHost;
  let pushService: Awaited<ReturnType<typeof startLocalPushService>>;
  // Noon in Singapore: outside quiet hours, so push goes at once.
  const clock = new MovableClock(Date.UTC(2027, 2, 2, 4, 0));
  const as = (who: string) => t.login(`${who}@fieldops.test`);

  beforeAll(async () => {
    pushService = await startLocalPushService();
    t = await startTestHost({
      services: [
        accountService,
        createLeadsService({ protectionCheckMs: 50 }, async () => undefined),
        createNotificationService({ deliveryCheckMs: 50 }),
      ],
      engines,
      seedDemo: true,
      clock,
      env: {
        VAPID_PUBLIC_KEY: vapid.publicKey,
        VAPID_PRIVATE_KEY: vapid.privateKey,
        VAPID_SUBJECT: 'mailto:ops@fieldops.test',
        PUSH_SERVICE_HOSTS: '127.0.0.1',
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await pushService?.close();
  });

  it('a lead assigned to a rep reaches each of their phones encrypted; an unsubscribed phone is forgotten', async () => {
    const rep = await as('rep3.sg');
    const repId = await userIdOf(t, rep);
    const key = await t.api('GET', '/api/v1/push-subscriptions/key', { token: rep });
    expect(key.body.publicKey).toBe(vapid.publicKey);
    const phone = pushService.subscribe(key.body.publicKey);
    const oldPhone = pushService.subscribe(key.body.publicKey, 410);
    for (const subscription of [phone, oldPhone]) {
      const { endpoint, keys } = JSON.parse(subscription.json);
      const stored = await t.api('POST', '/api/v1/push-subscriptions', { token: rep, body: { endpoint, keys } });
      expect(stored.status, JSON.stringify(stored.body)).toBe(201);
    }

    const lead = await aLead(t, await as('teamlead1.sg'));
    const assigned = await t.api('POST', `/api/v1/leads/${lead.id}/assign`, { token: await as('teamlead1.sg'), body: { repId } });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);

    await eventually(async () => {
      const delivery = await notificationDb(t)
        .selectFrom('delivery')
        .selectAll()
        .where('user_id', '=', repId)
        .where('channel', '=', 'push')
        .executeTakeFirst();
      expect(delivery).toMatchObject({ state: 'sent', driver: 'web-push' });
    });
    const received = pushService.received.filter((push) => push.subscriptionId === phone.id);
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]?.payload ?? '{}')).toMatchObject({ title: `Lead "${lead.name}" was assigned to you` });
    const left = await notificationDb(t).selectFrom('push_subscription').select('endpoint').where('user_id', '=', repId).execute();
    expect(left.map((s) => s.endpoint)).toEqual([JSON.parse(phone.json).endpoint]);
  });
  it('a push at 23:00 local waits for the end of quiet hours, then reaches the phone; the email goes at once', async () => {
    const rep = await as('rep4.sg');
    const repId = await userIdOf(t, rep);
    const key = await t.api('GET', '/api/v1/push-subscriptions/key', { token: rep });
    const phone = pushService.subscribe(key.body.publicKey);
    const { endpoint, keys } = JSON.parse(phone.json);
    expect((await t.api('POST', '/api/v1/push-subscriptions', { token: rep, body: { endpoint, keys } })).status).toBe(201);
    const deliveries = (channel: 'email' | 'push') =>
      notificationDb(t)
        .selectFrom('delivery')
        .selectAll()
        .where('user_id', '=', repId)
        .where('channel', '=', channel)
        .orderBy('id')
        .execute();
    const assign = async () => {
      const lead = await aLead(t, await as('teamlead1.sg'));
      const res = await t.api('POST', `/api/v1/leads/${lead.id}/assign`, { token: await as('teamlead1.sg'), body: { repId } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    const pushed = () => pushService.received.filter((push) => push.subscriptionId === phone.id);

    clock.set(Date.UTC(2027, 2, 2, 15, 0)); // 23:00 in Singapore (quiet hours 22:00–07:00)
    await assign();
    const morning = Date.UTC(2027, 2, 2, 23, 0); // 07:00 on 3 March in Singapore
    // The email going out shows the delivery job ran; the push it passed over waits for the morning.
    await eventually(async () => expect((await deliveries('email')).map((d) => d.state)).toEqual(['sent']));
    expect(await deliveries('push')).toEqual([expect.objectContaining({ state: 'queued', attempts: 0, next_attempt_at: morning })]);

    clock.set(morning - 60_000);
    await assign();
    await eventually(async () => expect((await deliveries('email')).map((d) => d.state)).toEqual(['sent', 'sent']));
    expect((await deliveries('push')).map((d) => d.state)).toEqual(['queued', 'queued']);
    expect(pushed()).toEqual([]);

    clock.set(morning);
    await eventually(async () =>
      expect((await deliveries('push')).map((d) => [d.state, d.driver, d.sent_at])).toEqual([
        ['sent', 'web-push', morning],
        ['sent', 'web-push', morning],
      ]),
    );
    expect(pushed()).toHaveLength(2);
  });
  it("a user's own quiet hours in their own zone hold a push until their morning; a colleague keeps the country's window", async () => {
    const own = await as('rep5.sg');
    const ownId = await userIdOf(t, own);
    const colleague = await as('rep2.sg');
    const colleagueId = await userIdOf(t, colleague);
    const key = await t.api('GET', '/api/v1/push-subscriptions/key', { token: own });
    for (const token of [own, colleague]) {
      const { endpoint, keys } = JSON.parse(pushService.subscribe(key.body.publicKey).json);
      expect((await t.api('POST', '/api/v1/push-subscriptions', { token, body: { endpoint, keys } })).status).toBe(201);
    }
    const set = await t.api('PUT', '/api/v1/me/notification-preferences', {
      token: own,
      body: { quietHours: { start: '21:00', end: '06:00' }, timeZone: 'Asia/Tokyo' },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const read = await t.api('GET', '/api/v1/me/notification-preferences', { token: own });
    expect(read.body).toMatchObject({
      quietHours: { start: '21:00', end: '06:00', timezone: 'Asia/Tokyo' },
      quietHoursOverride: { quietHours: { start: '21:00', end: '06:00' }, timeZone: 'Asia/Tokyo' },
      countryQuietHours: { start: '22:00', end: '07:00', timezone: 'Asia/Singapore' },
    });
    expect(read.body.timeZones).toEqual(expect.arrayContaining(['Asia/Singapore', 'America/Sao_Paulo']));
    const pushOf = (userId: string) =>
      notificationDb(t)
        .selectFrom('delivery')
        .selectAll()
        .where('user_id', '=', userId)
        .where('channel', '=', 'push')
        .orderBy('id')
        .executeTakeFirst();
    const emailsOf = (userId: string) =>
      notificationDb(t).selectFrom('delivery').select('state').where('user_id', '=', userId).where('channel', '=', 'email').execute();

    // 22:00 in Tokyo is 21:00 in Singapore: inside the user's own window, outside the country's.
    clock.set(Date.UTC(2027, 2, 3, 13, 0));
    for (const repId of [ownId, colleagueId]) {
      const lead = await aLead(t, await as('teamlead1.sg'));
      const res = await t.api('POST', `/api/v1/leads/${lead.id}/assign`, { token: await as('teamlead1.sg'), body: { repId } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    await eventually(async () => expect((await pushOf(colleagueId))?.state).toBe('sent'));
    await eventually(async () => expect((await emailsOf(ownId)).map((d) => d.state)).toEqual(['sent']));
    const tokyoMorning = Date.UTC(2027, 2, 3, 21, 0); // 06:00 on 4 March in Tokyo
    expect(await pushOf(ownId)).toMatchObject({ state: 'queued', attempts: 0, next_attempt_at: tokyoMorning });

    // Back to the country's window: the override is gone, the zone too.
    const reset = await t.api('PUT', '/api/v1/me/notification-preferences', { token: own, body: { quietHours: null, timeZone: null } });
    expect(reset.body.quietHours).toEqual({ start: '22:00', end: '07:00', timezone: 'Asia/Singapore' });
    expect(reset.body.quietHoursOverride).toEqual({ quietHours: null, timeZone: null });

    clock.set(tokyoMorning);
    await eventually(async () => expect((await pushOf(ownId))?.state).toBe('sent'));
  });

  it('quiet hours with a bad time or an unknown zone answer 422 naming the field, and nothing is saved', async () => {
    const token = await as('rep7.sg');
    for (const [body, fields] of [
      [{ quietHours: { start: '25:00', end: '06:00' } }, ['/body/quietHours/start']],
      [{ quietHours: { start: '21:00', end: '6' } }, ['/body/quietHours/end']],
      [{ quietHours: { start: '21:00', end: '21:00' } }, ['/body/quietHours/end']],
      [{ channels: { push: false }, quietHours: { start: '21:00', end: '06:00' }, timeZone: 'Mars/Olympus' }, ['/body/timeZone']],
    ] as const) {
      const res = await t.api('PUT', '/api/v1/me/notification-preferences', { token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(fields);
    }
    const now = await t.api('GET', '/api/v1/me/notification-preferences', { token });
    expect(now.body.channels.push).toBe(true);
    expect(now.body.quietHoursOverride).toEqual({ quietHours: null, timeZone: null });
    const stored = await notificationDb(t)
      .selectFrom('notification_quiet_hours')
      .selectAll()
      .where('user_id', '=', await userIdOf(t, token))
      .execute();
    expect(stored).toEqual([]);
  });
});
