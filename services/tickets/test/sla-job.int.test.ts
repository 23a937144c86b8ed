import { databaseEngines, enginesRequired, MovableClock, type TestDatabaseEngine, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketsTasks } from '../src/index';
import { aMerchant, outboxOf, startTicketsHost, ticketsDb } from './tickets-fixtures';

// Two replicas of every service on one MariaDB: the breach job run on both at once fires each action once.
const mariadb = (await databaseEngines()).find((engine) => engine.name === 'mariadb');

if (!mariadb) {
  describe('the SLA job on two replicas', () => {
    it('is left out because MariaDB does not answer on this machine (never in CI)', () => {
      expect(enginesRequired).toBe(false);
    });
  });
}

const DAY = 86_400_000;
const SLA_TYPES = ['tickets.ticket.sla-warned.v1', 'tickets.ticket.sla-breached.v1', 'tickets.ticket.escalated.v1'];

describe.each(mariadb ? [mariadb] : [])('the SLA job on two replicas on $name', (engine) => {
  const shared = engine.create();
  /** Both hosts open the same databases; the last one to stop drops them. */
  const sameDatabases: TestDatabaseEngine = { name: 'mariadb', create: () => ({ url: shared.url, cleanup: async () => {} }) };
  const clock = new MovableClock(Date.now());
  let blue: TestHost;
  let green: TestHost;
  const tickets: string[] = [];
  beforeAll(async () => {
    blue = await startTicketsHost(sameDatabases, clock);
    green = await startTicketsHost(sameDatabases, clock, { seedDemo: false });
    const rep = await blue.login('rep1.sg@fieldops.test');
    const merchantId = await aMerchant(blue, rep);
    for (let i = 0; i < 6; i++) {
      const res = await blue.api('POST', '/api/v1/tickets', {
        token: rep,
        body: {
          type: 'complaint',
          priority: 'urgent',
          title: `Settlement ${i} missing`,
          merchantId,
          fields: { channel: 'phone', category: 'settlement' },
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      tickets.push(res.body.id);
    }
  }, 240_000);
  afterAll(async () => {
    await green?.stop();
    await blue?.stop();
    await shared.cleanup(['account', 'area', 'poi', 'merchant', 'leads', 'tickets']);
  });

  it('nothing is due before the warning', async () => {
    const [a, b] = await Promise.all([
      blue.host.runTask(ticketsTasks.fireSlaActions, {}),
      green.host.runTask(ticketsTasks.fireSlaActions, {}),
    ]);
    expect(a.fired + b.fired).toBe(0);
  });

  it('warn, breach and both escalation levels of each clock fire exactly once across the two replicas', async () => {
    const mine = () => ticketsDb(blue).selectFrom('ticket').select(['sla_next_due_at', 'sla_status']).where('id', 'in', tickets).execute();
    let fired = 0;
    // Step the clock to each next due time the tickets carry (they were opened a few milliseconds apart, so the latest
    // is the same milestone for all) and run the job on both replicas at once, until nothing is due any more.
    for (let round = 0; round < 12; round++) {
      const dues = (await mine()).map((row) => row.sla_next_due_at).filter((due) => due !== null);
      if (dues.length === 0) break;
      clock.set(Math.max(...dues.map(Number)));
      const [a, b] = await Promise.all([
        blue.host.runTask(ticketsTasks.fireSlaActions, {}),
        green.host.runTask(ticketsTasks.fireSlaActions, {}),
      ]);
      fired += a.fired + b.fired;
    }
    const perTicket = ['firstResponse', 'resolution'].flatMap((clockName) => [
      `${clockName}:warn:0`,
      `${clockName}:breach:0`,
      `${clockName}:escalate:1`,
      `${clockName}:escalate:2`,
    ]);
    const keysOf = async (id: string) =>
      (await outboxOf(blue, id))
        .filter((e) => SLA_TYPES.includes(e.type))
        .map((e) => e.data.key)
        .sort();
    for (const id of tickets) expect(await keysOf(id)).toEqual([...perTicket].sort());
    // Each action fired is one row of the unique action table, whichever replica inserted it (the demo's own
    // tickets fall due too).
    const rows = await ticketsDb(blue).selectFrom('ticket_sla_action').select('action_key').execute();
    expect(fired).toBe(rows.length);
    clock.advance(DAY);
    await Promise.all([blue.host.runTask(ticketsTasks.fireSlaActions, {}), green.host.runTask(ticketsTasks.fireSlaActions, {})]);
    for (const id of tickets) expect(await keysOf(id)).toEqual([...perTicket].sort());
    expect(await mine()).toEqual(tickets.map(() => ({ sla_next_due_at: null, sla_status: 'breached' })));
  });

  it('each event names who is to be told: the assignee and watchers, then the team lead, then the city manager', async () => {
    const events = await outboxOf(blue, tickets[0] as string);
    const of = (type: string, level?: number) =>
      events.find((e) => e.type === type && e.data.clock === 'resolution' && (level === undefined || e.data.level === level))?.data;
    const creator = (await blue.api('GET', `/api/v1/tickets/${tickets[0]}`, { token: await blue.login('rep1.sg@fieldops.test') })).body
      .createdBy;
    expect(of('tickets.ticket.sla-breached.v1')?.notify).toContain(creator);
    const teamLead = of('tickets.ticket.escalated.v1', 1);
    const cityManager = of('tickets.ticket.escalated.v1', 2);
    expect(teamLead).toMatchObject({ level: 1, audience: 'team-lead' });
    expect(cityManager).toMatchObject({ level: 2, audience: 'city-manager' });
    // The demo organisation names its people by role: teamleadN.sg, citymanagerN.sg.
    const admin = await blue.login('admin@fieldops.test');
    const emailsOf = async (ids: unknown) =>
      Promise.all(
        (ids as string[]).map(async (id) => (await blue.api('GET', `/api/v1/users/${id}`, { token: admin })).body.email as string),
      );
    const leads = await emailsOf(teamLead?.notify);
    const managers = await emailsOf(cityManager?.notify);
    expect(leads.length).toBeGreaterThan(0);
    expect(managers.length).toBeGreaterThan(0);
    for (const email of leads) expect(email).toMatch(/^teamlead\d+\.sg@/);
    for (const email of managers) expect(email).toMatch(/^citymanager\d+\.sg@/);
  });
});
