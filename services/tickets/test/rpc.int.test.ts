import { Code, ConnectError } from '@connectrpc/connect';
import { TicketsService } from '@fieldops/contracts';
import { asCaller } from '@fieldops/platform';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMerchant, aRepair, startTicketsHost } from './tickets-fixtures';

async function failureOf(call: Promise<unknown>): Promise<Code | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return ConnectError.from(error).code;
  }
}

describe.each(await databaseEngines())('tickets RPC on $name', (database) => {
  let t: TestHost;
  let rep: string;
  let other: string;
  let merchantId: string;
  const ids: string[] = [];
  const tickets = () => t.host.runtime.rpc.client(TicketsService);
  beforeAll(async () => {
    t = await startTicketsHost(database);
    rep = await t.login('rep1.sg@fieldops.test');
    other = await t.login('rep6.sg@fieldops.test');
    merchantId = await aMerchant(t, rep);
    for (const priority of ['low', 'urgent']) {
      const res = await t.api('POST', '/api/v1/tickets', { token: rep, body: aRepair({ priority }) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }
    const onMerchant = await t.api('POST', '/api/v1/tickets', { token: rep, body: aRepair({ merchantId }) });
    ids.push(onMerchant.body.id);
  }, 120_000);
  afterAll(async () => t?.stop());

  it('GetTicket answers a ticket in scope; NOT_FOUND to a rep of another team', async () => {
    const { ticket } = await tickets().getTicket({ id: ids[0] }, asCaller(rep));
    expect(ticket).toMatchObject({ id: ids[0], country: 'SG', type: 'equipment-repair', state: 'new', priority: 'low', version: 1n });
    expect(ticket?.slaBreachAt).toBeGreaterThan(0n);
    expect(await failureOf(tickets().getTicket({ id: ids[0] }, asCaller(other)))).toBe(Code.NotFound);
  });

  it('BatchGetTickets answers only what the caller sees and refuses more than 500 ids', async () => {
    const mine = await tickets().batchGetTickets({ ids: [...ids, '00000000-0000-4000-8000-000000000000'] }, asCaller(rep));
    expect(mine.tickets.map((x) => x.id).sort()).toEqual([...ids].sort());
    expect((await tickets().batchGetTickets({ ids }, asCaller(other))).tickets).toEqual([]);
    const tooMany = Array.from({ length: 501 }, () => ids[0] as string);
    expect(await failureOf(tickets().batchGetTickets({ ids: tooMany }, asCaller(rep)))).toBe(Code.InvalidArgument);
  });

  it('ListTicketsForMerchant answers the merchant’s open tickets the caller sees', async () => {
    const listed = await tickets().listTicketsForMerchant({ merchantId, openOnly: true, limit: 0 }, asCaller(rep));
    expect(listed.tickets.map((x) => x.id)).toEqual([ids[2]]);
    expect(listed.tickets[0]?.merchantId).toBe(merchantId);
    expect((await tickets().listTicketsForMerchant({ merchantId, openOnly: false, limit: 10 }, asCaller(other))).tickets).toEqual([]);
    expect(await failureOf(tickets().listTicketsForMerchant({ merchantId, openOnly: true, limit: 201 }, asCaller(rep)))).toBe(
      Code.InvalidArgument,
    );
  });
});
