import { platformTables } from '@fieldops/platform';
import { eventually, hostEngines, MovableClock, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLead, DAY, HOUR, notificationDb, openStream, startNotificationHost } from './notification-fixtures';
import { type SmtpTestServer, startSmtpServer } from './support/smtp-test-server';

const SHANGHAI = { lat: 31.23136, lng: 121.47004 };

describe.each(await hostEngines())('lead recycle warnings reach their holder on $name', (engines) => {
  let t: TestHost;
  let smtp: SmtpTestServer;
  const clock = new MovableClock(Date.now());
  // Tokens follow the moved clock: log in after every move.
  const as = (who: string) => t.login(`${who}@fieldops.test`);
  const mailTo = (who: string) => smtp.received.filter((m) => m.to === `${who}@fieldops.test`);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startNotificationHost(engines, clock, smtp.url);
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.close();
  });

  it('a lead at its warning time gives its holder one in-app notice, live, and one email in their language', async () => {
    const lead = await aLead(t, await as('rep1.cn'), SHANGHAI, '东方便利店');
    const stream = await openStream(t.url, await as('rep1.cn'));
    try {
      // China protects a lead 30 days and warns 7 days before.
      clock.advance(23 * DAY + 1);
      const inbox = await eventually(async () => {
        const page = await t.api('GET', '/api/v1/notifications', { token: await as('rep1.cn') });
        expect(page.status, JSON.stringify(page.body)).toBe(200);
        expect(page.body.items).toHaveLength(1);
        return page.body;
      });
      expect(inbox.unreadCount).toBe(1);
      expect(inbox.items[0]).toMatchObject({
        workflow: 'lead-recycle-warning',
        title: expect.stringContaining('线索「东方便利店」将于'),
        link: `/console/leads/${lead.id}`,
        readAt: null,
      });
      // The stream was open before the notice existed: it arrives as a frame, without asking again.
      await eventually(() => expect(stream.frames.map((f) => f.id)).toEqual([inbox.items[0].id]));
      expect(stream.frames[0]).toMatchObject({ event: 'notification', data: { title: inbox.items[0].title } });
    } finally {
      stream.close();
    }

    // The email waits for the end of its digest window (an hour), then goes out once, in Chinese.
    expect(mailTo('rep1.cn')).toEqual([]);
    clock.advance(HOUR);
    await eventually(() => expect(mailTo('rep1.cn')).toHaveLength(1));
    expect(mailTo('rep1.cn')[0]).toMatchObject({ subject: '您有 1 条线索即将被回收', text: expect.stringContaining('东方便利店') });
    expect(mailTo('rep1.cn')[0]?.html).toContain('东方便利店');
  });

  it('the same warning delivered again five times still gives one notice and one email', async () => {
    const lead = await aLead(t, await as('rep2.cn'), SHANGHAI);
    clock.advance(23 * DAY + 1);
    const db = notificationDb(t);
    await eventually(async () => expect(await db.selectFrom('digest_item').select('source_key').execute()).toHaveLength(1));
    clock.advance(HOUR);
    await eventually(() => expect(mailTo('rep2.cn')).toHaveLength(1));

    const leads = t.host.service('leads');
    const notification = t.host.service('notification');
    if (!leads || !notification) throw new Error('services not running');
    const { envelope } = await leads.db
      .selectFrom('outbox')
      .select('envelope')
      .where('subject', '=', lead.id)
      .where('type', '=', 'leads.lead.recycle-warning.v1')
      .executeTakeFirstOrThrow();
    const event = JSON.parse(envelope);
    for (let i = 0; i < 5; i++) expect(await notification.replayDeadLetter(event, 'notification.workflows')).toBe('duplicate');
    // Even past the consumer's inbox (its record lost), the notices' own unique keys keep it to one.
    await platformTables(db).deleteFrom('inbox').where('event_id', '=', event.id).execute();
    expect(await notification.replayDeadLetter(event, 'notification.workflows')).toBe('applied');

    const notices = await db.selectFrom('notice').select('id').where('source_key', '=', event.id).execute();
    expect(notices).toHaveLength(1);
    expect(await db.selectFrom('digest_item').select('id').execute()).toEqual([]);
    clock.advance(HOUR);
    await eventually(async () => {
      const due = await db
        .selectFrom('delivery')
        .select('id')
        .where('state', 'in', ['queued', 'retrying'])
        .where('next_attempt_at', '<=', clock.now())
        .execute();
      expect(due).toEqual([]);
    });
    expect(mailTo('rep2.cn')).toHaveLength(1);
  });

  it('twelve warnings in one window make one email listing the twelve leads, in English for a Singapore rep', async () => {
    const token = await as('rep3.sg');
    const leads = [];
    for (let i = 0; i < 12; i++) leads.push(await aLead(t, token));
    clock.advance(12 * DAY + 1);
    await eventually(async () => {
      const page = await t.api('GET', '/api/v1/notifications?limit=50', { token: await as('rep3.sg') });
      expect(page.body.items).toHaveLength(12);
    });
    clock.advance(HOUR);
    await eventually(() => expect(mailTo('rep3.sg')).toHaveLength(1));
    const [digest] = mailTo('rep3.sg');
    expect(digest?.subject).toBe('12 of your leads will be recycled soon');
    for (const lead of leads) expect(digest?.text).toContain(lead.name);
  });
});
