import { checkinService } from '@fieldops/checkin';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMerchant, aRepair, expectProblem, startTicketsHost, userId } from './tickets-fixtures';

describe.each(await databaseEngines())('the data scope of tickets on $name', (database) => {
  let t: TestHost;
  const as = (who: string) => t.login(`${who}@fieldops.test`);
  let ticket: string;
  beforeAll(async () => {
    t = await startTicketsHost(database, undefined, { others: [checkinService] });
    const created = await t.api('POST', '/api/v1/tickets', { token: await as('rep1.sg'), body: aRepair() });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ticket = created.body.id;
  }, 120_000);
  afterAll(async () => t?.stop());

  /** Every way to read or change the ticket answers 404 to `who`, and listing does not show it. */
  async function cannotReach(who: string) {
    const token = await as(who);
    expectProblem(await t.api('GET', `/api/v1/tickets/${ticket}`, { token }), 404);
    expectProblem(await t.api('GET', `/api/v1/tickets/${ticket}/sla`, { token }), 404);
    expectProblem(await t.api('GET', `/api/v1/tickets/${ticket}/history`, { token }), 404);
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${ticket}`, { token, body: { title: 'Mine now' } }), 404);
    expectProblem(await t.api('POST', `/api/v1/tickets/${ticket}/transitions`, { token, body: { to: 'canceled' } }), 404);
    expectProblem(await t.api('POST', `/api/v1/tickets/${ticket}/comments`, { token, body: { body: 'Hello' } }), 404);
    const list = await t.api('GET', '/api/v1/tickets?limit=200', { token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(ticket);
  }

  it('a rep of another team gets 404 everywhere', async () => {
    await cannotReach('rep6.sg');
  });

  it('the rep’s team lead sees it; another team’s lead does not', async () => {
    expect((await t.api('GET', `/api/v1/tickets/${ticket}`, { token: await as('teamlead1.sg') })).status).toBe(200);
    await cannotReach('teamlead2.sg');
  });

  it('agency users see only their agency’s tickets', async () => {
    await cannotReach('agencyrep1.sg');
    await cannotReach('agencymanager.sg');
    const own = await t.api('POST', '/api/v1/tickets', { token: await as('agencyrep1.sg'), body: aRepair() });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body.agencyId).not.toBeNull();
    expect((await t.api('GET', `/api/v1/tickets/${own.body.id}`, { token: await as('agencymanager.sg') })).status).toBe(200);
    expectProblem(await t.api('GET', `/api/v1/tickets/${own.body.id}`, { token: await as('agencyrep2.sg') }), 404);
  });

  it('another country’s users get 404, their country manager included', async () => {
    await cannotReach('rep1.br');
    await cannotReach('countrymanager.cn');
  });

  it('a record the caller may not read, in any reference field, is a 422 naming the field; nothing is opened', async () => {
    const rep = await as('rep2.sg');
    const brMerchant = await aMerchant(t, await as('rep1.br'), {
      lat: -23.5505,
      lng: -46.6333,
      businessId: '11.222.333/0001-81',
      contacts: [],
      address: '1 Avenida Paulista',
    });
    const otherTeams = await aMerchant(t, await as('rep6.sg'));
    const nobody = '00000000-0000-4000-8000-000000000000';
    const title = 'Foreign reference';
    for (const [field, id] of [
      ['merchantId', brMerchant],
      ['merchantId', otherTeams],
      ['merchantId', nobody],
      ['leadId', nobody],
      ['placeId', nobody],
      ['visitId', nobody],
    ] as const) {
      const res = await t.api('POST', '/api/v1/tickets', { token: rep, body: aRepair({ title, [field]: id }) });
      expectProblem(res, 422, `/body/${field}`);
    }
    const list = await t.api('GET', '/api/v1/tickets?limit=200', { token: await as('countrymanager.sg') });
    expect(list.body.items.filter((i: { title: string }) => i.title === title)).toEqual([]);
  });

  it('list filters narrow within my scope and never widen it', async () => {
    const other = await as('rep6.sg');
    const creator = (await t.api('GET', `/api/v1/tickets/${ticket}`, { token: await as('rep1.sg') })).body.createdBy;
    const merchantId = await aMerchant(t, await as('rep1.sg'));
    const onMerchant = await t.api('POST', '/api/v1/tickets', { token: await as('rep1.sg'), body: aRepair({ merchantId }) });
    expect(onMerchant.status, JSON.stringify(onMerchant.body)).toBe(201);
    for (const query of [`merchantId=${merchantId}`, `assigneeId=${creator}`, 'state=new']) {
      const res = await t.api('GET', `/api/v1/tickets?${query}&limit=200`, { token: other });
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { id: string }) => i.id)).not.toContain(onMerchant.body.id);
      expect(res.body.items.map((i: { id: string }) => i.id)).not.toContain(ticket);
    }
    const mine = await t.api('GET', `/api/v1/tickets?merchantId=${merchantId}`, { token: await as('rep1.sg') });
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([onMerchant.body.id]);
  });

  it('a manager assigns only to people they can see, of the ticket’s country; a rep may not assign', async () => {
    const manager = await as('teamlead1.sg');
    const rep2 = await userId(t, 'rep2.sg@fieldops.test');
    const cnRep = await userId(t, 'rep1.cn@fieldops.test');
    const otherTeamRep = await userId(t, 'rep6.sg@fieldops.test');
    expectProblem(
      await t.api('POST', `/api/v1/tickets/${ticket}/assign`, { token: manager, body: { assigneeId: cnRep } }),
      422,
      '/body/assigneeId',
    );
    expectProblem(
      await t.api('POST', `/api/v1/tickets/${ticket}/assign`, { token: manager, body: { assigneeId: otherTeamRep } }),
      422,
      '/body/assigneeId',
    );
    expectProblem(await t.api('POST', `/api/v1/tickets/${ticket}/assign`, { token: await as('rep1.sg'), body: { assigneeId: rep2 } }), 403);
    const assigned = await t.api('POST', `/api/v1/tickets/${ticket}/assign`, { token: manager, body: { assigneeId: rep2 } });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body).toMatchObject({ assigneeId: rep2, state: 'assigned' });
    expect((await t.api('GET', `/api/v1/tickets/${ticket}`, { token: await as('rep2.sg') })).status).toBe(200);
  });

  it('bulk assign gives what the manager sees and skips the rest with the reason', async () => {
    const manager = await as('teamlead2.sg');
    const mine = (await t.api('POST', '/api/v1/tickets', { token: await as('rep6.sg'), body: aRepair() })).body.id;
    const rep7 = await userId(t, 'rep7.sg@fieldops.test');
    const res = await t.api('POST', '/api/v1/tickets/bulk-assign', {
      token: manager,
      body: { ticketIds: [mine, ticket], assigneeId: rep7 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ assigned: 1, skipped: 1 });
    expect(res.body.rows).toEqual([
      { ticketId: mine, status: 'assigned', reasons: [] },
      { ticketId: ticket, status: 'skipped', reasons: ['No such ticket, or it is outside what you manage.'] },
    ]);
  });
});
