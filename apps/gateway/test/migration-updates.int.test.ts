import type { MerchantDb } from '@fieldops/merchant';
import { migrationTasks } from '@fieldops/migration';
import type { EventEnvelope, PlatformTables } from '@fieldops/platform';
import { eventually, hostEngines, serviceDb, type TestHost } from '@fieldops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LegacyCrm } from './support/legacy-crm';
import { startMigrationSystem } from './support/migration-system';

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, as the test host's ApiResponse does.
type Json = Record<string, any>;

/**
 * Changes to a record both systems hold, made on whichever side serves the writes, reach the other side once and
 * stop there: the adapters carry updates as they carry creates, and reconciliation ends at no drift.
 */
describe.each(await hostEngines())('updates carried between the legacy CRM and FieldOps on $name', (engines) => {
  let legacy: LegacyCrm;
  let t: TestHost;
  let admin: string;
  let rep: string;
  const ids: string[] = [];

  const setMode = async (mode: string) => {
    const res = await t.api('PUT', '/api/v1/migration/routes/merchants', { token: admin, body: { mode } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const reconcile = async () => {
    const res = await t.api('POST', '/api/v1/migration/routes/merchants/reconcile', { token: admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Json;
  };
  const importChanges = () => t.host.runTask(migrationTasks.importLegacyChanges, {});
  const merchantRow = (id: string) =>
    serviceDb<MerchantDb>(t, 'merchant').selectFrom('merchant').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const outbox = async <D>(service: 'merchant' | 'migration', type: string, subject: string) => {
    const rows = await serviceDb<PlatformTables>(t, service)
      .selectFrom('outbox')
      .select('envelope')
      .where('type', '=', type)
      .where('subject', '=', subject)
      .orderBy('seq')
      .execute();
    return rows.map((row) => JSON.parse(row.envelope) as EventEnvelope<D>);
  };
  /** Waits until a consumer has applied each of these events (its inbox holds their ids). */
  const applied = async (service: 'merchant' | 'migration', consumer: string, eventIds: string[]) =>
    eventually(async () => {
      const rows = await serviceDb<PlatformTables>(t, service)
        .selectFrom('inbox')
        .select('event_id')
        .where('consumer', '=', consumer)
        .where('event_id', 'in', eventIds)
        .execute();
      expect(rows.map((r) => r.event_id).sort()).toEqual([...eventIds].sort());
    });
  const patchMerchant = async (id: string, body: Json) => {
    const read = await t.api('GET', `/api/v1/merchants/${id}`, { token: rep });
    const headers: Record<string, string> = {};
    const etag = read.headers.get('etag');
    if (etag) headers['if-match'] = etag;
    const res = await t.api('PATCH', `/api/v1/merchants/${id}`, { token: rep, headers, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Json;
  };

  beforeAll(async () => {
    ({ legacy, t, admin, rep } = await startMigrationSystem(engines));

    // The same merchants in both systems before the move (the initial bulk copy kept FieldOps's ids).
    for (let n = 0; n < 2; n++) {
      const body = {
        legalName: `Update Kopitiam ${n} Pte Ltd`,
        category: 'cafe',
        contacts: [{ name: `Owner ${n}`, role: 'owner', phone: '9123 4567' }],
        lat: 1.2903 + n / 1000,
        lng: 103.8519,
        businessId: `20201234${n}K`,
      };
      const created = await t.api('POST', '/api/v1/merchants', { token: rep, body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const m = created.body as Json;
      ids.push(m.id);
      legacy.shops.set(m.id, {
        shop_id: m.id,
        shop_name: m.legalName,
        biz_reg_no: m.businessId,
        category_code: m.category,
        latitude: m.lat,
        longitude: m.lng,
        contacts: m.contacts.map((c: Json) => ({ contact_name: c.name, tel: c.phone })),
        created_ts: new Date(Math.floor(Date.parse(m.createdAt) / 1000) * 1000).toISOString(),
      });
    }
  }, 180_000);

  afterAll(async () => {
    await t?.stop();
    await legacy?.stop();
  });

  it('legacy: a change the CRM takes reaches FieldOps through the import, and goes no further', async () => {
    await setMode('legacy');
    expect((await reconcile()).drift).toBe(0);
    const [id = ''] = ids;
    const before = await merchantRow(id);
    const answer = await patchMerchant(id, {
      legalName: 'Renamed In The CRM Ltd',
      contacts: [{ name: 'Owner 0', role: 'owner', phone: '+6591112222' }],
    });
    // Served by the CRM, in FieldOps's names; it records the change in its feed.
    expect(answer.legalName).toBe('Renamed In The CRM Ltd');
    expect(legacy.changes.at(-1)).toMatchObject({ operation: 'updated', record: { shop_id: id, shop_name: 'Renamed In The CRM Ltd' } });
    expect((await reconcile()).differing.map((d: Json) => d.key)).toEqual(['202012340K']);

    expect(await importChanges()).toEqual({ imported: 1 });
    await eventually(async () => expect((await merchantRow(id)).legal_name).toBe('Renamed In The CRM Ltd'));
    const after = await merchantRow(id);
    expect(Number(after.version)).toBe(Number(before.version) + 1);
    expect(JSON.parse(after.contacts)).toEqual([{ name: 'Owner 0', role: 'owner', phone: '+6591112222' }]);
    // FieldOps tells its own consumers (search, performance…) as for any change, as the import's.
    const updates = await outbox<Json>('merchant', 'merchant.merchant.updated.v1', id);
    expect(updates.map((e) => [e.actor, e.data.legalName])).toEqual([['service:migration', 'Renamed In The CRM Ltd']]);
    // The legacy adapter has seen that event and sent nothing back to the CRM.
    const patches = legacy.served.PATCH;
    await applied(
      'migration',
      'migration.legacy-feed',
      updates.map((e) => e.id),
    );
    expect(legacy.served.PATCH).toBe(patches);

    expect(await importChanges()).toEqual({ imported: 0 });
    expect(await reconcile()).toMatchObject({ onlyLegacy: [], onlyFieldOps: [], differing: [], drift: 0 });
  });

  it('primary-new: a change FieldOps takes reaches the CRM in its field names', async () => {
    await setMode('primary-new');
    const id = ids[1] ?? '';
    const feed = legacy.changes.length;
    const answer = await patchMerchant(id, { legalName: 'Renamed In FieldOps Ltd', lat: 1.35, lng: 103.9 });
    expect(answer.version).toBe(2);
    await eventually(async () => expect(legacy.shops.get(id)).toMatchObject({ shop_name: 'Renamed In FieldOps Ltd', latitude: 1.35 }));
    expect(legacy.shops.get(id)).toMatchObject({ longitude: 103.9, biz_reg_no: '202012341K', contacts: [{ contact_name: 'Owner 1' }] });
    // The CRM records it like any change made through its API.
    expect(legacy.changes.slice(feed)).toEqual([expect.objectContaining({ operation: 'updated', record: legacy.shops.get(id) })]);
    expect(await reconcile()).toMatchObject({ differing: [], drift: 0 });
  });

  it('primary-new: a change to nothing the CRM keeps is not sent to it', async () => {
    const id = ids[1] ?? '';
    const patches = legacy.served.PATCH;
    await patchMerchant(id, { tier: 'A', brandName: 'Kopi Corner' });
    const [, latest] = await outbox('merchant', 'merchant.merchant.updated.v1', id);
    if (!latest) throw new Error('the change made no event');
    await applied('migration', 'migration.legacy-feed', [latest.id]);
    expect(legacy.served.PATCH).toBe(patches);
  });

  it('a change delivered again makes no second write in the CRM, nor undoes a later one', async () => {
    const id = ids[1] ?? '';
    await patchMerchant(id, { legalName: 'Renamed Again Ltd' });
    await eventually(async () => expect(legacy.shops.get(id)?.shop_name).toBe('Renamed Again Ltd'));
    const [first] = await outbox<Json>('merchant', 'merchant.merchant.updated.v1', id);
    expect(first?.data.legalName).toBe('Renamed In FieldOps Ltd');
    const feed = legacy.changes.length;
    const patches = legacy.served.PATCH;

    const migration = t.host.service('migration');
    if (!first || !migration) throw new Error('no update to deliver again');
    expect(await migration.replayDeadLetter(first, 'migration.legacy-feed')).toBe('duplicate');
    // The call is made again, under the same key: the CRM answers what it did the first time and changes nothing.
    expect(legacy.served.PATCH).toBe(patches + 1);
    expect(legacy.changes.length).toBe(feed);
    expect(legacy.shops.get(id)?.shop_name).toBe('Renamed Again Ltd');
  });

  it("back in shadow, FieldOps's own changes read from the CRM's feed change nothing: no echo", async () => {
    await setMode('shadow');
    const id = ids[1] ?? '';
    const before = await merchantRow(id);
    const updates = (await outbox('merchant', 'merchant.merchant.updated.v1', id)).length;
    const patches = legacy.served.PATCH;
    // The CRM's feed holds the two changes the legacy adapter made while FieldOps took the writes; the later one is
    // the record as it is now, and the only one handed on.
    expect(legacy.changes.filter((c) => c.record.shop_id === id).map((c) => c.record.shop_name)).toEqual([
      'Renamed In FieldOps Ltd',
      'Renamed Again Ltd',
    ]);
    expect(await importChanges()).toEqual({ imported: 1 });
    const handedOn = await outbox<Json>('migration', 'migration.legacy.merchant-updated.v1', id);
    expect(handedOn.map((e) => e.data.merchant.legalName)).toEqual(['Renamed Again Ltd']);
    await applied(
      'merchant',
      'merchant.legacy-import',
      handedOn.map((e) => e.id),
    );
    // FieldOps holds these values already: no new version, no event, nothing sent to the CRM.
    expect(await merchantRow(id)).toEqual(before);
    expect(await outbox('merchant', 'merchant.merchant.updated.v1', id)).toHaveLength(updates);
    expect(legacy.served.PATCH).toBe(patches);
    expect(await reconcile()).toMatchObject({ onlyLegacy: [], onlyFieldOps: [], differing: [], drift: 0 });
    const metrics = await t.api('GET', '/metrics');
    expect(String(metrics.body)).toMatch(/fieldops_migration_drift\{route="merchants"\} 0/);
  });
});
