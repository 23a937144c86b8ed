import { buildEnvelope, createLogger, MemoryPubSub } from '@fieldops/platform';
import { eventually, hostEngines, MovableClock, type TestHost } from '@fieldops/testing';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoticeTable } from '../src/db/schema';
import { LiveFeed } from '../src/live/live-feed';
import { aLead, notificationDb, openStream, startNotificationHost, userIdOf } from './notification-fixtures';
import { type SmtpTestServer, startSmtpServer } from './support/smtp-test-server';

describe.each(await hostEngines())('the inbox, its stream and quiet hours on $name', (engines) => {
  let t: TestHost;
  let smtp: SmtpTestServer;
  // 23:00 in Singapore (quiet hours 22:00–07:00), ahead of the real clock, as tokens are checked against it.
  const clock = new MovableClock(Date.UTC(2027, 2, 2, 15, 0));
  const as = (who: string) => t.login(`${who}@fieldops.test`);

  /** The team lead captures a lead and assigns it to `rep`: the rep is told (lead-assigned). */
  async function assignTo(rep: string): Promise<string> {
    const lead = await t.api('GET', '/api/v1/me', { token: await as(rep) });
    const lead2 = await aLead(t, await as('teamlead1.sg'));
    const res = await t.api('POST', `/api/v1/leads/${lead2.id}/assign`, {
      token: await as('teamlead1.sg'),
      body: { repId: lead.body.user.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return lead2.id;
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startNotificationHost(engines, clock, smtp.url);
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  it('an SMS at 23:00 local waits for the end of quiet hours; the email goes at once', async () => {
    const token = await as('rep1.sg');
    const userId = await userIdOf(t, token);
    const on = await t.api('PUT', '/api/v1/me/notification-preferences', {
      token,
      body: { workflows: [{ workflow: 'lead-assigned', channels: { sms: true } }] },
    });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    expect(on.body.quietHours).toEqual({ start: '22:00', end: '07:00', timezone: 'Asia/Singapore' });
    await assignTo('rep1.sg');
    const db = notificationDb(t);
    const deliveries = (channel: 'email' | 'sms') =>
      db
        .selectFrom('delivery')
        .selectAll()
        .where('user_id', '=', userId)
        .where('workflow', '=', 'lead-assigned')
        .where('channel', '=', channel)
        .orderBy('id')
        .execute();
    await eventually(async () => expect((await deliveries('email')).map((d) => d.state)).toEqual(['sent']));
    const morning = Date.UTC(2027, 2, 2, 23, 0); // 07:00 on 3 March in Singapore
    expect(await deliveries('sms')).toEqual([expect.objectContaining({ state: 'queued', attempts: 0, next_attempt_at: morning })]);

    // A minute before the window ends, a second email goes out: the job has run, and the SMS still waits.
    clock.set(morning - 60_000);
    await assignTo('rep1.sg');
    await eventually(async () => expect((await deliveries('email')).map((d) => d.state)).toEqual(['sent', 'sent']));
    expect((await deliveries('sms')).map((d) => [d.state, d.attempts])).toEqual([
      ['queued', 0],
      ['queued', 0],
    ]);
    clock.set(morning);
    await eventually(async () =>
      expect((await deliveries('sms')).map((d) => [d.state, d.driver, d.sent_at])).toEqual([
        ['sent', 'log', morning],
        ['sent', 'log', morning],
      ]),
    );
  });

  it('a user reads, marks and archives only their own notices; another user’s answer 404', async () => {
    await assignTo('rep2.sg');
    await assignTo('rep2.sg');
    const rep2 = await as('rep2.sg');
    const page = await eventually(async () => {
      const res = await t.api('GET', '/api/v1/notifications', { token: rep2 });
      expect(res.body.items).toHaveLength(2);
      return res.body;
    });
    expect(page.unreadCount).toBe(2);
    const [newest, older] = page.items;

    const rep3 = await as('rep3.sg');
    expect((await t.api('GET', '/api/v1/notifications', { token: rep3 })).body).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
    for (const path of [`/api/v1/notifications/${newest.id}/read`, `/api/v1/notifications/${newest.id}/archive`]) {
      const res = await t.api('POST', path, { token: rep3 });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await t.api('POST', '/api/v1/notifications/not-an-id/read', { token: rep2 })).status).toBe(400);

    const first = await t.api('GET', '/api/v1/notifications?limit=1', { token: rep2 });
    expect(first.body.items.map((n: { id: string }) => n.id)).toEqual([newest.id]);
    const second = await t.api('GET', `/api/v1/notifications?limit=1&cursor=${first.body.nextCursor}`, { token: rep2 });
    expect(second.body).toMatchObject({ items: [expect.objectContaining({ id: older.id })], nextCursor: null });

    const read = await t.api('POST', `/api/v1/notifications/${older.id}/read`, { token: rep2 });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBe(new Date(clock.now()).toISOString());
    const unread = await t.api('GET', '/api/v1/notifications?unread=true', { token: rep2 });
    expect(unread.body).toMatchObject({ items: [expect.objectContaining({ id: newest.id })], unreadCount: 1 });
    expect((await t.api('POST', '/api/v1/notifications/read-all', { token: rep2 })).body).toEqual({ updated: 1, unreadCount: 0 });
    expect((await t.api('POST', `/api/v1/notifications/${newest.id}/archive`, { token: rep2 })).status).toBe(204);
    expect((await t.api('GET', '/api/v1/notifications', { token: rep2 })).body.items.map((n: { id: string }) => n.id)).toEqual([older.id]);
    expect((await t.api('GET', '/api/v1/notifications?cursor=bm9wZQ', { token: rep2 })).status).toBe(400);
  });

  it('a stream reconnecting with Last-Event-ID gets what was stored since, then new notices live', async () => {
    await assignTo('rep4.sg');
    await assignTo('rep4.sg');
    const token = await as('rep4.sg');
    const stored = await eventually(async () => {
      const res = await t.api('GET', '/api/v1/notifications', { token });
      expect(res.body.items).toHaveLength(2);
      return res.body.items.map((n: { id: string }) => n.id).reverse();
    });
    const stream = await openStream(t.url, token, stored[0]);
    try {
      await eventually(() => expect(stream.frames.map((f) => f.id)).toEqual([stored[1]]));
      await assignTo('rep4.sg');
      await eventually(() => expect(stream.frames).toHaveLength(2));
      const latest = await t.api('GET', '/api/v1/notifications?limit=1', { token: await as('rep4.sg') });
      expect(stream.frames[1]?.id).toBe(latest.body.items[0].id);
    } finally {
      stream.close();
    }
    const anonymous = await fetch(`${t.url}/api/v1/notifications/stream`);
    expect(anonymous.status).toBe(401);
  });

  /** The checkin service's event for a visit of `rep` flagged for review, published on the bus as it would. */
  async function flagVisitOf(rep: string): Promise<string> {
    const repId = await userIdOf(t, await as(rep));
    const at = new Date(clock.now()).toISOString();
    const visit = {
      id: uuidv7(),
      repId,
      orgUnitId: null,
      agencyId: null,
      country: 'SG',
      targetType: 'merchant' as const,
      targetId: uuidv7(),
      targetName: 'Ah Hock Minimart',
      areaId: null,
      lat: 1.3,
      lng: 103.8,
      accuracyM: 20,
      distanceM: 800,
      checkedInAt: at,
      receivedAt: at,
      checkedOutAt: null,
      dwellSeconds: null,
      outcome: null,
      notes: '',
      followUpAt: null,
      photoIds: [],
      riskScore: 72,
      riskSignals: [{ code: 'far-from-target', weight: 72, detail: '800 m from the store' }],
      verification: 'pending-review' as const,
      version: 1,
    };
    const event = buildEnvelope(
      'checkin',
      { type: 'checkin.visit.flagged.v1', subject: visit.id, country: 'SG', data: visit },
      clock.now(),
    );
    await t.host.runtime.bus.publish([event]);
    return visit.id;
  }

  it('a flagged visit tells the rep’s team lead; a team lead’s own flagged visit tells their city manager', async () => {
    const visitId = await flagVisitOf('rep2.sg');
    const flaggedFor = async (who: string) =>
      (await t.api('GET', '/api/v1/notifications?limit=50', { token: await as(who) })).body.items.filter(
        (n: { workflow: string }) => n.workflow === 'visit-flagged',
      );
    await eventually(async () =>
      expect(await flaggedFor('teamlead1.sg')).toEqual([expect.objectContaining({ link: `/console/visits/${visitId}` })]),
    );
    expect(await flaggedFor('rep2.sg')).toEqual([]);
    // Another team's lead hears nothing of it.
    expect(await flaggedFor('teamlead2.sg')).toEqual([]);

    const own = await flagVisitOf('teamlead1.sg');
    await eventually(async () =>
      expect(await flaggedFor('citymanager1.sg')).toEqual([expect.objectContaining({ link: `/console/visits/${own}` })]),
    );
    expect(await flaggedFor('teamlead1.sg')).toHaveLength(1);
  });

  it('a notice whose pub/sub announcement was lost still reaches a listener, from the safety look at the table', async () => {
    const rep = await userIdOf(t, await as('rep6.sg'));
    const pubsub = new MemoryPubSub();
    const feed = new LiveFeed(notificationDb(t), pubsub, 50, createLogger('silent'));
    const heard: string[] = [];
    const stop = await feed.listen(rep, (notice) => heard.push(notice.id));
    try {
      const notice = (title: string): NoticeTable => ({
        id: uuidv7(),
        user_id: rep,
        workflow: 'lead-assigned',
        source_key: uuidv7(),
        severity: 'normal',
        title,
        body: '',
        link: null,
        created_at: clock.now(),
        read_at: null,
        archived_at: null,
      });
      // Stored and committed, but the announcement never went out (a dropped Redis connection).
      const lost = notice('lost');
      await notificationDb(t).insertInto('notice').values(lost).execute();
      await eventually(() => expect(heard).toContain(lost.id));
      // An announced one arrives through pub/sub; the listener may hear it from both paths, which streams drop.
      const announced = notice('announced');
      await notificationDb(t).insertInto('notice').values(announced).execute();
      await feed.announce([announced]);
      await eventually(() => expect(heard).toContain(announced.id));
    } finally {
      stop();
      await pubsub.close();
    }
    expect(feed.connections).toBe(0);
  });

  it('push subscriptions are stored for their user, removed only by them, and checked', async () => {
    const token = await as('rep5.sg');
    const body = {
      endpoint: 'https://push.example.test/send/abc',
      keys: { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA', auth: 'tBHItJI5svbpez7KI4CCXg' },
    };
    const created = await t.api('POST', '/api/v1/push-subscriptions', { token, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ endpoint: body.endpoint });
    const bad = await t.api('POST', '/api/v1/push-subscriptions', { token, body: { endpoint: 'not a url', keys: body.keys } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('endpoint');
    // Only at a push service: the service would otherwise post to any address a user names, inside the network too.
    for (const endpoint of ['https://10.0.0.7/admin', 'https://push.example.test.evil.test/x', 'http://push.example.test/send/abc']) {
      const refused = await t.api('POST', '/api/v1/push-subscriptions', { token, body: { endpoint, keys: body.keys } });
      expect(refused.status, endpoint).toBe(422);
      expect(refused.body.errors[0].field).toBe('/body/endpoint');
    }
    expect((await t.api('DELETE', `/api/v1/push-subscriptions/${created.body.id}`, { token: await as('rep6.sg') })).status).toBe(404);
    expect((await t.api('DELETE', `/api/v1/push-subscriptions/${created.body.id}`, { token })).status).toBe(204);
    expect(await notificationDb(t).selectFrom('push_subscription').select('id').execute()).toEqual([]);
  });
});
