import { accountService } from '@fieldops/account';
import { areaService } from '@fieldops/area';
import { leadsService } from '@fieldops/leads';
import { merchantService } from '@fieldops/merchant';
import { poiService } from '@fieldops/poi';
import {
  databaseEngines,
  enginesRequired,
  eventually,
  MovableClock,
  serviceDb,
  startTestHost,
  type TestDatabaseEngine,
  type TestHost,
} from '@fieldops/testing';
import { createTicketsService, ticketsTasks } from '@fieldops/tickets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationService } from '../src/index';
import { DAY, notificationDb } from './notification-fixtures';
import { type SmtpTestServer, startSmtpServer } from './support/smtp-test-server';

// The whole escalation: the tickets service's SLA job on two replicas at once (one MariaDB), the notification
// service on both, email to a real SMTP server on loopback. Each warning, breach and escalation reaches its people
// in the app and by email exactly once.
const mariadb = (await databaseEngines()).find((engine) => engine.name === 'mariadb');

if (!mariadb) {
  describe('ticket escalation delivered from two replicas', () => {
    it('is left out because MariaDB does not answer on this machine (never in CI)', () => {
      expect(enginesRequired).toBe(false);
    });
  });
}

const WORKFLOWS = ['ticket-sla-warning', 'ticket-sla-breached', 'ticket-escalated'];

