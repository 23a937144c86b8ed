import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COUNTRY_OVERRIDES_ENV, resetDefaultCountryRegistry } from '@fieldops/countries';
import { databaseEngines, MovableClock, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLead, demoSeeded, expectProblem, leadsDb, startLeadsHost } from './leads-fixtures';

const engines = await databaseEngines();
const REP_LIMIT = 6;
const TEAM_LEAD_LIMIT = 9;

describe.each(engines)('the claim limit per role on $name', (database) => {
  let t: TestHost;
  const as = (who: string) => t.login(`${who}@fieldops.test`);

  /** Captures leads as `who` until refused; answers how many were created and how many they held before. */
  async function captureUntilRefused(who: string) {
    const token = await as(who);
    const me = (await t.api('GET', '/api/v1/me', { token })).body.user.id as string;
    const holding = await leadsDb(t).selectFrom('lead_holding').select('held').where('user_id', '=', me).executeTakeFirst();
    const before = Number(holding?.held ?? 0);
    let created = 0;
    for (;;) {
      const res = await t.api('POST', '/api/v1/leads', { token, body: aLead() });
      if (res.status !== 201) {
        expectProblem(res, 409);
        expect(res.body.code).toBe('limit');
        return { before, created };
      }
      created++;
      expect(created).toBeLessThanOrEqual(TEAM_LEAD_LIMIT);
    }
  }

  beforeAll(async () => {
    // The country policy's JSON overrides: no code changes, one file.
    const file = join(mkdtempSync(join(tmpdir(), 'countries-')), 'countries.json');
    writeFileSync(file, JSON.stringify({ SG: { leadClaimLimit: REP_LIMIT, leadClaimLimitByRole: { team_lead: TEAM_LEAD_LIMIT } } }));
    process.env[COUNTRY_OVERRIDES_ENV] = file;
    resetDefaultCountryRegistry();
    t = await startLeadsHost(database, new MovableClock(Date.now()));
    await demoSeeded(t);
  });
  afterAll(async () => {
    await t?.stop();
    delete process.env[COUNTRY_OVERRIDES_ENV];
    resetDefaultCountryRegistry();
  });

  it('a rep is held to the country’s limit', async () => {
    const { before, created } = await captureUntilRefused('rep11.sg');
    expect(before).toBeLessThan(REP_LIMIT);
    expect(before + created).toBe(REP_LIMIT);
  });

  it('a team lead is held to the limit the policy gives their role', async () => {
    const { before, created } = await captureUntilRefused('teamlead3.sg');
    expect(before + created).toBe(TEAM_LEAD_LIMIT);
  });
});
