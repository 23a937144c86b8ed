import { databaseEngines, MovableClock, type TestHost } from '@fieldops/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLead, aPublicLead, demoSeeded, leadsDb, setHeld, startLeadsHost } from './leads-fixtures';

const engines = await databaseEngines();
const SG_REPS = Array.from({ length: 20 }, (_, i) => `rep${i + 1}.sg@fieldops.test`);

describe.each(engines)('concurrent claims on $name', (database) => {
  let t: TestHost;
  let tokens: string[];
  beforeAll(async () => {
    t = await startLeadsHost(database, new MovableClock(Date.now()));
    tokens = await Promise.all(SG_REPS.map((email) => t.login(email)));
    // The demo seed gives these reps leads of their own; the counts below are arranged once it is done.
    await demoSeeded(t);
  });
  afterAll(async () => t?.stop());

  it('100 concurrent claims of one lead: exactly one wins, the rest answer 409', async () => {
    const id = await aPublicLead(t, await t.login('agencyrep1.sg@fieldops.test'));
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => t.api('POST', `/api/v1/leads/${id}/claim`, { token: tokens[i % tokens.length] })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const history = await leadsDb(t)
      .selectFrom('lead_claim_history')
      .selectAll()
      .where('lead_id', '=', id)
      .where('event', '=', 'claimed')
      .execute();
    expect(history).toHaveLength(2);
  });

  it('50 concurrent claims by one rep 5 below the limit: exactly 5 succeed, never more', async () => {
    const rep = await t.login('rep11.sg@fieldops.test');
    const owner = (await t.api('POST', '/api/v1/leads', { token: rep, body: aLead() })).body.ownerId as string;
    const maker = await t.login('agencyrep2.sg@fieldops.test');
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await aPublicLead(t, maker));
    await setHeld(t, owner, 95);
    const answers = await Promise.all(ids.map((id) => t.api('POST', `/api/v1/leads/${id}/claim`, { token: rep })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(45);
    const holding = await leadsDb(t).selectFrom('lead_holding').select('held').where('user_id', '=', owner).executeTakeFirstOrThrow();
    expect(Number(holding.held)).toBe(100);
    const owned = await leadsDb(t)
      .selectFrom('lead')
      .select(sql<number>`count(*)`.as('n'))
      .where('owner_id', '=', owner)
      .where('id', 'in', ids)
      .executeTakeFirstOrThrow();
    expect(Number(owned.n)).toBe(5);
  });
});
