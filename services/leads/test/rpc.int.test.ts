import { Code, ConnectError } from '@connectrpc/connect';
import { LeadsService } from '@fieldops/contracts';
import { asCaller } from '@fieldops/platform';
import { databaseEngines, MovableClock, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLead, aPublicLead, demoSeeded, leadsDb, startLeadsHost } from './leads-fixtures';

const engines = await databaseEngines();

async function failureOf(call: Promise<unknown>): Promise<Code | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return ConnectError.from(error).code;
  }
}

describe.each(engines)('leads RPC on $name', (database) => {
  let t: TestHost;
  let rep: string;
  let other: string;
  let privateLead: string;
  let publicLead: string;
  const clock = new MovableClock(Date.now());
  const leads = () => t.host.runtime.rpc.client(LeadsService);
  const asService = async () => asCaller(await t.host.runtime.serviceTokens('search'));

  beforeAll(async () => {
    t = await startLeadsHost(database, clock);
    await demoSeeded(t);
    rep = await t.login('rep1.sg@fieldops.test');
    other = await t.login('rep6.sg@fieldops.test');
    privateLead = (await t.api('POST', '/api/v1/leads', { token: rep, body: aLead({ phone: '+65 9123 4567' }) })).body.id;
    publicLead = await aPublicLead(t, rep, { phone: '+65 9765 4321' });
  });
  afterAll(async () => t?.stop());

  it('GetLead answers a lead in scope with its phone, NOT_FOUND to a rep of another team', async () => {
    const { lead } = await leads().getLead({ id: privateLead }, asCaller(rep));
    expect(lead).toMatchObject({ id: privateLead, country: 'SG', pool: 'private', stage: 'new', phone: '+6591234567', version: 1n });
    expect(lead?.ownerId).toBeDefined();
    expect(await failureOf(leads().getLead({ id: privateLead }, asCaller(other)))).toBe(Code.NotFound);
  });

  it('masks the phone of a public-pool lead exactly as the REST API does', async () => {
    const rest = await t.api('GET', `/api/v1/leads/${publicLead}`, { token: other });
    expect(rest.body.phoneMasked).toBe(true);
    const { lead } = await leads().getLead({ id: publicLead }, asCaller(other));
    expect(lead?.phone).toBe(rest.body.phone);
    expect(lead?.phone).not.toBe('+6597654321');
    expect(lead?.ownerId).toBeUndefined();
  });

  it('BatchGetLeads leaves out what is missing or out of scope', async () => {
    const ids = [privateLead, publicLead, '01900000-0000-7000-8000-00000000dead'];
    const mine = await leads().batchGetLeads({ ids }, asCaller(rep));
    expect(mine.leads.map((l) => l.id).sort()).toEqual([privateLead, publicLead].sort());
    const theirs = await leads().batchGetLeads({ ids }, asCaller(other));
    expect(theirs.leads.map((l) => l.id)).toEqual([publicLead]);
    const tooMany = Array.from({ length: 501 }, () => privateLead);
    expect(await failureOf(leads().batchGetLeads({ ids: tooMany }, asCaller(rep)))).toBe(Code.InvalidArgument);
  });

  it('ExportLeads pages through every lead in id order for a service, and refuses a user', async () => {
    const stored = (await leadsDb(t).selectFrom('lead').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(stored.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let afterId = '';
    let pages = 0;
    do {
      const page = await leads().exportLeads({ afterId, limit: 2 }, await asService());
      seen.push(...page.leads.map((l) => l.id));
      afterId = page.nextAfterId;
      pages++;
    } while (afterId !== '' && pages < 10_000);
    expect(seen).toEqual(stored);
    const all = await leads().exportLeads({ afterId: '', limit: 0 }, await asService());
    expect(all.leads.length).toBe(Math.min(500, stored.length));
    expect(all.leads.find((l) => l.id === publicLead)?.phone).not.toBe('+6597654321');
    const admin = await t.login('admin@fieldops.test');
    expect(await failureOf(leads().exportLeads({ afterId: '' }, asCaller(admin)))).toBe(Code.PermissionDenied);
    expect(await failureOf(leads().exportLeads({ afterId: '', limit: 1001 }, await asService()))).toBe(Code.InvalidArgument);
  });
});