describe.each(mariadb ? [mariadb] : [])('ticket escalation delivered from two replicas on $name', (engine) => {
  const shared = engine.create();
  const sameDatabases: TestDatabaseEngine = { name: 'mariadb', create: () => ({ url: shared.url, cleanup: async () => {} }) };
  const clock = new MovableClock(Date.now());
  let smtp: SmtpTestServer;
  let blue: TestHost;
  let green: TestHost;
  let ticketId: string;

  const replica = (seedDemo: boolean) =>
    startTestHost({
      services: [
        accountService,
        areaService,
        poiService,
        merchantService,
        leadsService,
        // The job runs when the test says so; deliveries are sent as soon as they are due.
        createTicketsService({ slaCheckMs: 3_600_000 }),
        createNotificationService({ deliveryCheckMs: 50 }),
      ],
      engines: { name: 'mariadb', database: sameDatabases, busUrl: 'local:', cacheUrl: 'memory:' },
      seedDemo,
      clock,
      env: { SMTP_URL: smtp.url, SMTP_FROM: 'FieldOps <no-reply@fieldops.test>' },
    });

  const ticketsDb = (t: TestHost) => serviceDb<{ ticket: { id: string; sla_next_due_at: number | null } }>(t, 'tickets');

  beforeAll(async () => {
    smtp = await startSmtpServer();
    blue = await replica(true);
    green = await replica(false);
    const rep = await blue.login('rep1.sg@fieldops.test');
    const merchant = await blue.api('POST', '/api/v1/merchants', {
      token: rep,
      body: { legalName: 'Escalation Kopitiam Pte Ltd', category: 'cafe', businessId: '201912345K', lat: 1.2903, lng: 103.8519 },
    });
    expect(merchant.status, JSON.stringify(merchant.body)).toBe(201);
    const opened = await blue.api('POST', '/api/v1/tickets', {
      token: rep,
      body: {
        type: 'complaint',
        priority: 'urgent',
        title: 'Escalation settlement missing',
        merchantId: merchant.body.id,
        fields: { channel: 'phone', category: 'settlement' },
      },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    ticketId = opened.body.id;
  }, 240_000);
  afterAll(async () => {
    await green?.stop();
    await blue?.stop();
    await smtp?.close();
    await shared.cleanup(['account', 'area', 'poi', 'merchant', 'leads', 'tickets', 'notification']);
  });

  it('warn, breach, level 1 and level 2: each notice once in the app and once by email, though both replicas ran the job', async () => {
    // Step the clock to the ticket's next due time and run the job on both replicas at once, until nothing is due.
    for (let round = 0; round < 12; round++) {
      const row = await ticketsDb(blue).selectFrom('ticket').select('sla_next_due_at').where('id', '=', ticketId).executeTakeFirstOrThrow();
      if (row.sla_next_due_at === null) break;
      clock.set(Number(row.sla_next_due_at));
      await Promise.all([blue.host.runTask(ticketsTasks.fireSlaActions, {}), green.host.runTask(ticketsTasks.fireSlaActions, {})]);
    }
    // What the tickets service said should be told, per action: the SLA events in its outbox.
    const outbox = await serviceDb<{ outbox: { subject: string; type: string; envelope: string } }>(blue, 'tickets')
      .selectFrom('outbox')
      .select(['type', 'envelope'])
      .where('subject', '=', ticketId)
      .execute();
    const actions = outbox
      .filter((e) => e.type.includes('.sla-') || e.type.includes('.escalated.'))
      .map((e) => ({ type: e.type, ...(JSON.parse(e.envelope).data as { key: string; notify: string[]; level?: number }) }));
    const kinds = actions.map((a) => (a.type.includes('escalated') ? `escalate-${a.level}` : a.type.split('.')[2]));
    expect(new Set(kinds)).toEqual(new Set(['sla-warned', 'sla-breached', 'escalate-1', 'escalate-2']));
    expect(new Set(actions.map((a) => a.key)).size).toBe(actions.length);
    const expected = actions.flatMap((a) => a.notify.map((userId) => `${userId} ${a.key}`)).sort();
    expect(expected.length).toBeGreaterThanOrEqual(4);

    const link = `/console/tickets/${ticketId}`;
    const noticesOf = () =>
      notificationDb(blue)
        .selectFrom('notice')
        .select(['user_id', 'workflow', 'source_key'])
        .where('link', '=', link)
        .where('workflow', 'in', WORKFLOWS)
        .execute();
    const emailsOf = () =>
      notificationDb(blue)
        .selectFrom('delivery')
        .select(['id', 'user_id', 'address', 'state'])
        .where('link', '=', link)
        .where('channel', '=', 'email')
        .where('workflow', 'in', WORKFLOWS)
        .execute();
    // In the app: one notice per person told per action.
    await eventually(async () => expect((await noticesOf()).length).toBe(expected.length), { timeoutMs: 60_000 });
    const notices = await noticesOf();
    expect(new Set(notices.map((n) => `${n.user_id} ${n.source_key}`)).size).toBe(expected.length);
    expect(new Set(notices.map((n) => n.workflow))).toEqual(new Set(WORKFLOWS));

    // A day later whatever quiet hours held back (the warning is not critical) has gone out.
    clock.advance(DAY);
    // By email: each delivery sent, and the SMTP server received each exactly once.
    await eventually(
      async () => {
        const states = (await emailsOf()).map((d) => d.state);
        const waiting = (await emailsOf()).filter((d) => d.state !== 'sent').length;
        const backlog = await notificationDb(blue)
          .selectFrom('delivery')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('state', 'in', ['queued', 'retrying'])
          .executeTakeFirst();
        expect(
          states.every((state) => state === 'sent'),
          JSON.stringify({ waiting, backlog }),
        ).toBe(true);
      },
      // The demo's own tickets fall due too: their emails share the queue.
      { timeoutMs: 150_000 },
    );
    const emails = await emailsOf();
    expect(emails).toHaveLength(expected.length);
    const received = smtp.received.filter((mail) => emails.some((d) => d.id === mail.deliveryId));
    expect(received.map((mail) => mail.deliveryId).sort()).toEqual(emails.map((d) => d.id).sort());

    // A team lead reads the escalations in their own inbox through the API.
    const level1 = actions.find((a) => a.level === 1);
    const teamLeadId = level1?.notify[0];
    const admin = await blue.login('admin@fieldops.test');
    const teamLead = (await blue.api('GET', `/api/v1/users/${teamLeadId}`, { token: admin })).body.email as string;
    const inbox = await blue.api('GET', '/api/v1/notifications', { token: await blue.login(teamLead) });
    expect(inbox.status).toBe(200);
    const escalations = (inbox.body.items as { workflow: string; link: string | null }[]).filter(
      (n) => n.link === link && n.workflow === 'ticket-escalated',
    );
    // One per escalation that named them (level 1 of the first-response clock and of the resolution clock).
    const theirs = actions.filter((a) => a.type === 'tickets.ticket.escalated.v1' && a.notify.includes(teamLeadId ?? ''));
    expect(theirs.length).toBeGreaterThan(0);
    expect(escalations).toHaveLength(theirs.length);
  }, 300_000);
});
