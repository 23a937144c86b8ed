import zlib from 'node:zlib';
import { checkinService } from '@fieldops/checkin';
import { fileService } from '@fieldops/file';
import type { PlatformTables } from '@fieldops/platform';
import { type ApiResponse, databaseEngines, eventually, serviceDb, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMerchant, aRepair, expectProblem, ifMatch, outboxOf, startTicketsHost, ticketsDb } from './tickets-fixtures';

/** The smallest valid PNG (1×1): what a canvas signature or a photo is to the file service's sniffer. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const MERCHANT_AT = { lat: 1.2903, lng: 103.8519 };
let shade = 0;
let checkIns = 0;

/** A 16×16 PNG of one colour: each shade is its own photo to the checkin service's reuse check. */
function png(colour: number): Buffer {
  const rows = Buffer.alloc((16 * 3 + 1) * 16);
  for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) rows.set([colour % 256, (colour >> 8) % 256, 90], y * 49 + 1 + x * 3);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return framed;
  };
  const header = Buffer.from([0, 0, 0, 16, 0, 0, 0, 16, 8, 2, 0, 0, 0]);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

async function upload(t: TestHost, token: string, purpose: string, bytes: Buffer, type: string, name: string): Promise<string> {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const response = await fetch(`${t.url}/api/v1/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = (await response.json()) as { id: string };
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body.id;
}

describe.each(await databaseEngines())('completing a ticket on site on $name', (database) => {
  let t: TestHost;
  let rep: string;
  let otherRep: string;
  let manager: string;
  const as = (who: string) => t.login(`${who}@fieldops.test`);

  beforeAll(async () => {
    t = await startTicketsHost(database, undefined, { others: [fileService, checkinService] });
    [rep, otherRep, manager] = await Promise.all([as('rep12.sg'), as('rep13.sg'), as('countrymanager.sg')]);
    // The demo's area assignments are written once the reps' events reach the area service: a ticket opened before
    // then finds nobody covering its point and stays new (once, under CI's load).
    await eventually(
      async () => {
        const covering = await t.api('GET', `/api/v1/areas/covering?lat=${MERCHANT_AT.lat}&lng=${MERCHANT_AT.lng}`, { token: manager });
        expect(covering.status, JSON.stringify(covering.body)).toBe(200);
        expect(covering.body.primary.length).toBeGreaterThan(0);
      },
      { timeoutMs: 60_000 },
    );
  }, 120_000);
  afterAll(async () => t?.stop());

  /** A repair ticket on a merchant of `token`'s, read back with its ETag. */
  async function aFieldTicket(token = rep): Promise<{ merchantId: string; ticket: ApiResponse }> {
    const merchantId = await aMerchant(t, token);
    const created = await t.api('POST', '/api/v1/tickets', { token, body: aRepair({ merchantId }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { merchantId, ticket: created };
  }

  async function checkIn(token: string, merchantId: string, options: { mockLocation?: boolean } = {}): Promise<string> {
    const res = await t.api('POST', '/api/v1/visits', {
      token,
      body: {
        targetType: 'merchant',
        targetId: merchantId,
        ...MERCHANT_AT,
        // A different accuracy each time: the same one visit after visit is itself a signal (a simulated position).
        accuracyM: 8 + (++checkIns % 10),
        deviceTime: new Date().toISOString(),
        mockLocation: options.mockLocation ?? false,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  /** The rep checks out of a visit with photos (the answers Singapore's merchant visit asks for). */
  const checkOut = (visitId: string, photoIds: string[]) =>
    t.api('POST', `/api/v1/visits/${visitId}/check-out`, {
      token: rep,
      body: {
        deviceTime: new Date(Date.now() + 60_000).toISOString(),
        outcome: 'met-owner',
        notes: 'Terminal repaired',
        answers: { terminalWorking: true, stockOfQrStands: 'good' },
        photoIds,
      },
    });

  const evidence = async (token = rep) => ({
    photoIds: [await upload(t, token, 'visit-photo', PNG, 'image/png', 'work.png')],
    signatureFileId: await upload(t, token, 'other', PNG, 'image/png', 'signature.png'),
  });

  const complete = (ticket: ApiResponse, body: Record<string, unknown>, token = rep) =>
    t.api('POST', `/api/v1/tickets/${ticket.body.id}/complete-on-site`, { token, body, headers: ifMatch(ticket) });

  it('a verified check-in at the merchant with photos and a signature resolves the ticket, evidence in its history', async () => {
    const { merchantId, ticket } = await aFieldTicket();
    const visitId = await checkIn(rep, merchantId);
    const files = await evidence();
    const done = await complete(ticket, { visitId, ...files, note: 'Printer head replaced' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.state).toBe('resolved');
    expect(done.body.resolvedAt).not.toBeNull();

    const history = await t.api('GET', `/api/v1/tickets/${ticket.body.id}/history`, { token: rep });
    const entry = (history.body.history as { kind: string; to: string }[]).find((e) => e.kind === 'completed-on-site');
    expect(entry?.to, JSON.stringify(history.body)).toBe('resolved');
    const stored = await ticketsDb(t)
      .selectFrom('ticket_history')
      .select(['detail', 'to_state'])
      .where('ticket_id', '=', ticket.body.id)
      .where('kind', '=', 'completed-on-site')
      .executeTakeFirstOrThrow();
    expect(stored.to_state).toBe('resolved');
    expect(JSON.parse(stored.detail)).toMatchObject({ visitId, ...files, visit: { outcome: 'verified', verification: 'open' } });
    const types = (await outboxOf(t, ticket.body.id)).map((e) => e.type);
    expect(types).toContain('tickets.ticket.transitioned.v1');
  }, 60_000);

  it('a flagged visit sends the ticket to review; only a reviewer approves it, and a rejection needs a reason', async () => {
    const { merchantId, ticket } = await aFieldTicket();
    const visitId = await checkIn(rep, merchantId, { mockLocation: true });
    const inReview = await complete(ticket, { visitId, ...(await evidence()) });
    expect(inReview.status, JSON.stringify(inReview.body)).toBe(200);
    expect(inReview.body).toMatchObject({ state: 'review', resolvedAt: null, allowedMoves: ['canceled'] });

    // Neither a plain transition nor the rep gets it out of review.
    const plain = await t.api('POST', `/api/v1/tickets/${ticket.body.id}/transitions`, { token: manager, body: { to: 'resolved' } });
    expectProblem(plain, 409, '/body/to');
    expect(plain.body.code).toBe('needs-review');
    const byRep = await t.api('POST', `/api/v1/tickets/${ticket.body.id}/review`, { token: rep, body: { decision: 'approve' } });
    expectProblem(byRep, 403);
    expectProblem(
      await t.api('POST', `/api/v1/tickets/${ticket.body.id}/review`, { token: manager, body: { decision: 'reject' } }),
      422,
      '/body/reason',
    );

    const rejected = await t.api('POST', `/api/v1/tickets/${ticket.body.id}/review`, {
      token: manager,
      body: { decision: 'reject', reason: 'The photos show another shop' },
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body.state).toBe('in_progress');

    // Done again, with a clean visit this time: resolved without review.
    const again = await complete(rejected, { visitId: await checkIn(rep, merchantId), ...(await evidence()) });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.state).toBe('resolved');
  }, 60_000);

  it('a reviewer’s approval resolves a ticket in review; the SLA counts the on-site visit as the answer', async () => {
    const { merchantId, ticket } = await aFieldTicket();
    const inReview = await complete(ticket, { visitId: await checkIn(rep, merchantId, { mockLocation: true }), ...(await evidence()) });
    expect(inReview.body.state).toBe('review');
    const sla = await t.api('GET', `/api/v1/tickets/${ticket.body.id}/sla`, { token: rep });
    const clocks = sla.body.clocks as { clock: string; open: boolean }[];
    expect(clocks.find((c) => c.clock === 'firstResponse')?.open).toBe(false);
    expect(clocks.find((c) => c.clock === 'resolution')?.open).toBe(true);
    const approved = await t.api('POST', `/api/v1/tickets/${ticket.body.id}/review`, {
      token: manager,
      body: { decision: 'approve' },
      headers: ifMatch(inReview),
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.state).toBe('resolved');
  }, 60_000);

  it('refuses evidence that is not the caller’s check-in at the merchant or not readable images, naming the field', async () => {
    const { merchantId, ticket } = await aFieldTicket();
    const files = await evidence();
    // Another rep's visit (a merchant of theirs: mine they cannot check in at, and their visit I cannot read).
    const theirs = await checkIn(otherRep, await aMerchant(t, otherRep));
    expectProblem(await complete(ticket, { visitId: theirs, ...files }), 422, '/body/visitId');
    // My visit at another merchant.
    const elsewhere = await checkIn(rep, await aMerchant(t, rep));
    expectProblem(await complete(ticket, { visitId: elsewhere, ...files }), 422, '/body/visitId');
    const mine = await checkIn(rep, merchantId);
    expectProblem(await complete(ticket, { visitId: mine, ...files, photoIds: ['not-a-file'] }), 422, '/body/photoIds/0');
    const text = await upload(t, rep, 'other', Buffer.from('not a picture'), 'text/plain', 'note.txt');
    expectProblem(await complete(ticket, { visitId: mine, ...files, signatureFileId: text }), 422, '/body/signatureFileId');
    // Someone else's photo is not readable to me.
    const notMine = (await evidence(otherRep)).photoIds;
    expectProblem(await complete(ticket, { visitId: mine, ...files, photoIds: notMine }), 422, '/body/photoIds/0');
    expectProblem(await complete(ticket, { visitId: mine, photoIds: [] }), 400);
    // Nothing was written by the refusals.
    const read = await t.api('GET', `/api/v1/tickets/${ticket.body.id}`, { token: rep });
    expect(read.body).toMatchObject({ state: ticket.body.state, version: ticket.body.version });
  }, 90_000);

  it('a ticket without a merchant is not completed on site; another rep’s ticket is a 404', async () => {
    const plain = await t.api('POST', '/api/v1/tickets', { token: rep, body: aRepair() });
    const files = await evidence();
    const { merchantId } = await aFieldTicket();
    const visitId = await checkIn(rep, merchantId);
    const refused = await complete(plain, { visitId, ...files });
    expectProblem(refused, 409);
    expect(refused.body.code).toBe('not-on-site');
    const { ticket: theirs } = await aFieldTicket(otherRep);
    expectProblem(await complete(theirs, { visitId, ...files }), 404);
  }, 60_000);

  it('resolved with a clean check-in, the ticket goes back to review when its visit is flagged at check-out', async () => {
    const { merchantId, ticket } = await aFieldTicket();
    const visitId = await checkIn(rep, merchantId);
    const resolved = await complete(ticket, { visitId, ...(await evidence()) });
    expect(resolved.body.state, JSON.stringify(resolved.body)).toBe('resolved');
    // Another check-out already used this photo's bytes: the same bytes at this visit's check-out are a reused photo.
    const photo = png(++shade);
    const earlier = await checkIn(rep, await aMerchant(t, rep));
    expect((await checkOut(earlier, [await upload(t, rep, 'visit-photo', photo, 'image/png', 'shop.png')])).status).toBe(200);
    const out = await checkOut(visitId, [await upload(t, rep, 'visit-photo', photo, 'image/png', 'shop-again.png')]);
    expect(out.body, JSON.stringify(out.body)).toMatchObject({ verification: 'pending-review' });

    await eventually(async () => {
      const read = await t.api('GET', `/api/v1/tickets/${ticket.body.id}`, { token: rep });
      expect(read.body.state).toBe('review');
    });
    const history = await t.api('GET', `/api/v1/tickets/${ticket.body.id}/history`, { token: rep });
    expect(history.body.history.at(-1)).toMatchObject({
      kind: 'visit-flagged',
      from: 'resolved',
      to: 'review',
      actor: 'service:tickets',
      detail: { visitId, visit: { outcome: 'flagged', verification: 'pending-review', signals: ['photo-reused'] } },
    });
    // The reviewer decides as on any completion in review.
    const approved = await t.api('POST', `/api/v1/tickets/${ticket.body.id}/review`, { token: manager, body: { decision: 'approve' } });
    expect(approved.body.state, JSON.stringify(approved.body)).toBe('resolved');
  }, 60_000);

  it('a flagged visit no resolved ticket was completed with changes no ticket', async () => {
    const { merchantId, ticket } = await aFieldTicket();
    const visitId = await checkIn(rep, merchantId);
    // Resolved with another, clean visit; the flagged one only went by.
    const resolved = await complete(ticket, { visitId: await checkIn(rep, merchantId), ...(await evidence()) });
    expect(resolved.body.state).toBe('resolved');
    const photo = png(++shade);
    await checkOut(await checkIn(rep, await aMerchant(t, rep)), [await upload(t, rep, 'visit-photo', photo, 'image/png', 'a.png')]);
    const out = await checkOut(visitId, [await upload(t, rep, 'visit-photo', photo, 'image/png', 'b.png')]);
    expect(out.body.verification).toBe('pending-review');
    // Once the tickets service has taken the flag, the ticket is still as it was.
    const [flagged] = await serviceDb<PlatformTables>(t, 'checkin')
      .selectFrom('outbox')
      .select('id')
      .where('subject', '=', visitId)
      .where('type', '=', 'checkin.visit.flagged.v1')
      .execute();
    await eventually(async () => {
      const taken = await ticketsDb(t).selectFrom('inbox').select('event_id').where('consumer', '=', 'tickets.visit-flagged');
      expect(await taken.where('event_id', '=', flagged?.id ?? '').execute()).toHaveLength(1);
    });
    const read = await t.api('GET', `/api/v1/tickets/${ticket.body.id}`, { token: rep });
    expect(read.body).toMatchObject({ state: 'resolved', version: resolved.body.version });
  }, 60_000);
});
