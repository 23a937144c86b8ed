import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMerchant, expectProblem, merchantDb, startMerchantHost, userId, withOnboardingDocuments } from './merchant-fixtures';

const engines = await databaseEngines();

describe.each(engines)('merchant life cycle, transfers, history and scope on $name', (database) => {
  let t: TestHost;
  let rep: string;
  let lead: string;
  /** A merchant in onboarding with the documents to go active. */
  const create = async (token = rep) => {
    const id = (await t.api('POST', '/api/v1/merchants', { token, body: aMerchant() })).body.id as string;
    await withOnboardingDocuments(t, id);
    return id;
  };
  const move = (id: string, to: string, token = rep) =>
    t.api('POST', `/api/v1/merchants/${id}/transitions`, { token, body: { to, reason: `to ${to}` } });
  beforeAll(async () => {
    t = await startMerchantHost(database);
    rep = await t.login('rep1.sg@fieldops.test');
    lead = await t.login('teamlead1.sg@fieldops.test');
  });
  afterAll(async () => t?.stop());

  it('goes onboarding → active → suspended → active → suspended → churned, each move stored with who and why', async () => {
    const id = await create();
    for (const to of ['active', 'suspended', 'active', 'suspended', 'churned']) {
      const res = await move(id, to);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe(to);
    }
    const rows = await merchantDb(t)
      .selectFrom('merchant_transition')
      .selectAll()
      .where('merchant_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => `${r.from_status}>${r.to_status}`)).toEqual([
      'onboarding>active',
      'active>suspended',
      'suspended>active',
      'active>suspended',
      'suspended>churned',
    ]);
    expect(rows[0]).toMatchObject({ actor_id: await userId(t, 'rep1.sg@fieldops.test'), reason: 'to active' });
  });

  it('going active needs every onboarding document the country requires: 422 naming each missing kind', async () => {
    const created = await t.api('POST', '/api/v1/merchants', { token: rep, body: aMerchant() });
    const res = await move(created.body.id, 'active');
    expectProblem(res, 422, '/onboardingDocuments/acra_bizfile');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      '/onboardingDocuments/acra_bizfile',
      '/onboardingDocuments/owner_identity_document',
      '/onboardingDocuments/bank_statement',
      '/onboardingDocuments/storefront_photo',
    ]);
    expect((await t.api('GET', `/api/v1/merchants/${created.body.id}`, { token: rep })).body.status).toBe('onboarding');
    await withOnboardingDocuments(t, created.body.id);
    expect((await move(created.body.id, 'active')).status).toBe(200);
  });

  it('an illegal move answers 409 problem+json naming from and to', async () => {
    const id = await create();
    const res = await move(id, 'suspended');
    expectProblem(res, 409, '/body/to');
    expect(res.body).toMatchObject({ from: 'onboarding', to: 'suspended' });
    await move(id, 'active');
    await move(id, 'churned');
    expect((await move(id, 'active')).body).toMatchObject({ status: 409, from: 'churned', to: 'active' });
    // A single transfer names the merchant where the request did: the path, not a bulk list it never sent.
    const rep2 = await userId(t, 'rep2.sg@fieldops.test');
    const transfer = await t.api('POST', `/api/v1/merchants/${id}/transfer`, { token: lead, body: { ownerId: rep2, reason: 'x' } });
    expectProblem(transfer, 422, '/params/id');
    expect(transfer.body.errors).toEqual([{ field: '/params/id', message: 'is churned' }]);
  });

  it('a rep may not transfer; a team lead gives a merchant to a rep of the team, keeping the history', async () => {
    const id = await create();
    const rep2 = await userId(t, 'rep2.sg@fieldops.test');
    expectProblem(await t.api('POST', `/api/v1/merchants/${id}/transfer`, { token: rep, body: { ownerId: rep2, reason: 'x' } }), 403);
    const res = await t.api('POST', `/api/v1/merchants/${id}/transfer`, { token: lead, body: { ownerId: rep2, reason: 'rebalance' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.results).toEqual([{ merchantId: id, ok: true, previousOwnerId: await userId(t, 'rep1.sg@fieldops.test'), version: 2 }]);
    expectProblem(await t.api('GET', `/api/v1/merchants/${id}`, { token: rep }), 404);
    const rep2Token = await t.login('rep2.sg@fieldops.test');
    expect((await t.api('GET', `/api/v1/merchants/${id}`, { token: rep2Token })).body.ownerId).toBe(rep2);
    const changes = await merchantDb(t).selectFrom('merchant_owner_change').selectAll().where('merchant_id', '=', id).execute();
    expect(changes).toMatchObject([{ to_owner_id: rep2, reason: 'rebalance' }]);
  });

  it('a new owner the caller cannot see is refused, naming ownerId', async () => {
    const id = await create();
    const otherTeam = await userId(t, 'rep6.sg@fieldops.test');
    expectProblem(
      await t.api('POST', `/api/v1/merchants/${id}/transfer`, { token: lead, body: { ownerId: otherTeam, reason: 'x' } }),
      400,
      '/body/ownerId',
    );
  });

  it('a bulk transfer with one failing id changes nothing and reports each id', async () => {
    const ids = [await create(), await create()];
    const missing = '01890000-0000-7000-8000-000000000000';
    const rep3 = await userId(t, 'rep3.sg@fieldops.test');
    const res = await t.api('POST', '/api/v1/merchants/transfer', {
      token: lead,
      body: { merchantIds: [...ids, missing], ownerId: rep3, reason: 'bulk' },
    });
    expectProblem(res, 422, '/body/merchantIds/2');
    expect(res.body.results).toMatchObject([
      { merchantId: ids[0], ok: false },
      { merchantId: ids[1], ok: false },
      { merchantId: missing, ok: false, error: 'not found' },
    ]);
    const owners = await merchantDb(t).selectFrom('merchant').select(['owner_id', 'version']).where('id', 'in', ids).execute();
    expect(owners.every((o) => o.owner_id !== rep3 && Number(o.version) === 1)).toBe(true);
    const ok = await t.api('POST', '/api/v1/merchants/transfer', {
      token: lead,
      body: { merchantIds: ids, ownerId: rep3, reason: 'bulk' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
  });

  it('the history lists every change, oldest first, with who, when, type and data', async () => {
    const id = await create();
    const created = await t.api('GET', `/api/v1/merchants/${id}`, { token: rep });
    await t.api('PATCH', `/api/v1/merchants/${id}`, {
      token: rep,
      body: { brandName: 'Renamed' },
      headers: { 'if-match': created.headers.get('etag') ?? '' },
    });
    await move(id, 'active');
    await t.api('POST', `/api/v1/merchants/${id}/transfer`, {
      token: lead,
      body: { ownerId: await userId(t, 'rep4.sg@fieldops.test'), reason: 'cover' },
    });
    const history = await t.api('GET', `/api/v1/merchants/${id}/history`, { token: lead });
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
      'merchant.merchant.created.v1',
      'merchant.merchant.updated.v1',
      'merchant.merchant.status-changed.v1',
      'merchant.merchant.owner-transferred.v1',
    ]);
    const [first, , moved] = history.body.items;
    expect(first.actor).toBe(await userId(t, 'rep1.sg@fieldops.test'));
    expect(new Date(first.time).getTime()).toBeGreaterThan(0);
    expect(moved.data).toMatchObject({ from: 'onboarding', to: 'active', reason: 'to active' });
  });

  it('a rep of another team gets 404 on read, update, transition and history', async () => {
    const id = await create();
    const other = await t.login('rep6.sg@fieldops.test');
    const otherLead = await t.login('teamlead2.sg@fieldops.test');
    for (const token of [other, otherLead]) {
      expectProblem(await t.api('GET', `/api/v1/merchants/${id}`, { token }), 404);
      expectProblem(await t.api('PATCH', `/api/v1/merchants/${id}`, { token, body: { tier: 'A' } }), 404);
      expectProblem(await move(id, 'active', token), 404);
      expectProblem(await t.api('GET', `/api/v1/merchants/${id}/history`, { token }), 404);
    }
    expect((await t.api('GET', '/api/v1/merchants?limit=200', { token: other })).body.items.map((m: { id: string }) => m.id)).not.toContain(
      id,
    );
    expect((await t.api('GET', `/api/v1/merchants/${id}`, { token: lead })).status).toBe(200);
  });
});
