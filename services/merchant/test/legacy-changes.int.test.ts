import type { MigrationLegacyMerchantUpdated } from '@fieldops/contracts';
import { buildEnvelope } from '@fieldops/platform';
import { databaseEngines, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMerchant, merchantDb, outboxOf, startMerchantHost } from './merchant-fixtures';

const engines = await databaseEngines();

describe.each(engines)('changes the legacy system made, applied to merchants on $name', (database) => {
  let t: TestHost;
  let rep: string;
  let sequence = 0;

  /** A merchant made in FieldOps, as the initial copy would have put it in both systems. */
  const aCopiedMerchant = async () => {
    const body = aMerchant({ contacts: [{ name: 'Tan Ah Kow', role: 'manager', phone: '9123 4567', email: 'tan@kopitiam.test' }] });
    const created = await t.api('POST', '/api/v1/merchants', { token: rep, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { id, legalName, businessId, category, lat, lng } = created.body;
    // What the legacy system keeps of it.
    const kept: MigrationLegacyMerchantUpdated['merchant'] = { id, legalName, businessId, category, lat, lng, contacts: [] };
    return kept;
  };
  /** The import adapter's event: the legacy system's record after its change. */
  const aLegacyChange = (merchant: MigrationLegacyMerchantUpdated['merchant']) => {
    sequence += 1;
    const data: MigrationLegacyMerchantUpdated = { route: 'merchants', legacySequence: sequence, merchant };
    return buildEnvelope(
      'migration',
      { type: 'migration.legacy.merchant-updated.v1', subject: merchant.id, data, actor: 'service:migration' },
      Date.now(),
    );
  };
  const apply = (event: ReturnType<typeof aLegacyChange>) => {
    const merchant = t.host.service('merchant');
    if (!merchant) throw new Error('no merchant service');
    return merchant.replayDeadLetter(event, 'merchant.legacy-import');
  };
  const row = (id: string) => merchantDb(t).selectFrom('merchant').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const updates = async (id: string) => (await outboxOf(t, id)).filter((e) => e.type === 'merchant.merchant.updated.v1');

  beforeAll(async () => {
    t = await startMerchantHost(database);
    rep = await t.login('rep1.sg@fieldops.test');
  });
  afterAll(async () => t?.stop());

  it("takes the legacy system's values of the fields both keep, keeps what only FieldOps knows, and says so once", async () => {
    const m = await aCopiedMerchant();
    const change = aLegacyChange({
      ...m,
      legalName: 'Renamed In The CRM Pte Ltd',
      lat: 1.3,
      lng: 103.86,
      contacts: [{ name: 'Tan Ah Kow', phone: '+6598765432' }],
    });
    expect(await apply(change)).toBe('applied');
    const after = await row(m.id);
    expect(after).toMatchObject({ legal_name: 'Renamed In The CRM Pte Ltd', lat: 1.3, lng: 103.86, tier: 'B', version: 2 });
    // The contact's role and email are FieldOps's alone: they stay with the contact of that name.
    expect(JSON.parse(after.contacts)).toEqual([{ name: 'Tan Ah Kow', role: 'manager', phone: '+6598765432', email: 'tan@kopitiam.test' }]);
    expect((await updates(m.id)).map((e) => e.data.legalName)).toEqual(['Renamed In The CRM Pte Ltd']);

    expect(await apply(change)).toBe('duplicate');
    expect(Number((await row(m.id)).version)).toBe(2);
    expect(await updates(m.id)).toHaveLength(1);
  });

  it('a change to values FieldOps already holds changes nothing: no version, no event', async () => {
    const m = await aCopiedMerchant();
    const before = await row(m.id);
    expect(await apply(aLegacyChange({ ...m, contacts: [{ name: 'Tan Ah Kow', phone: '+6591234567' }] }))).toBe('applied');
    expect(await row(m.id)).toEqual(before);
    expect(await updates(m.id)).toEqual([]);
  });

  it('a change FieldOps refuses, or to a merchant it does not have, is left for reconciliation to report', async () => {
    const m = await aCopiedMerchant();
    const before = await row(m.id);
    for (const refused of [
      { businessId: 'not-a-uen' },
      { category: 'spaceship' },
      { contacts: [{ name: 'Tan Ah Kow', phone: 'call me' }] },
    ]) {
      expect(await apply(aLegacyChange({ ...m, legalName: 'Not Taken Ltd', ...refused }))).toBe('applied');
    }
    expect(await row(m.id)).toEqual(before);
    expect(await apply(aLegacyChange({ ...m, id: 'not-in-fieldops' }))).toBe('applied');
    expect(await merchantDb(t).selectFrom('merchant').select('id').where('id', '=', 'not-in-fieldops').execute()).toEqual([]);
    expect(await updates(m.id)).toEqual([]);
  });
});
